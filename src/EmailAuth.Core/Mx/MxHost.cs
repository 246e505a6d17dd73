using System;
using System.Collections.Generic;

namespace EmailAuth.Core.Mx
{
    /// <summary>One mail exchanger of a domain (an MX record, or the domain itself as implicit MX) and its addresses.</summary>
    public sealed class MxHost
    {
        public int Preference { get; set; }
        /// <summary>The target name ("." for a null MX).</summary>
        public string Exchange { get; set; } = string.Empty;
        /// <summary>A and AAAA addresses of the target (after any CNAME chain).</summary>
        public IReadOnlyList<string> Addresses { get; set; } = Array.Empty<string>();
        /// <summary>CNAMEs followed from the target; should be empty (RFC 2181 §10.3).</summary>
        public IReadOnlyList<string> CnameChain { get; set; } = Array.Empty<string>();
        /// <summary>No MX record: the domain's own addresses (RFC 5321 §5.1).</summary>
        public bool IsImplicit { get; set; }
        public bool IsNullMx { get; set; }
        /// <summary>The address lookups succeeded or were answered (not a DNS failure); false when not resolved.</summary>
        public bool Resolved { get; set; }

        public override string ToString() => $"{Preference} {Exchange}";
    }
}
