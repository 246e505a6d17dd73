using System;
using System.Linq;
using System.Management.Automation;
using EmailAuth.Core.Domains;
using EmailAuth.Core.Posture;

namespace EmailAuth.Commands
{
    /// <summary>
    /// The posture report of domains: SPF, DKIM, DMARC (and the sections other work items add), the Gmail/Yahoo
    /// bulk-sender checks and a grade. Domains are audited concurrently (-ThrottleLimit) through the session's one
    /// DNS cache; reports are written as each domain finishes, from the pipeline thread only.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "EmailAuth", DefaultParameterSetName = LiveSet)]
    [OutputType(typeof(EmailAuthReport))]
    public sealed class TestEmailAuthCommand : OrganizationalDomainCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        public string[] Domain { get; set; } = Array.Empty<string>();

        /// <summary>DKIM selectors to look up at every domain; without it, the common selectors are tried (guessed).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Selector { get; set; }

        /// <summary>Most domains audited at once.</summary>
        [Parameter]
        [ValidateRange(1, 256)]
        public int ThrottleLimit { get; set; } = 16;

        private PostureRunner? _runner;
        private int _started;
        private int _written;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            var options = new PostureOptions
            {
                Selectors = Selector == null ? null : Selector.Select(NormalizeSelector).Distinct().ToList(),
                Method = Method,
                SuffixList = SuffixList,
                OfflineZones = OfflineZones,
            };
            // SharedResolver is the session's CachingDnsResolver (or the zone files): one cache for every domain.
            _runner = new PostureRunner(new PostureAuditor(SharedResolver, options), ThrottleLimit, StopToken);
        }

        /// <summary>A selector is a sub-domain (RFC 6376 §3.1): checked by the one conversion of user-typed names.</summary>
        private string NormalizeSelector(string input)
        {
            const string probe = "._domainkey.example.com";
            var name = DomainNameInput.Normalize(input.Trim().TrimEnd('.') + probe, out var error);
            if (name == null)
                ThrowTerminating($"Selector '{input}' is not a valid DNS label sequence: {error}", "InvalidSelector", ErrorCategory.InvalidArgument, input);
            return name!.Substring(0, name.Length - probe.Length);
        }

        protected override void ProcessRecord()
        {
            foreach (var input in Domain)
            {
                var domain = DomainNameInput.Normalize(input, out var error);
                if (domain == null)
                {
                    WriteInvalidDomain(error!, input);
                    continue;
                }
                // Wait for a free slot by writing finished reports: memory stays bounded whatever the input size.
                while (!_runner!.HasFreeSlot) WriteReport(Wait());
                WriteVerbose($"Auditing {domain} ({Method}) using {ResolverDescription}.");
                _runner.Start(domain);
                _started++;
                while (_runner.TryTake(out var done)) WriteReport(done!);
            }
        }

        protected override void EndProcessing()
        {
            if (_runner == null) return;
            EmailAuthReport? report;
            while ((report = Wait()) != null) WriteReport(report);
            if (_started >= 2)
                WriteProgress(new ProgressRecord(1, "Test-EmailAuth", "Auditing domains")
                {
                    StatusDescription = $"{_written} of {_started} domain(s) done", RecordType = ProgressRecordType.Completed,
                });
        }

        private EmailAuthReport? Wait()
        {
            try
            {
                return _runner!.Take();
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }
        }

        private void WriteReport(EmailAuthReport? report)
        {
            if (report == null) return;
            _written++;
            if (_started >= 2)
                WriteProgress(new ProgressRecord(1, "Test-EmailAuth", "Auditing domains")
                {
                    StatusDescription = $"{_written} of {_started} domain(s) done",
                    CurrentOperation = report.Domain,
                    RecordType = ProgressRecordType.Processing,
                });
            if (report.Grade == PostureGrade.TempError)
                WriteWarning($"{report.Domain}: DNS lookups failed, so its report is incomplete (grade TempError). {report.GradeReason}");
            WriteObject(report);
        }
    }
}
