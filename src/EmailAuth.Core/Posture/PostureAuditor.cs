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

            // Every section at once (their lookups are independent), one wait for all: no wrapper task per section.
            var tasks = StartSections(context, cancellationToken);
            try
            {
                await Task.WhenAll(tasks).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Each failed section is handled by Results, in order; the first to fail is not special.
            }
            var results = Results(tasks, context, cancellationToken);
            report.Sections = results;
            var findings = SectionFindings(results);

            var (checks, alignment) = await BulkSenderEvaluator.EvaluateAsync(context, report, findings, cancellationToken).ConfigureAwait(false);
            report.BulkSender = checks;
            report.Alignment = alignment;

            var trace = tracer.Entries;
            AddTempErrors(trace, findings);
            report.Records = RecordsSeen(trace, _options.MaxRecordsSeen);
            // Worst first; within a severity, the sections' order (a stable sort).
            // An identical finding (code, severity, message) reached twice is listed once.
            report.Findings = DistinctWorstFirst(findings);
            var (grade, reason) = PostureGrader.Grade(report);
            report.Grade = grade;
            report.GradeReason = reason;
            return report;
        }

        /// <summary>
        /// Starts every section. A bulk audit runs this for every domain, and every async method is code a fresh process
        /// compiles: the sections' tasks are awaited together by <see cref="AuditAsync(string, PostureSesInput?, CancellationToken)"/>
        /// itself, not through a wrapper each.
        /// </summary>
        private Task<PostureSectionResult?>[] StartSections(PostureContext context, CancellationToken cancellationToken)
        {
            var tasks = new Task<PostureSectionResult?>[_sections.Count];
            for (var i = 0; i < tasks.Length; i++)
            {
                try
                {
                    tasks[i] = _sections[i].RunAsync(context, cancellationToken);
                }
                catch (Exception e)
                {
                    // Thrown before its first await: observed below as an await would have seen it.
                    tasks[i] = FromException(e);
                }
            }
            return tasks;
        }

        /// <summary>The finished sections' results in the sections' order (those that apply).</summary>
        private List<PostureSectionResult> Results(Task<PostureSectionResult?>[] tasks, PostureContext context, CancellationToken cancellationToken)
        {
            var results = new List<PostureSectionResult>(tasks.Length);
            for (var i = 0; i < tasks.Length; i++)
            {
                var result = Outcome(_sections[i], tasks[i], context, cancellationToken);
                if (result != null) results.Add(result);
            }
            return results;
        }

        private static Task<PostureSectionResult?> FromException(Exception e) => Task.FromException<PostureSectionResult?>(e);

        /// <summary>A finished section's result; its exception as a POSTURE_SECTION_FAILED finding, unless the run was cancelled.</summary>
        private static PostureSectionResult? Outcome(IPostureSection section, Task<PostureSectionResult?> task, PostureContext context, CancellationToken cancellationToken)
        {
            try
            {
                return task.GetAwaiter().GetResult();
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

        /// <summary>Every section's findings in the sections' order.</summary>
        private static List<Finding> SectionFindings(List<PostureSectionResult> results)
        {
            var count = 0;
            for (var i = 0; i < results.Count; i++) count += results[i].Findings.Count;
            var findings = new List<Finding>(count + 8); // sized once: the bulk-sender checks and temperrors may add a few
            HashSet<(string, string?)>? dnsFindings = null;
            foreach (var r in results)
            {
                if (r.Name != PostureSectionNames.Ses)
                {
                    findings.AddRange(r.Findings);
                    continue;
                }
                // The SES section checks an identity's Easy DKIM CNAMEs with the DKIM codes, and the DKIM section follows
                // the same names (the tokens are its selectors): where both report a code for one name, the DKIM
                // section's finding stands for both.
                if (dnsFindings == null)
                {
                    dnsFindings = new HashSet<(string, string?)>();
                    foreach (var other in results)
                        if (other.Name != PostureSectionNames.Ses)
                            foreach (var f in other.Findings) dnsFindings.Add((f.Code, f.Subject));
                }
                foreach (var f in r.Findings)
                    if (!dnsFindings.Contains((f.Code, f.Subject))) findings.Add(f);
            }
            return findings;
        }

        /// <summary>
        /// Worst first; within a severity, the order found (a stable sort). An identical finding (code, severity,
        /// message) reached twice is listed once, where it was first seen.
        /// </summary>
        private static List<Finding> DistinctWorstFirst(List<Finding> findings)
        {
            var distinct = new List<Finding>(findings.Count);
            HashSet<(string, FindingSeverity, string)>? seen = null;
            foreach (var f in findings)
            {
                if (findings.Count <= 16)
                {
                    // A few findings (the usual case): comparing is cheaper than hashing into a new set.
                    var repeat = false;
                    foreach (var d in distinct)
                        if (d.Severity == f.Severity && d.Code == f.Code && d.Message == f.Message) { repeat = true; break; }
                    if (!repeat) distinct.Add(f);
                }
                else if ((seen ??= new HashSet<(string, FindingSeverity, string)>()).Add((f.Code, f.Severity, f.Message)))
                    distinct.Add(f);
            }
            var sorted = new List<Finding>(distinct.Count);
            for (var severity = FindingSeverity.Critical; severity >= FindingSeverity.Info; severity--)
                foreach (var f in distinct)
                    if (f.Severity == severity) sorted.Add(f);
            // Severities outside the enum's names (none are made) would be dropped above: keep them, last.
            if (sorted.Count != distinct.Count) return distinct.OrderByDescending(f => f.Severity).ToList();
            return sorted;
        }

        /// <summary>A failed query is not "no record" (RFC 7208 §2.6.6 temperror, RFC 6376 §6.1.2, RFC 7489 §6.6.3): say which.</summary>
        private static void AddTempErrors(IReadOnlyList<DnsTraceEntry> trace, List<Finding> findings)
        {
            var any = false;
            for (var i = 0; i < trace.Count && !any; i++) any = trace[i].Answer.IsError;
            if (!any) return; // the usual case: no grouping built
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

        private static bool Listed(List<string> names, List<DnsRecord> list, string name, DnsRecord r)
        {
            for (var j = 0; j < list.Count; j++)
                if (list[j].Type == r.Type && names[j] == name && list[j].Data == r.Data) return true;
            return false;
        }

        private static IReadOnlyList<DnsRecord> RecordsSeen(IReadOnlyList<DnsTraceEntry> trace, int max)
        {
            // A record is listed once (owner case-insensitive, type, data), first come first listed. An audit sees a
            // handful: compared one by one, and hashed only once there are more.
            const int Few = 16;
            HashSet<(string, DnsRecordType, string)>? seen = null;
            var names = new List<string>();
            var list = new List<DnsRecord>();
            for (var i = 0; i < trace.Count; i++)
                for (var k = 0; k < trace[i].Answer.Records.Count; k++)
                {
                    var r = trace[i].Answer.Records[k];
                    if (list.Count >= max) return list;
                    var name = r.Name.ToLowerInvariant();
                    if (list.Count == Few && seen == null)
                    {
                        seen = new HashSet<(string, DnsRecordType, string)>();
                        for (var j = 0; j < list.Count; j++) seen.Add((names[j], list[j].Type, list[j].Data));
                    }
                    if (seen != null ? !seen.Add((name, r.Type, r.Data)) : Listed(names, list, name, r)) continue;
                    names.Add(name);
                    list.Add(r);
                }
            return list;
        }
    }
}
