using System;
using System.Collections.Generic;

namespace EmailAuth.Core.Domains
{
    /// <summary>A name's Organizational Domain and how it was found (Resolve-OrganizationalDomain).</summary>
    public sealed class OrganizationalDomainInfo
    {
        public string Domain { get; set; } = string.Empty;
        /// <summary>The Organizational Domain (lower-case A-labels); null when the tree walk hit a DNS failure.</summary>
        public string? OrganizationalDomain { get; set; }
        public OrganizationalDomainMethod Method { get; set; }
        /// <summary>Which rule decided, in words.</summary>
        public string Reason { get; set; } = string.Empty;
        /// <summary>PublicSuffixList: the public suffix of the name ("co.uk").</summary>
        public string? PublicSuffix { get; set; }
        /// <summary>PublicSuffixList: the prevailing rule ("*.ck", "!www.ck", "*" for the implicit rule).</summary>
        public string? Rule { get; set; }
        /// <summary>PublicSuffixList: the list used (embedded copy or file path).</summary>
        public string? ListSource { get; set; }
        /// <summary>TreeWalk: the _dmarc queries sent, in order (at most 8).</summary>
        public IReadOnlyList<TreeWalkStep> Queries { get; set; } = Array.Empty<TreeWalkStep>();
        /// <summary>TreeWalk: the query that failed, if any (then <see cref="OrganizationalDomain"/> is null).</summary>
        public string? Error { get; set; }

        public override string ToString() => OrganizationalDomain ?? $"(unknown: {Error})";
    }
}
