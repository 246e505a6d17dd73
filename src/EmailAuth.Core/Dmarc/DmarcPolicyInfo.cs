using System;
using System.Collections.Generic;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Domains;

namespace EmailAuth.Core.Dmarc
{
    /// <summary>The DMARC policy that applies to a name (Get-DmarcPolicy), or a record checked offline (ConvertFrom-DmarcRecord).</summary>
    public sealed class DmarcPolicyInfo
    {
        /// <summary>The name asked about (the RFC5322.From domain).</summary>
        public string Domain { get; set; } = string.Empty;
        /// <summary>The record text that applies; null when none was found.</summary>
        public string? Record { get; set; }
        /// <summary>A record was found (or given), receivers can use it, and no error-level finding applies.</summary>
        public bool IsValid { get; set; }
        /// <summary>Where the record was found: the name itself, its Organizational Domain or a Public Suffix Domain.</summary>
        public string? PolicyDomain { get; set; }
        /// <summary>The Organizational Domain by <see cref="Method"/>; null when a DNS failure left it unknown.</summary>
        public string? OrganizationalDomain { get; set; }
        /// <summary>How the Organizational Domain was found (TreeWalk by default, RFC 9989).</summary>
        public OrganizationalDomainMethod Method { get; set; }
        /// <summary>p= of the record (none when absent, RFC 9989).</summary>
        public DmarcPolicy? Policy { get; set; }
        /// <summary>What applies to existing subdomains: sp=, else p=.</summary>
        public DmarcPolicy? SubdomainPolicy { get; set; }
        /// <summary>What applies to subdomains that do not exist: np=, else sp=, else p= (RFC 9091, RFC 9989).</summary>
        public DmarcPolicy? NonexistentDomainPolicy { get; set; }
        /// <summary>The policy for <see cref="Domain"/> itself: p= at the policy domain; sp= or np= below it. Null when no DMARC applies.</summary>
        public DmarcPolicy? EffectivePolicy { get; set; }
        /// <summary>False when A, AAAA and MX all answer NXDOMAIN or NODATA (then np= applies); null when not checked or unknown.</summary>
        public bool? DomainExists { get; set; }
        public DmarcAlignmentMode? AlignmentSpf { get; set; }
        public DmarcAlignmentMode? AlignmentDkim { get; set; }
        /// <summary>pct= (RFC 7489; 100 when absent).</summary>
        public int? Pct { get; set; }
        /// <summary>t=y (RFC 9989): receivers are asked not to apply the policy.</summary>
        public bool Testing { get; set; }
        public DmarcPsd? Psd { get; set; }
        /// <summary>Aggregate report URIs as written.</summary>
        public IReadOnlyList<string> Rua { get; set; } = Array.Empty<string>();
        /// <summary>Failure report URIs as written.</summary>
        public IReadOnlyList<string> Ruf { get; set; } = Array.Empty<string>();
        /// <summary>The parsed record (tags, URIs, defaults); null when none was found.</summary>
        public DmarcRecord? ParsedRecord { get; set; }
        /// <summary>The _dmarc queries of discovery, in order.</summary>
        public IReadOnlyList<TreeWalkStep> Queries { get; set; } = Array.Empty<TreeWalkStep>();
        public IReadOnlyList<Finding> Findings { get; set; } = Array.Empty<Finding>();

        public override string ToString() => Record ?? $"(no DMARC record for {Domain})";

        /// <summary>A shallow copy (its lists are read-only once built).</summary>
        internal DmarcPolicyInfo Copy() => (DmarcPolicyInfo)MemberwiseClone();
    }
}
