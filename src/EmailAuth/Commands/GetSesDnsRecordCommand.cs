using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EmailAuth.Core.Aws.DnsPlan;
using EmailAuth.Core.Aws.Ses;
using EmailAuth.Core.Dmarc;
using EmailAuth.Core.Dns;

namespace EmailAuth.Commands
{
    /// <summary>
    /// The DNS records piped SES identities need (DKIM, MAIL FROM, DMARC where none is found, legacy
    /// verification), merged across accounts and regions. DMARC is looked up with the shared DNS parameters.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "SesDnsRecord", DefaultParameterSetName = LiveSet)]
    [OutputType(typeof(SesDnsRecord))]
    public sealed class GetSesDnsRecordCommand : DnsCmdlet
    {
        /// <summary>Identities from Get-SesIdentity or New-SesDomainIdentity.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateNotNull]
        public SesIdentity[] InputObject { get; set; } = Array.Empty<SesIdentity>();

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

        private readonly List<SesDnsPlanInput> _inputs = new List<SesDnsPlanInput>();

        protected override void ProcessRecord()
        {
            foreach (var identity in InputObject)
                _inputs.Add(new SesDnsPlanInput(identity, InputObject.Length == 1 ? VerificationToken : null));
        }

        protected override void EndProcessing()
        {
            var options = new SesDnsPlanOptions
            {
                Ttl = Ttl,
                IncludeDmarc = !NoDmarc,
                DmarcPolicy = DmarcPolicy,
                DmarcReportAddress = DmarcReportAddress,
            };
            try { SesDnsPlanner.DmarcText(options); }
            catch (ArgumentException e) { ThrowTerminating(e.Message, "InvalidDmarcReportAddress", ErrorCategory.InvalidArgument, DmarcReportAddress, e); }
            if (PublicKey != null)
                foreach (var selector in _inputs.Select(i => i.Identity.Dkim?.Selector).Where(s => s != null).Distinct(StringComparer.OrdinalIgnoreCase))
                    options.PublicKeys[selector!] = PublicKey;
            if (!NoDmarc) options.DomainsWithDmarc = FindDomainsWithDmarc();
            var plan = SesDnsPlanner.Plan(_inputs, options);
            foreach (var w in plan.Warnings) WriteWarning(w);
            foreach (var r in plan.Records) WriteObject(r);
        }

        /// <summary>Domains whose DMARC policy discovery (RFC 9989 tree walk) finds a record: no DMARC record is planned for them.</summary>
        private ISet<string> FindDomainsWithDmarc()
        {
            var found = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var domains = _inputs.Where(i => !i.Identity.Identity.Contains("@"))
                .Select(i => DnsName.Normalize(i.Identity.Domain).ToLowerInvariant()).Where(d => d.Length > 0).Distinct().ToList();
            foreach (var domain in domains)
            {
                var tracer = new TracingDnsResolver(SharedResolver);
                try
                {
                    var info = RunCore(ct => new DmarcPolicyInspector(tracer).InspectAsync(domain, new DmarcDiscoveryOptions(), ct));
                    WriteDnsTrace(tracer);
                    if (info.Record != null)
                    {
                        WriteVerbose($"{domain}: DMARC policy found at _dmarc.{info.PolicyDomain}; no DMARC record planned.");
                        found.Add(domain);
                    }
                    else if (info.Findings.Any(f => f.Code == DmarcFindingCodes.DnsError))
                        WriteWarning($"{domain}: the DMARC lookup failed ({ResolverDescription}); a DMARC record is planned, check that none exists before publishing it.");
                }
                catch (Exception e) when (!IsFatal(e))
                {
                    WriteDnsTrace(tracer);
                    WriteWarning($"{domain}: the DMARC lookup failed: {e.Message}; a DMARC record is planned.");
                }
            }
            return found;
        }
    }
}
