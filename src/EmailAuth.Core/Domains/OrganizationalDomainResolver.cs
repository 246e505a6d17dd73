using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Dns;

namespace EmailAuth.Core.Domains
{
    /// <summary>
    /// Finds a name's Organizational Domain by either method; the one service Resolve-OrganizationalDomain, DMARC
    /// discovery and (later) alignment use, so that they agree.
    /// </summary>
    public sealed class OrganizationalDomainResolver
    {
        private readonly IDnsResolver? _resolver;

        /// <param name="resolver">DNS for the tree walk; may be null when only <see cref="OrganizationalDomainMethod.PublicSuffixList"/> is used.</param>
        /// <param name="list">The list for the PSL method; default: the embedded copy.</param>
        public OrganizationalDomainResolver(IDnsResolver? resolver, PublicSuffixList? list = null)
        {
            _resolver = resolver;
            List = list ?? PublicSuffixList.Embedded;
        }

        public PublicSuffixList List { get; }

        /// <summary>RFC 7489 §3.2 (no DNS). A name that is itself a public suffix is its own Organizational Domain.</summary>
        public OrganizationalDomainInfo ByPublicSuffixList(string domain)
        {
            var match = List.Match(domain) ?? throw new ArgumentException($"'{domain}' is not a domain name.", nameof(domain));
            return new OrganizationalDomainInfo
            {
                Domain = domain,
                Method = OrganizationalDomainMethod.PublicSuffixList,
                OrganizationalDomain = match.RegistrableDomain ?? match.Domain,
                PublicSuffix = match.PublicSuffix,
                Rule = match.Rule,
                ListSource = List.Source,
                Reason = match.RegistrableDomain != null
                    ? $"public suffix {match.PublicSuffix} (rule {match.Rule}{SectionText(match.Section)}) plus one label"
                    : $"{match.Domain} is itself a public suffix (rule {match.Rule}{SectionText(match.Section)}): it is its own Organizational Domain",
            };
        }

        /// <summary>
        /// <see cref="ByPublicSuffixList"/>'s Organizational Domain alone (the same exception for a name that is not one),
        /// without the description callers that only compare domains never read.
        /// </summary>
        internal string OrganizationalDomainByList(string domain)
        {
            var match = List.Match(domain) ?? throw new ArgumentException($"'{domain}' is not a domain name.", nameof(domain));
            return match.RegistrableDomain ?? match.Domain;
        }

        /// <summary>RFC 9989 DNS tree walk (at most 8 queries).</summary>
        public async Task<OrganizationalDomainInfo> ByTreeWalkAsync(string domain, CancellationToken cancellationToken = default)
        {
            if (_resolver == null) throw new InvalidOperationException("The tree walk needs a DNS resolver.");
            var walk = await new DnsTreeWalk(_resolver).WalkAsync(domain, cancellationToken).ConfigureAwait(false);
            return FromWalk(domain, walk);
        }

        public Task<OrganizationalDomainInfo> ResolveAsync(string domain, OrganizationalDomainMethod method, CancellationToken cancellationToken = default) =>
            method == OrganizationalDomainMethod.PublicSuffixList
                ? Task.FromResult(ByPublicSuffixList(domain))
                : ByTreeWalkAsync(domain, cancellationToken);

        internal static OrganizationalDomainInfo FromWalk(string domain, TreeWalkResult walk) => new OrganizationalDomainInfo
        {
            Domain = domain,
            Method = OrganizationalDomainMethod.TreeWalk,
            OrganizationalDomain = walk.OrganizationalDomain,
            Reason = walk.Reason,
            Queries = walk.Steps.ToList(),
            Error = walk.FailedStep?.ToString(),
        };

        private static string SectionText(PublicSuffixSection section) =>
            section == PublicSuffixSection.Icann ? ", ICANN section" : section == PublicSuffixSection.Private ? ", PRIVATE section" : string.Empty;
    }
}
