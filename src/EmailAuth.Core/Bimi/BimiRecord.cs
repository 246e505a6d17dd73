using System;
using System.Collections.Generic;
using EmailAuth.Core.Audit;

namespace EmailAuth.Core.Bimi
{
    /// <summary>A parsed BIMI Assertion Record (draft-brand-indicators-for-message-identification §4.2).</summary>
    public sealed class BimiRecord
    {
        public string Text { get; internal set; } = string.Empty;
        /// <summary>v= as written (must be exactly "BIMI1").</summary>
        public string? Version { get; internal set; }
        /// <summary>l= (the SVG indicator URL); empty string when published empty, null when absent.</summary>
        public string? Location { get; internal set; }
        /// <summary>a= (the VMC/CMC evidence document URL); empty string when published empty, null when absent.</summary>
        public string? Authority { get; internal set; }
        /// <summary>l= and a= both empty or absent with l= present: the domain declines BIMI.</summary>
        public bool IsDeclination { get; internal set; }
        /// <summary>Receivers can use the record (no error-level syntax finding).</summary>
        public bool IsUsable { get; internal set; }
        public IReadOnlyList<Finding> Findings { get; internal set; } = Array.Empty<Finding>();

        public override string ToString() => Text;
    }
}
