using EmailAuth.Core.Domains;

namespace EmailAuth.Core.Dmarc
{
    /// <summary>How Get-DmarcPolicy discovers and checks a policy.</summary>
    public sealed class DmarcDiscoveryOptions
    {
        /// <summary>TreeWalk (RFC 9989, default) or PublicSuffixList (RFC 7489 §6.6.3: the name, then its PSL Organizational Domain).</summary>
        public OrganizationalDomainMethod Method { get; set; } = OrganizationalDomainMethod.TreeWalk;

        /// <summary>Look up external report authorization (RFC 7489 §7.1) and MX of report domains.</summary>
        public bool CheckReportDestinations { get; set; } = true;

        /// <summary>Most distinct report domains checked per record (each costs up to 2 queries plus a tree walk).</summary>
        public int MaxReportDomains { get; set; } = 4;
    }
}
