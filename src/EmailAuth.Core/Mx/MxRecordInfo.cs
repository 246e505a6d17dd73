using System;
using System.Collections.Generic;
using EmailAuth.Core.Audit;

namespace EmailAuth.Core.Mx
{
    /// <summary>The mail exchangers of a domain (Get-MxRecord), sorted by preference, with their addresses.</summary>
    public sealed class MxRecordInfo
    {
        public string Domain { get; set; } = string.Empty;
        /// <summary>MX records (or the implicit MX) by preference, then name.</summary>
        public IReadOnlyList<MxHost> Hosts { get; set; } = Array.Empty<MxHost>();
        /// <summary>The domain publishes a null MX (RFC 7505): it accepts no mail.</summary>
        public bool IsNullMx { get; set; }
        /// <summary>No MX records: mail goes to the domain's own A/AAAA (RFC 5321 §5.1).</summary>
        public bool IsImplicit { get; set; }
        /// <summary>True when at least one exchanger has an address; false for null MX or nowhere to deliver; null when DNS failed.</summary>
        public bool? AcceptsMail { get; set; }
        /// <summary>MX records exist (or the null MX is alone) and no error-level finding applies.</summary>
        public bool IsValid { get; set; }
        public IReadOnlyList<Finding> Findings { get; set; } = Array.Empty<Finding>();

        public override string ToString() => Domain;
    }
}
