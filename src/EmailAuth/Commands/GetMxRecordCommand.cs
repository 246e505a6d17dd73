using System;
using System.Linq;
using System.Management.Automation;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Domains;
using EmailAuth.Core.Mx;
using EmailAuth.Internal;

namespace EmailAuth.Commands
{
    /// <summary>Lists a domain's mail exchangers by preference with their addresses, and checks null MX, CNAME and missing targets.</summary>
    [Cmdlet(VerbsCommon.Get, "MxRecord", DefaultParameterSetName = LiveSet)]
    [OutputType(typeof(MxRecordInfo))]
    public sealed class GetMxRecordCommand : DnsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        public string[] Domain { get; set; } = Array.Empty<string>();

        private DomainProgress? _progress;

        protected override void EndProcessing() => _progress?.Complete();

        protected override void ProcessRecord() =>
            InspectEachDomain(Domain, ref _progress, "Get-MxRecord", "Looking up MX records",
                domain => $"Looking up the MX records of {domain}",
                (resolver, domain, ct) => new MxInspector(resolver).InspectAsync(domain, ct), "MxInspectionFailed",
                // Only the failed MX query itself is an error record: a target's failed address lookup is a warning finding.
                info => info.Findings.FirstOrDefault(f => f.Code == MxFindingCodes.DnsError && f.Severity >= FindingSeverity.Error),
                "MX", "MxDnsError");
    }
}
