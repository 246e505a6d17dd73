using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Aws.Ses;
using EmailAuth.Core.Dmarc;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Domains;

namespace EmailAuth.Core.Posture
{
    /// <summary>What every section of one domain's audit gets: the name, the resolver (shared cache underneath) and the options.</summary>
    public sealed class PostureContext
    {
        public PostureContext(string domain, IDnsResolver resolver, PostureOptions options, PostureSesInput? ses = null)
        {
            Ses = ses;
            Domain = domain ?? throw new ArgumentNullException(nameof(domain));
            Resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));
            Options = options ?? throw new ArgumentNullException(nameof(options));
        }

        /// <summary>Normalized A-label form, no trailing dot.</summary>
        public string Domain { get; }
        public IDnsResolver Resolver { get; }
        public PostureOptions Options { get; }
        /// <summary>The SES identity audited (Get-SesIdentity | Test-EmailAuth), or null for a plain domain.</summary>
        public PostureSesInput? Ses { get; }

        private readonly object _dmarcLock = new object();
        private Task<DmarcPolicyInfo>? _dmarc;

        /// <summary>
        /// The domain's DMARC policy (RFC 9989 discovery, without the report-destination checks), discovered once per
        /// audit for the DMARC and BIMI sections and the bulk-sender verdict: three discoveries per domain were a
        /// large share of a bulk audit's CPU.
        /// </summary>
        internal Task<DmarcPolicyInfo> DmarcPolicyAsync(CancellationToken cancellationToken)
        {
            // Started under the lock by the first to ask (its token), then shared: no Lazy, closure and delegate per audit.
            // The inspector is async, so a failure is in the task, which every caller sees, as with Lazy before.
            lock (_dmarcLock)
                return _dmarc ??= new DmarcPolicyInspector(Resolver, Options.SuffixList)
                    .InspectAsync(Domain, new DmarcDiscoveryOptions { Method = Options.Method, CheckReportDestinations = false }, cancellationToken);
        }
    }

    /// <summary>An SES identity to audit, with the other identities of the same listing (an address is covered by its domain's).</summary>
    public sealed class PostureSesInput
    {
        public PostureSesInput(SesIdentity identity, IReadOnlyCollection<SesIdentity>? known = null)
        {
            Identity = identity ?? throw new ArgumentNullException(nameof(identity));
            Known = known;
        }

        public SesIdentity Identity { get; }
        public IReadOnlyCollection<SesIdentity>? Known { get; }
    }

    /// <summary>Options of a posture audit, the same for every domain of a run.</summary>
    public sealed class PostureOptions
    {
        /// <summary>DKIM selectors to look up; null or empty tries <see cref="Dkim.DkimCommonSelectors.All"/> (results marked guessed).</summary>
        public IReadOnlyList<string>? Selectors { get; set; }
        public OrganizationalDomainMethod Method { get; set; } = OrganizationalDomainMethod.TreeWalk;
        public PublicSuffixList? SuffixList { get; set; }
        /// <summary>With zone files: the zones they hold (DKIM CNAMEs leaving them are not checked offline).</summary>
        public IReadOnlyList<string>? OfflineZones { get; set; }
        /// <summary>Most DNS records kept in <see cref="EmailAuthReport.Records"/> (hostile zones stay bounded).</summary>
        public int MaxRecordsSeen { get; set; } = 200;
    }
}
