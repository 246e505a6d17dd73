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

        protected override void ProcessRecord()
        {
            foreach (var input in Domain)
            {
                (_progress ??= new DomainProgress(this, "Get-TlsRptRecord", "Looking up TLS-RPT records")).Next(input);
                var domain = DomainNameInput.Normalize(input, out var error);
                if (domain == null)
                {
                    WriteInvalidDomain(error!, input);
                    continue;
                }
                WriteVerbose($"Looking up _smtp._tls.{domain} using {ResolverDescription}.");
                var tracer = new TracingDnsResolver(SharedResolver);
                TlsRptRecordInfo info;
                try
                {
                    info = RunCore(ct => new TlsRptInspector(tracer).InspectAsync(domain, ct));
                }
                catch (Exception e) when (!IsFatal(e))
                {
                    WriteDnsTrace(tracer);
                    WriteUnexpectedError(e, "TlsRptInspectionFailed", domain);
                    continue;
                }
                WriteDnsTrace(tracer);
                WriteObject(info);
                var dnsError = info.Findings.FirstOrDefault(f => f.Code == TlsRptFindingCodes.DnsError);
                if (dnsError != null)
                    WriteItemError($"The TLS-RPT lookup of {domain} failed: {dnsError.Message}", "TlsRptDnsError",
                        ErrorCategory.ResourceUnavailable, domain, "Retry later, raise -TimeoutSec, or ask another resolver with -Server.");
            }
        }
    }
}
