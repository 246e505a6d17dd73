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

        protected override void ProcessRecord()
        {
            foreach (var input in Domain)
            {
                (_progress ??= new DomainProgress(this, "Get-MxRecord", "Looking up MX records")).Next(input);
                var domain = DomainNameInput.Normalize(input, out var error);
                if (domain == null)
                {
                    WriteInvalidDomain(error!, input);
                    continue;
                }
                WriteVerbose($"Looking up the MX records of {domain} using {ResolverDescription}.");
                var tracer = new TracingDnsResolver(SharedResolver);
                MxRecordInfo info;
                try
                {
                    info = RunCore(ct => new MxInspector(tracer).InspectAsync(domain, ct));
                }
                catch (Exception e) when (!IsFatal(e))
                {
                    WriteDnsTrace(tracer);
                    WriteUnexpectedError(e, "MxInspectionFailed", domain);
                    continue;
                }
                WriteDnsTrace(tracer);
                WriteObject(info);
                // Only the failed MX query itself is an error record: a target's failed address lookup is a warning finding.
                var dnsError = info.Findings.FirstOrDefault(f => f.Code == MxFindingCodes.DnsError && f.Severity >= FindingSeverity.Error);
                if (dnsError != null)
                    WriteItemError($"The MX lookup of {domain} failed: {dnsError.Message}", "MxDnsError",
                        ErrorCategory.ResourceUnavailable, domain, "Retry later, raise -TimeoutSec, or ask another resolver with -Server.");
            }
        }
    }
}
