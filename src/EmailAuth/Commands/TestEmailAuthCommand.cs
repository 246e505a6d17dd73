using System;
using System.Linq;
using System.Collections.Generic;
using System.Management.Automation;
using EmailAuth.Core.Aws.Ses;
using EmailAuth.Core.Domains;
using EmailAuth.Core.Posture;
using EmailAuth.Internal;

namespace EmailAuth.Commands
{
    /// <summary>
    /// The posture report of domains: SPF, DKIM, DMARC (and the sections other work items add), the Gmail/Yahoo
    /// bulk-sender checks and a grade. Domains are audited concurrently (-ThrottleLimit) through the session's one
    /// DNS cache; reports are written as each domain finishes, from the pipeline thread only. SES identities
    /// (Get-SesIdentity | Test-EmailAuth) are their own parameter sets, with -Server or -ZoneFile as for domains.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "EmailAuth", DefaultParameterSetName = LiveSet)]
    [OutputType(typeof(EmailAuthReport))]
    public sealed class TestEmailAuthCommand : OrganizationalDomainCmdlet
    {
        private const string SesLiveSet = "SesIdentityLive";
        private const string SesZoneFileSet = "SesIdentityZoneFile";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = LiveSet)]
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ZoneFileSet)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        public string[] Domain { get; set; } = Array.Empty<string>();

        /// <summary>SES identities from Get-SesIdentity: the identity's domain is audited, plus what SES reports against DNS.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = SesLiveSet)]
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = SesZoneFileSet)]
        [ValidateNotNull]
        public SesIdentity[] SesIdentity { get; set; } = Array.Empty<SesIdentity>();

        // The DNS parameters again, each also in its SES set (PowerShell reads the attributes of the override only).
        [Parameter(ParameterSetName = LiveSet)]
        [Parameter(ParameterSetName = SesLiveSet)]
        [ValidateNotNullOrEmpty]
        public override string[]? Server { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = ZoneFileSet)]
        [Parameter(Mandatory = true, ParameterSetName = SesZoneFileSet)]
        [ValidateNotNullOrEmpty]
        public override string[]? ZoneFile { get; set; }

        [Parameter(ParameterSetName = LiveSet)]
        [Parameter(ParameterSetName = SesLiveSet)]
        [ValidateRange(1, 60)]
        public override int TimeoutSec { get; set; } = 5;

        /// <summary>SES identities are audited in EndProcessing, with the whole listing known (an address is covered by its domain's identity).</summary>
        private readonly List<SesIdentity> _identities = new List<SesIdentity>();

        /// <summary>Most SES identities taken from one pipeline (an account's listing; bounded memory).</summary>
        public const int MaxSesIdentities = 100000;

        /// <summary>
        /// DKIM selectors to look up at every domain; without it (or empty), the common selectors are tried (guessed).
        /// Binds by property name too: Measure-DmarcReport summaries carry the selectors the reports saw passing.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = LiveSet)]
        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = ZoneFileSet)]
        [Parameter(ParameterSetName = SesLiveSet)]
        [Parameter(ParameterSetName = SesZoneFileSet)]
        [AllowNull, AllowEmptyCollection]
        public string[]? Selector { get; set; }

        /// <summary>Most domains audited at once.</summary>
        [Parameter]
        [ValidateRange(1, 256)]
        public int ThrottleLimit { get; set; } = 16;

        private PostureRunner? _runner;
        private PostureOptions? _options;
        private int _started;
        private int _written;
        private string[]? _runSelector;  // the -Selector the run's options were made from
        private bool _verbose;           // whether the per-domain verbose line goes anywhere (asked once)
        private bool _progress;          // whether progress records go anywhere (asked once)

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            var options = _options = new PostureOptions
            {
                Selectors = Selector == null || Selector.Length == 0 ? null : Selector.Select(NormalizeSelector).Distinct().ToList(),
                Method = Method,
                SuffixList = SuffixList,
                OfflineZones = OfflineZones,
            };
            _runSelector = Selector;
            _verbose = StreamPreferences.VerboseWanted(this);
            _progress = StreamPreferences.ProgressWanted(this);
            // SharedResolver is the session's CachingDnsResolver (or the zone files): one cache for every domain.
            _runner = new PostureRunner(new PostureAuditor(SharedResolver, options), ThrottleLimit, StopToken);
        }

        /// <summary>A selector is a sub-domain (RFC 6376 §3.1): checked by the one conversion of user-typed names.</summary>
        private string NormalizeSelector(string input)
        {
            var name = TryNormalizeSelector(input, out var error);
            if (name == null)
                ThrowTerminating($"Selector '{input}' is not a valid DNS label sequence: {error}", "InvalidSelector", ErrorCategory.InvalidArgument, input);
            return name!;
        }

        private static string? TryNormalizeSelector(string? input, out string? error)
        {
            const string probe = "._domainkey.example.com";
            var name = DomainNameInput.Normalize((input ?? string.Empty).Trim().TrimEnd('.') + probe, out error);
            return name?.Substring(0, name.Length - probe.Length);
        }

        /// <summary>
        /// The auditor for this pipeline object: the run's own, unless selectors bound from the object (by property
        /// name) differ from the run's; null after writing an error when one of those is invalid.
        /// </summary>
        private bool TryAuditorFor(string input, out PostureAuditor? auditor)
        {
            auditor = null;
            // The -Selector the run's options came from (not rebound from this object): nothing to normalize again.
            if (ReferenceEquals(Selector, _runSelector)) return true;
            var given = new List<string>();
            foreach (var s in Selector ?? Array.Empty<string>())
            {
                var name = TryNormalizeSelector(s, out var error);
                if (name == null)
                {
                    WriteItemError($"{input}: selector '{s}' is not a valid DNS label sequence: {error}", "InvalidSelector", ErrorCategory.InvalidArgument, s);
                    return false;
                }
                if (!given.Contains(name)) given.Add(name);
            }
            var run = _options!.Selectors ?? (IReadOnlyList<string>)Array.Empty<string>();
            if (given.SequenceEqual(run)) return true;
            auditor = new PostureAuditor(SharedResolver, new PostureOptions
            {
                Selectors = given.Count == 0 ? null : given,
                Method = _options.Method,
                SuffixList = _options.SuffixList,
                OfflineZones = _options.OfflineZones,
                MaxRecordsSeen = _options.MaxRecordsSeen,
            });
            return true;
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == SesLiveSet || ParameterSetName == SesZoneFileSet)
            {
                foreach (var identity in SesIdentity)
                {
                    if (_identities.Count >= MaxSesIdentities)
                        ThrowTerminating($"More than {MaxSesIdentities} SES identities in one pipeline.", "TooManySesIdentities", ErrorCategory.LimitsExceeded, identity.Identity);
                    _identities.Add(identity);
                }
                return;
            }
            foreach (var input in Domain)
            {
                var domain = DomainNameInput.Normalize(input, out var error);
                if (domain == null)
                {
                    WriteInvalidDomain(error!, input);
                    continue;
                }
                if (!TryAuditorFor(input, out var auditor)) continue;
                Start(domain, null, auditor);
            }
        }

        private void Start(string domain, PostureSesInput? ses, PostureAuditor? auditor = null)
        {
            // Wait for a free slot by writing finished reports: memory stays bounded whatever the input size.
            while (!_runner!.HasFreeSlot) WriteReport(Wait());
            if (_verbose) WriteVerbose($"Auditing {ses?.Identity.Identity ?? domain} ({Method}) using {ResolverDescription}.");
            _runner.Start(domain, ses, auditor);
            _started++;
            while (_runner.TryTake(out var done)) WriteReport(done!);
        }

        private void StartSesIdentities()
        {
            foreach (var identity in _identities)
            {
                var name = identity.Domain.Length > 0 ? identity.Domain : identity.Identity.Substring(identity.Identity.LastIndexOf('@') + 1);
                var domain = DomainNameInput.Normalize(name, out var error);
                if (domain == null)
                {
                    WriteInvalidDomain($"SES identity {identity.Identity}: {error}", identity);
                    continue;
                }
                Start(domain, new PostureSesInput(identity, _identities));
            }
        }

        protected override void EndProcessing()
        {
            if (_runner == null) return;
            StartSesIdentities();
            EmailAuthReport? report;
            while ((report = Wait()) != null) WriteReport(report);
            if (_started >= 2 && _progress)
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
            if (_started >= 2 && _progress)
                WriteProgress(new ProgressRecord(1, "Test-EmailAuth", "Auditing domains")
                {
                    StatusDescription = $"{_written} of {_started} domain(s) done",
                    CurrentOperation = report.Identity,
                    RecordType = ProgressRecordType.Processing,
                });
            if (report.Grade == PostureGrade.TempError)
                WriteWarning($"{report.Identity}: DNS lookups failed, so its report is incomplete (grade TempError). {report.GradeReason}");
            WriteObject(report);
        }
    }
}
