using System;
using System.Linq;
using System.Management.Automation;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Domains;
using EmailAuth.Core.Spf;
using EmailAuth.Internal;

namespace EmailAuth.Commands
{
    /// <summary>Fetches, parses and lints a domain's SPF record and its include/redirect tree.</summary>
    [Cmdlet(VerbsCommon.Get, "SpfRecord", DefaultParameterSetName = LiveSet)]
    [OutputType(typeof(SpfRecordInfo))]
    public sealed class GetSpfRecordCommand : DnsCmdlet
    {
        /// <summary>Finding the inspector reports when the root record could not be fetched (a temperror).</summary>
        private const string DnsErrorCode = "SPF_DNS_ERROR";

        private DomainProgress? _progress;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        public string[] Domain { get; set; } = Array.Empty<string>();

        protected override void ProcessRecord()
        {
            foreach (var input in Domain)
            {
                (_progress ??= new DomainProgress(this, "Get-SpfRecord", "Inspecting SPF records")).Next(input);
                var domain = DomainNameInput.Normalize(input, out var error);
                if (domain == null)
                {
                    WriteInvalidDomain(error!, input);
                    continue;
                }

                WriteVerbose($"Inspecting the SPF record of {domain} using {ResolverDescription}.");
                var tracer = new TracingDnsResolver(SharedResolver);
                SpfRecordInfo info;
                try
                {
                    info = RunCore(ct => new SpfRecordInspector(tracer).InspectAsync(domain, ct));
                }
                catch (Exception e) when (!IsFatal(e))
                {
                    WriteDnsTrace(tracer);
                    WriteUnexpectedError(e, "SpfInspectionFailed", domain);
                    continue;
                }
                WriteDnsTrace(tracer);
                WriteObject(info);
                if (info.Record == null && info.Findings.Any(f => f.Code == DnsErrorCode))
                    WriteDnsError(domain, tracer, info);
            }
        }

        protected override void EndProcessing()
        {
            _progress?.Complete();
        }

        /// <summary>
        /// The object is written first (its SPF_DNS_ERROR finding is what scripts gate on), then a
        /// non-terminating error, so that a failed lookup is never mistaken for "no SPF record"
        /// (RFC 7208 §2.6.6 temperror) and -ErrorAction decides whether it stops a script.
        /// </summary>
        private void WriteDnsError(string domain, TracingDnsResolver tracer, SpfRecordInfo info)
        {
            var failed = tracer.Entries.Select(e => e.Answer)
                .FirstOrDefault(a => a.IsError && DnsName.Equals(a.QueryName, domain));
            string message;
            var category = ErrorCategory.ResourceUnavailable;
            if (failed != null)
            {
                if (failed.Status == DnsAnswerStatus.Timeout) category = ErrorCategory.OperationTimeout;
                message = $"The SPF lookup of {domain} failed: {failed.QueryType} query answered {failed.Status}"
                        + $" by {failed.Server ?? "the resolver"}{(failed.ErrorMessage != null ? " (" + failed.ErrorMessage + ")" : "")}."
                        + " This is a temperror, not a missing record.";
            }
            else
            {
                var finding = info.Findings.First(f => f.Code == DnsErrorCode);
                message = $"The SPF lookup of {domain} failed: {finding.Message}";
            }
            WriteItemError(message, "SpfDnsError", category, domain,
                "Retry later, raise -TimeoutSec, or ask another resolver with -Server.");
        }
    }
}
