using System;
using System.Linq;
using System.Management.Automation;
using EmailAuth.Core.Dmarc;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Domains;
using EmailAuth.Internal;

namespace EmailAuth.Commands
{
    /// <summary>Discovers the DMARC policy that applies to a domain (RFC 9989 tree walk or RFC 7489 PSL) and audits it.</summary>
    [Cmdlet(VerbsCommon.Get, "DmarcPolicy", DefaultParameterSetName = LiveSet)]
    [OutputType(typeof(DmarcPolicyInfo))]
    public sealed class GetDmarcPolicyCommand : OrganizationalDomainCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name", "FromDomain")]
        [ValidateNotNullOrEmpty]
        public string[] Domain { get; set; } = Array.Empty<string>();

        private DomainProgress? _progress;

        protected override void EndProcessing() => _progress?.Complete();

        protected override void ProcessRecord()
        {
            foreach (var input in Domain)
            {
                (_progress ??= new DomainProgress(this, "Get-DmarcPolicy", "Discovering DMARC policies")).Next(input);
                var domain = DomainNameInput.Normalize(input, out var error);
                if (domain == null)
                {
                    WriteInvalidDomain(error!, input);
                    continue;
                }
                WriteVerbose($"Discovering the DMARC policy of {domain} ({Method}) using {ResolverDescription}.");
                var tracer = new TracingDnsResolver(SharedResolver);
                DmarcPolicyInfo info;
                try
                {
                    var options = new DmarcDiscoveryOptions { Method = Method };
                    info = RunCore(ct => new DmarcPolicyInspector(tracer, SuffixList).InspectAsync(domain, options, ct));
                }
                catch (Exception e) when (!IsFatal(e))
                {
                    WriteDnsTrace(tracer);
                    WriteUnexpectedError(e, "DmarcDiscoveryFailed", domain);
                    continue;
                }
                WriteDnsTrace(tracer);
                WriteObject(info);
                // As Get-SpfRecord: a failed lookup is an error record too, so it is never mistaken for "no record".
                var dnsError = info.Record == null ? info.Findings.FirstOrDefault(f => f.Code == DmarcFindingCodes.DnsError) : null;
                if (dnsError != null)
                    WriteItemError($"The DMARC lookup of {domain} failed: {dnsError.Message}", "DmarcDnsError",
                        ErrorCategory.ResourceUnavailable, domain, "Retry later, raise -TimeoutSec, or ask another resolver with -Server.");
            }
        }
    }
}
