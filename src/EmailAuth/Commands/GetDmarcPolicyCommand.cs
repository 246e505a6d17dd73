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

        protected override void ProcessRecord() =>
            InspectEachDomain(Domain, ref _progress, "Get-DmarcPolicy", "Discovering DMARC policies",
                domain => $"Discovering the DMARC policy of {domain} ({Method})",
                (resolver, domain, ct) => new DmarcPolicyInspector(resolver, SuffixList).InspectAsync(domain, new DmarcDiscoveryOptions { Method = Method }, ct),
                "DmarcDiscoveryFailed",
                info => info.Record == null ? info.Findings.FirstOrDefault(f => f.Code == DmarcFindingCodes.DnsError) : null, "DMARC", "DmarcDnsError");
    }
}
