using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Dns;

namespace EmailAuth.Core.Posture
{
    /// <summary>
    /// Audits one domain: runs every section concurrently (their lookups are independent), then the bulk-sender
    /// checks and the grade. Never throws for a domain's problems: DNS failures become POSTURE_TEMPERROR findings,
    /// a section's exception a POSTURE_SECTION_FAILED finding. Throws only OperationCanceledException.
    /// </summary>
    public sealed class PostureAuditor
    {
        /// <summary>Most POSTURE_TEMPERROR findings per domain (one per failed query, the rest summed up).</summary>
        public const int MaxTempErrorFindings = 10;

        private readonly IDnsResolver _resolver;
        private readonly PostureOptions _options;
        private readonly IReadOnlyList<IPostureSection> _sections;

        /// <param name="resolver">Shared by every domain of a run (put one <see cref="CachingDnsResolver"/> underneath).</param>
        public PostureAuditor(IDnsResolver resolver, PostureOptions? options = null, IReadOnlyList<IPostureSection>? sections = null)
        {
            _resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));
            _options = options ?? new PostureOptions();
            _sections = sections ?? PostureSections.Default;
        }

        /// <param name="domain">A normalized domain name (DomainNameInput.Normalize).</param>
        public Task<EmailAuthReport> AuditAsync(string domain, CancellationToken cancellationToken = default) =>
            AuditAsync(domain, null, cancellationToken);

        /// <param name="domain">A normalized domain name (DomainNameInput.Normalize); for an SES identity, its domain.</param>
        /// <param name="ses">The SES identity behind the domain (Get-SesIdentity | Test-EmailAuth), or null.</param>
        public async Task<EmailAuthReport> AuditAsync(string domain, PostureSesInput? ses, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrEmpty(domain)) throw new ArgumentException("A domain is required.", nameof(domain));
            var tracer = new TracingDnsResolver(_resolver);
            var context = new PostureContext(domain, tracer, _options, ses);
            var report = new EmailAuthReport { Domain = domain, Identity = ses?.Identity.Identity ?? domain, SesIdentity = ses?.Identity };

            var ran = await Task.WhenAll(_sections.Select(s => RunSectionAsync(s, context, cancellationToken))).ConfigureAwait(false);
            var results = ran.Where(r => r != null).Select(r => r!).ToList();
            report.Sections = results;
            // The SES section checks an identity's Easy DKIM CNAMEs with the DKIM codes, and the DKIM section follows
            // the same names (the tokens are its selectors): where both report a code for one name, the DKIM
            // section's finding stands for both.
            var dnsFindings = new HashSet<(string, string?)>(results.Where(r => r.Name != PostureSectionNames.Ses)
                .SelectMany(r => r.Findings).Select(f => (f.Code, f.Subject)));
            var findings = results.SelectMany(r => r.Name == PostureSectionNames.Ses
                ? r.Findings.Where(f => !dnsFindings.Contains((f.Code, f.Subject)))
                : r.Findings).ToList();

            var (checks, alignment) = await BulkSenderEvaluator.EvaluateAsync(context, report, findings, cancellationToken).ConfigureAwait(false);
            report.BulkSender = checks;
            report.Alignment = alignment;

            var trace = tracer.Entries;
            AddTempErrors(trace, findings);
            report.Records = RecordsSeen(trace, _options.MaxRecordsSeen);
            // Worst first; within a severity, the sections' order (a stable sort).
            // An identical finding (code, severity, message) reached twice is listed once.
            report.Findings = findings.GroupBy(f => (f.Code, f.Severity, f.Message)).Select(g => g.First())
                .OrderByDescending(f => f.Severity).ToList();
            var (grade, reason) = PostureGrader.Grade(report);
            report.Grade = grade;
            report.GradeReason = reason;
            return report;
        }

        private static async Task<PostureSectionResult?> RunSectionAsync(IPostureSection section, PostureContext context, CancellationToken cancellationToken)
        {
            try
            {
                return await section.RunAsync(context, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                // One section's defect must not cost the domain its report (nor the other domains theirs).
                var finding = new Finding(PostureFindingCodes.SectionFailed, FindingSeverity.Error,
                    $"The {section.Name} check of {context.Domain} failed unexpectedly: {e.GetType().Name}: {e.Message}",
                    $"Run the {section.Name} cmdlet alone for details, and report the defect.", null, context.Domain);
                return new PostureSectionResult(section.Name, null, new[] { finding }, false, "check failed");
            }
        }

        /// <summary>A failed query is not "no record" (RFC 7208 §2.6.6 temperror, RFC 6376 §6.1.2, RFC 7489 §6.6.3): say which.</summary>
        private static void AddTempErrors(IReadOnlyList<DnsTraceEntry> trace, List<Finding> findings)
        {
            var failed = trace.Where(e => e.Answer.IsError)
                              .GroupBy(e => (e.Answer.QueryName.ToLowerInvariant(), e.Answer.QueryType))
                              .Select(g => g.First().Answer).ToList();
            foreach (var a in failed.Take(MaxTempErrorFindings))
                findings.Add(new Finding(PostureFindingCodes.TempError, FindingSeverity.Error,
                    $"The {a.QueryType} query for {a.QueryName} failed ({a.Status} from {a.Server ?? "the resolver"}{(a.ErrorMessage != null ? ": " + a.ErrorMessage : "")}); what depends on it is unknown, not absent.",
                    "Retry later, raise -TimeoutSec, or ask another resolver with -Server.", "RFC 7208 §2.6.6; RFC 6376 §6.1.2; RFC 7489 §6.6.3", a.QueryName));
            if (failed.Count > MaxTempErrorFindings)
                findings.Add(new Finding(PostureFindingCodes.TempError, FindingSeverity.Error,
                    $"{failed.Count - MaxTempErrorFindings} more DNS queries failed.", "Retry later.", null, null));
        }

        private static IReadOnlyList<DnsRecord> RecordsSeen(IReadOnlyList<DnsTraceEntry> trace, int max)
        {
            var seen = new HashSet<(string, DnsRecordType, string)>();
            var list = new List<DnsRecord>();
            foreach (var e in trace)
                foreach (var r in e.Answer.Records)
                {
                    if (list.Count >= max) return list;
                    if (seen.Add((r.Name.ToLowerInvariant(), r.Type, r.Data))) list.Add(r);
                }
            return list;
        }
    }
}
