using System;
using System.Linq;
using System.Management.Automation;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Domains;
using EmailAuth.Core.TlsRpt;
using EmailAuth.Internal;

namespace EmailAuth.Commands
{
    /// <summary>Looks up and checks the SMTP TLS Reporting record at _smtp._tls.&lt;domain&gt; (RFC 8460).</summary>
    [Cmdlet(VerbsCommon.Get, "TlsRptRecord", DefaultParameterSetName = LiveSet)]
    [OutputType(typeof(TlsRptRecordInfo))]
    public sealed class GetTlsRptRecordCommand : DnsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        public string[] Domain { get; set; } = Array.Empty<string>();

        private DomainProgress? _progress;

        protected override void EndProcessing() => _progress?.Complete();

        protected override void ProcessRecord() =>
            InspectEachDomain(Domain, ref _progress, "Get-TlsRptRecord", "Looking up TLS-RPT records",
                domain => $"Looking up _smtp._tls.{domain}",
                (resolver, domain, ct) => new TlsRptInspector(resolver).InspectAsync(domain, ct), "TlsRptInspectionFailed",
                info => info.Findings.FirstOrDefault(f => f.Code == TlsRptFindingCodes.DnsError), "TLS-RPT", "TlsRptDnsError");
    }
}
