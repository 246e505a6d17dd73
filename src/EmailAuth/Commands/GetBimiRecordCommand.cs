using System;
using System.Linq;
using System.Management.Automation;
using EmailAuth.Core.Bimi;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Domains;
using EmailAuth.Internal;

namespace EmailAuth.Commands
{
    /// <summary>Finds the BIMI record of a domain (selector, then default._bimi at the Organizational Domain) and checks its DMARC prerequisites.</summary>
    [Cmdlet(VerbsCommon.Get, "BimiRecord", DefaultParameterSetName = LiveSet)]
    [OutputType(typeof(BimiRecordInfo))]
    public sealed class GetBimiRecordCommand : OrganizationalDomainCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name", "FromDomain")]
        [ValidateNotNullOrEmpty]
        public string[] Domain { get; set; } = Array.Empty<string>();

        /// <summary>The BIMI selector (the s= of a BIMI-Selector header); "default" when not given.</summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Selector { get; set; } = "default";

        private DomainProgress? _progress;

        protected override void BeginProcessing()
        {
            Selector = Selector.Trim().TrimEnd('.');
            if (!BimiInspector.IsValidSelector(Selector))
                ThrowTerminating($"'{Selector}' is not a BIMI selector: use DNS labels of letters, digits, '-' or '_', e.g. default or brand1.",
                    "InvalidSelector", ErrorCategory.InvalidArgument, Selector);
            base.BeginProcessing();
        }

        protected override void EndProcessing() => _progress?.Complete();

        protected override void ProcessRecord() =>
            InspectEachDomain(Domain, ref _progress, "Get-BimiRecord", "Looking up BIMI records",
                domain => $"Looking up the BIMI record {Selector}._bimi.{domain} and its DMARC policy ({Method})",
                (resolver, domain, ct) => new BimiInspector(resolver, SuffixList).InspectAsync(domain, Selector, Method, ct), "BimiInspectionFailed",
                info => info.Findings.FirstOrDefault(f => f.Code == BimiFindingCodes.DnsError), "BIMI", "BimiDnsError");
    }
}
