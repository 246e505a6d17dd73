using System;
using System.Collections.Generic;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Dmarc;

namespace EmailAuth.Core.Bimi
{
    /// <summary>The BIMI record that applies to a domain and selector (Get-BimiRecord), with its DMARC prerequisites.</summary>
    public sealed class BimiRecordInfo
    {
        /// <summary>The author domain asked about.</summary>
        public string Domain { get; set; } = string.Empty;
        public string Selector { get; set; } = "default";
        /// <summary>The name the record was found at (or the first name asked when none was found).</summary>
        public string QueryName { get; set; } = string.Empty;
        /// <summary>The record came from default._bimi at the Organizational Domain.</summary>
        public bool IsFallback { get; set; }
        public string? Record { get; set; }
        public string? Version { get; set; }
        /// <summary>l=: the https URL of the SVG indicator (not fetched).</summary>
        public string? Location { get; set; }
        /// <summary>a=: the https URL of the VMC/CMC evidence document (not fetched).</summary>
        public string? Authority { get; set; }
        public bool IsDeclination { get; set; }
        /// <summary>The DMARC policy applying to <see cref="Domain"/>: p= (or sp=) in force.</summary>
        public DmarcPolicy? DmarcPolicy { get; set; }
        /// <summary>A usable record, not a declination, and every DMARC prerequisite met (no error-level finding).</summary>
        public bool IsValid { get; set; }
        public BimiRecord? ParsedRecord { get; set; }
        /// <summary>DMARC discovery for the domain (the prerequisites come from it).</summary>
        public DmarcPolicyInfo? Dmarc { get; set; }
        public IReadOnlyList<Finding> Findings { get; set; } = Array.Empty<Finding>();

        public override string ToString() => Record ?? $"(no BIMI record for {Domain})";
    }
}
