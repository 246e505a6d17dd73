using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Aws.DnsPlan;
using EmailAuth.Core.Dmarc;
using EmailAuth.Core.Dns;

namespace EmailAuth.Internal
{
    /// <summary>
    /// The parameters that choose what SES identities need in DNS, shared (as dynamic parameters) by
    /// Get-SesDnsRecord and Sync-SesDnsRecord's identity parameter set, so both plan the same records the same way.
    /// </summary>
    public sealed class SesDnsPlanParameters
    {
        /// <summary>The legacy _amazonses verification token (SESv2 does not return it), from a VerificationToken property of the piped object.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? VerificationToken { get; set; }

        /// <summary>BYODKIM: the public key (base64) of the identities' selector; SES does not return it.</summary>
        [Parameter]
        [ValidatePattern(@"^[A-Za-z0-9+/=\s]+$")]
        public string? PublicKey { get; set; }

        /// <summary>p= of a planned DMARC record.</summary>
        [Parameter]
        public DmarcPolicy DmarcPolicy { get; set; } = DmarcPolicy.None;

        /// <summary>rua= address of a planned DMARC record.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? DmarcReportAddress { get; set; }

        /// <summary>Plan no DMARC record (and look none up).</summary>
        [Parameter]
        public SwitchParameter NoDmarc { get; set; }

        /// <summary>TTL of the records (seconds).</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int Ttl { get; set; } = 1800;

        /// <summary>The parameter names above, to refuse them where they do not apply.</summary>
        public static readonly string[] Names = { nameof(VerificationToken), nameof(PublicKey), nameof(DmarcPolicy), nameof(DmarcReportAddress), nameof(NoDmarc), nameof(Ttl) };

        /// <summary>The input of one pipeline record: the token belongs to a single piped identity only.</summary>
        public IEnumerable<SesDnsPlanInput> Inputs(IReadOnlyList<Core.Aws.Ses.SesIdentity> identities) =>
            identities.Where(i => i != null).Select(i => new SesDnsPlanInput(i, identities.Count == 1 ? VerificationToken : null)).ToList();

        /// <summary>Planner options without the DMARC lookup; ArgumentException for an unusable -DmarcReportAddress.</summary>
        public SesDnsPlanOptions Options(IReadOnlyList<SesDnsPlanInput> inputs)
        {
            var options = new SesDnsPlanOptions
            {
                Ttl = Ttl,
                IncludeDmarc = !NoDmarc,
                DmarcPolicy = DmarcPolicy,
                DmarcReportAddress = DmarcReportAddress,
            };
            SesDnsPlanner.DmarcText(options);
            if (PublicKey != null)
                foreach (var selector in inputs.Select(i => i.Identity.Dkim?.Selector).Where(s => s != null).Distinct(StringComparer.OrdinalIgnoreCase))
                    options.PublicKeys[selector!] = PublicKey;
            return options;
        }

        /// <summary>
        /// Domains whose DMARC policy discovery (RFC 9989 tree walk) finds a record: no DMARC record is planned for them.
        /// <paramref name="run"/> runs a lookup on the cmdlet's stop token; the callbacks write on the pipeline thread.
        /// </summary>
        public static ISet<string> FindDomainsWithDmarc(IEnumerable<SesDnsPlanInput> inputs, IDnsResolver resolver, string resolverDescription,
            Func<Func<CancellationToken, Task<DmarcPolicyInfo>>, DmarcPolicyInfo> run, Action<TracingDnsResolver> trace,
            Action<string> verbose, Action<string> warning, Func<Exception, bool> isFatal)
        {
            var found = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var domains = inputs.Where(i => !i.Identity.Identity.Contains("@"))
                .Select(i => DnsName.Normalize(i.Identity.Domain).ToLowerInvariant()).Where(d => d.Length > 0).Distinct().ToList();
            foreach (var domain in domains)
            {
                var tracer = new TracingDnsResolver(resolver);
                try
                {
                    var info = run(ct => new DmarcPolicyInspector(tracer).InspectAsync(domain, new DmarcDiscoveryOptions(), ct));
                    trace(tracer);
                    if (info.Record != null)
                    {
                        verbose($"{domain}: DMARC policy found at _dmarc.{info.PolicyDomain}; no DMARC record planned.");
                        found.Add(domain);
                    }
                    else if (info.Findings.Any(f => f.Code == DmarcFindingCodes.DnsError))
                        warning($"{domain}: the DMARC lookup failed ({resolverDescription}); a DMARC record is planned, check that none exists before publishing it.");
                }
                catch (Exception e) when (!isFatal(e))
                {
                    trace(tracer);
                    warning($"{domain}: the DMARC lookup failed: {e.Message}; a DMARC record is planned.");
                }
            }
            return found;
        }
    }
}
