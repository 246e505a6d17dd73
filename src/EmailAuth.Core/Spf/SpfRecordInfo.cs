using System;
using System.Collections.Generic;
using EmailAuth.Core.Audit;

namespace EmailAuth.Core.Spf
{
    /// <summary>A domain's SPF record, parsed and linted, with its include/redirect tree.</summary>
    public sealed class SpfRecordInfo
    {
        public string Domain { get; set; } = string.Empty;
        /// <summary>The record text (TXT strings joined, RFC 7208 §3.3); null when none was found.</summary>
        public string? Record { get; set; }
        /// <summary>A record was found (or given), it parsed, and no error-level finding applies to it.</summary>
        public bool IsValid { get; set; }
        public IReadOnlyList<SpfTermInfo> Terms { get; set; } = new SpfTermInfo[0];
        /// <summary>DNS-querying terms across the whole include/redirect tree (§4.6.4: at most 10).</summary>
        public int DnsLookupCount { get; set; }
        /// <summary>Lookups in the tree that returned NXDOMAIN or no data (§4.6.4: at most 2).</summary>
        public int VoidLookupCount { get; set; }
        /// <summary>The records reached by include: and redirect=, each with its own tree.</summary>
        public IReadOnlyList<SpfRecordInfo> Includes { get; set; } = Array.Empty<SpfRecordInfo>();
        /// <summary>The term of the parent record that led here ("include:x" or "redirect=x"); null at the root.</summary>
        public string? ReferencedBy { get; set; }
        /// <summary>Every ip4: network in the tree (CIDR notation).</summary>
        public IReadOnlyList<string> Ip4 { get; set; } = Array.Empty<string>();
        /// <summary>Every ip6: network in the tree (CIDR notation).</summary>
        public IReadOnlyList<string> Ip6 { get; set; } = Array.Empty<string>();
        /// <summary>Findings for this record and every record below it.</summary>
        public IReadOnlyList<Finding> Findings { get; set; } = Array.Empty<Finding>();

        public override string ToString() => Record ?? $"(no SPF record at {Domain})";
    }
}
