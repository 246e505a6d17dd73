using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Reports.Dmarc;

namespace EmailAuth.Core.Reports.Summary
{
    /// <summary>
    /// Folds aggregate-report rows, as they stream in, into one <see cref="DmarcReportSummary"/> per header_from
    /// domain. Memory is bounded whatever the input: counters per domain, source and day, each collection capped
    /// (beyond a cap, rows still count in the totals). A report (reporter and report id, unique per reporter:
    /// RFC 7489 §7.2.1.1 report_id) that arrives again from another file or zip/mail entry is counted once.
    /// </summary>
    public sealed class DmarcReportAggregator
    {
        public const int MaxDomains = 10000;
        public const int MaxSourcesPerDomain = 5000;
        public const int MaxIPsPerSource = 256;
        public const int MaxDaysPerDomain = 3660;
        public const int MaxReporters = 1000;
        /// <summary>Most DKIM selectors kept per domain (the posture report looks up at most as many).</summary>
        public const int MaxSelectors = 64;
        /// <summary>Most reports remembered for duplicate detection; beyond it, rows are counted without the check.</summary>
        public const int MaxReportsRemembered = 500000;
        /// <summary>Most unauthorised sources listed one by one in the findings (the rest are summed up).</summary>
        public const int MaxSourceFindings = 20;
        /// <summary>The source that collects rows once a domain has <see cref="MaxSourcesPerDomain"/>.</summary>
        public const string OtherSources = "(other sources)";

        private readonly DmarcReadinessRules _rules;
        private readonly Dictionary<string, DomainAcc> _domains = new Dictionary<string, DomainAcc>(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _reportOrigin = new Dictionary<string, string>(StringComparer.Ordinal);

        public DmarcReportAggregator(DmarcReadinessRules? rules = null) => _rules = rules ?? DmarcReadinessRules.Default;

        /// <summary>Rows taken (duplicates included).</summary>
        public long RowCount { get; private set; }
        /// <summary>Rows of domains beyond <see cref="MaxDomains"/>, not summarised.</summary>
        public long DroppedRowCount { get; private set; }

        public static IReadOnlyList<DmarcReportSummary> Summarize(IEnumerable<DmarcReportRecord> rows, DmarcReadinessRules? rules = null)
        {
            if (rows == null) throw new ArgumentNullException(nameof(rows));
            var a = new DmarcReportAggregator(rules);
            foreach (var r in rows) a.Add(r);
            return a.Summaries();
        }

        public void Add(DmarcReportRecord row)
        {
            if (row == null) throw new ArgumentNullException(nameof(row));
            RowCount++;
            var domain = DmarcRowClassifier.Normalize(row.HeaderFrom);
            if (!_domains.TryGetValue(domain, out var d))
            {
                if (_domains.Count >= MaxDomains) { DroppedRowCount++; return; }
                _domains[domain] = d = new DomainAcc(domain);
            }

            var reportKey = (row.OrgName ?? string.Empty).Trim().ToLowerInvariant() + "\n" + (row.ReportId ?? string.Empty).Trim();
            var origin = row.SourceFile + "\n" + row.SourceEntry;
            if (_reportOrigin.TryGetValue(reportKey, out var first))
            {
                if (!string.Equals(first, origin, StringComparison.Ordinal))
                {
                    d.Duplicates.Add(reportKey);
                    return;
                }
            }
            else if (_reportOrigin.Count < MaxReportsRemembered) _reportOrigin[reportKey] = origin;
            d.Add(row, reportKey);
        }

        public IReadOnlyList<DmarcReportSummary> Summaries() =>
            _domains.Values.OrderBy(d => d.Domain, StringComparer.Ordinal).Select(Build).ToList();

        private DmarcReportSummary Build(DomainAcc d)
        {
            var s = new DmarcReportSummary
            {
                Domain = d.Domain,
                Selector = d.Selectors.OrderBy(x => x, StringComparer.Ordinal).ToList(),
                Begin = d.Begin ?? default,
                End = d.End ?? default,
                DaysWithData = d.Days.Count,
                Reporters = d.Reporters.OrderBy(x => x, StringComparer.OrdinalIgnoreCase).ToList(),
                ReportCount = d.Reports.Count,
                DuplicateReportCount = d.Duplicates.Count,
                MessageCount = d.Messages,
                AlignedCount = d.Aligned,
                DkimAlignedCount = d.DkimAligned,
                SpfAlignedCount = d.SpfAligned,
                Policy = d.Policy?.Policy ?? string.Empty,
                PublishedPolicy = d.Policy ?? new DmarcReportPublishedPolicy(),
                Days = d.Days.OrderBy(x => x.Key).Select(x => new DmarcReportDaySummary
                {
                    Domain = d.Domain, Date = x.Key, MessageCount = x.Value[0], AlignedCount = x.Value[1],
                }).ToList(),
            };
            s.Sources = d.Sources.Values.Select(x => x.Build(d.Domain))
                .OrderBy(x => x.Status).ThenByDescending(x => x.MessageCount - x.AlignedCount).ThenByDescending(x => x.MessageCount)
                .ThenBy(x => x.Source, StringComparer.Ordinal).ToList();
            _rules.Apply(s);
            s.Findings = Findings(s);
            return s;
        }

        private static IReadOnlyList<Finding> Findings(DmarcReportSummary s)
        {
            const string alignmentRef = "RFC 7489 §3.1, §4.2";
            var list = new List<Finding>();
            foreach (var src in s.Sources.Where(x => x.Status == DmarcSourceStatus.NotAligned))
                list.Add(new Finding(DmarcReportFindingCodes.SourceNotAligned, FindingSeverity.Warning,
                    F($"{src.Explanation} ({src.NotAlignedCount} of {src.MessageCount} message(s) fail DMARC this way.)"), src.Fix, alignmentRef, src.Source));
            var unauthorized = s.Sources.Where(x => x.Status == DmarcSourceStatus.Unauthorized).ToList();
            foreach (var src in unauthorized.Take(MaxSourceFindings))
                list.Add(new Finding(DmarcReportFindingCodes.UnauthorizedSource, FindingSeverity.Warning,
                    F($"{src.Explanation} ({src.MessageCount} message(s).)"), src.Fix, alignmentRef, src.Source));
            if (unauthorized.Count > MaxSourceFindings)
            {
                var rest = unauthorized.Skip(MaxSourceFindings).ToList();
                list.Add(new Finding(DmarcReportFindingCodes.UnauthorizedSource, FindingSeverity.Warning,
                    F($"{rest.Count} more unauthorised source(s) sent {rest.Sum(x => x.MessageCount)} message(s) that fail both SPF and DKIM."),
                    "Enforcement (p=quarantine or p=reject) stops them; list them with Measure-DmarcReport -GroupBy Source.", alignmentRef, s.Domain));
            }
            var forwarded = s.Sources.Where(x => x.ForwardedCount > 0).ToList();
            if (forwarded.Count > 0)
                list.Add(new Finding(DmarcReportFindingCodes.ForwardedFailures, FindingSeverity.Info,
                    F($"{forwarded.Sum(x => x.ForwardedCount)} message(s) from {forwarded.Count} source(s) failed only as forwarded mail does (the domain's DKIM signature broke in transit, or the receiver noted forwarding); they do not block enforcement."),
                    null, "RFC 7960", s.Domain));
            if (s.DuplicateReportCount > 0)
                list.Add(new Finding(DmarcReportFindingCodes.DuplicateReport, FindingSeverity.Info,
                    F($"{s.DuplicateReportCount} report(s) arrived again from another file or entry and were counted once."), null, "RFC 7489 §7.2.1.1", s.Domain));
            switch (s.Readiness)
            {
                case DmarcReadiness.Ready:
                    list.Add(new Finding(DmarcReportFindingCodes.ReadyForEnforcement, FindingSeverity.Info, s.ReadinessReason,
                        F($"Publish p={s.NextPolicy} in _dmarc.{s.Domain} (or its organizational domain's record) and keep reading the reports."), "RFC 7489 §6.3", s.Domain));
                    break;
                case DmarcReadiness.NotReady:
                    list.Add(new Finding(DmarcReportFindingCodes.NotReadyForEnforcement, FindingSeverity.Warning, s.ReadinessReason,
                        "Fix the sources listed as not aligned first; then collect reports again.", "RFC 7489 §6.3", s.Domain));
                    break;
                case DmarcReadiness.InsufficientData:
                    list.Add(new Finding(DmarcReportFindingCodes.InsufficientData, FindingSeverity.Info, s.ReadinessReason,
                        "Collect more reports (a rua= address in the DMARC record) before deciding.", "RFC 7489 §7.2", s.Domain));
                    break;
                default:
                    list.Add(new Finding(DmarcReportFindingCodes.PolicyEnforced, FindingSeverity.Info, s.ReadinessReason, null, "RFC 7489 §6.3", s.Domain));
                    break;
            }
            return list;
        }

        private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

        private sealed class DomainAcc
        {
            public DomainAcc(string domain) => Domain = domain;
            public string Domain { get; }
            public long Messages, Aligned, DkimAligned, SpfAligned;
            public DateTimeOffset? Begin, End, PolicyEnd;
            public DmarcReportPublishedPolicy? Policy;
            public readonly HashSet<string> Reporters = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            public readonly HashSet<string> Reports = new HashSet<string>(StringComparer.Ordinal);
            public readonly HashSet<string> Duplicates = new HashSet<string>(StringComparer.Ordinal);
            public readonly HashSet<string> Selectors = new HashSet<string>(StringComparer.Ordinal);
            public readonly Dictionary<DateTime, long[]> Days = new Dictionary<DateTime, long[]>();
            public readonly Dictionary<string, SourceAcc> Sources = new Dictionary<string, SourceAcc>(StringComparer.Ordinal);

            public void Add(DmarcReportRecord r, string reportKey)
            {
                var count = Math.Max(0, r.Count);
                var status = DmarcRowClassifier.Classify(r, Domain);
                var aligned = status == DmarcSourceStatus.Aligned;
                var dkim = DmarcRowClassifier.DkimAligned(r);
                var spf = DmarcRowClassifier.SpfAligned(r);
                Messages = DmarcReportMath.Add(Messages, count);
                if (aligned) Aligned = DmarcReportMath.Add(Aligned, count);
                if (dkim) DkimAligned = DmarcReportMath.Add(DkimAligned, count);
                if (spf) SpfAligned = DmarcReportMath.Add(SpfAligned, count);
                if (Reports.Count < MaxReportsRemembered) Reports.Add(reportKey);
                if (!string.IsNullOrWhiteSpace(r.OrgName) && Reporters.Count < MaxReporters) Reporters.Add(r.OrgName.Trim());
                if (Begin == null || r.Begin < Begin) Begin = r.Begin;
                if (End == null || r.End > End) End = r.End;
                // The latest report's policy_published is the policy in force now.
                if (PolicyEnd == null || r.End >= PolicyEnd) { PolicyEnd = r.End; Policy = r.PublishedPolicy; }

                var day = r.Begin.UtcDateTime.Date;
                day = DateTime.SpecifyKind(day, DateTimeKind.Utc);
                if (Days.TryGetValue(day, out var counts) || Days.Count < MaxDaysPerDomain)
                {
                    if (counts == null) Days[day] = counts = new long[2];
                    counts[0] = DmarcReportMath.Add(counts[0], count);
                    if (aligned) counts[1] = DmarcReportMath.Add(counts[1], count);
                }

                // RFC 9990 reports the selector: a passing signature with d= this very domain names a key it signs with.
                foreach (var k in r.DkimResults)
                    if (Selectors.Count < MaxSelectors && DmarcRowClassifier.Is(k.Result, "pass")
                        && DmarcRowClassifier.Normalize(k.Domain) == Domain && IsSelector(k.Selector))
                        Selectors.Add(k.Selector!.Trim().TrimEnd('.').ToLowerInvariant());

                var service = string.IsNullOrWhiteSpace(r.SendingService) ? null : r.SendingService!.Trim();
                var key = service ?? (r.SourceIP ?? string.Empty).Trim();
                if (!Sources.TryGetValue(key, out var src))
                {
                    if (Sources.Count >= MaxSourcesPerDomain)
                    {
                        key = OtherSources;
                        service = null;
                        if (!Sources.TryGetValue(key, out src)) Sources[key] = src = new SourceAcc(key, null);
                    }
                    else Sources[key] = src = new SourceAcc(key, service);
                }
                src.Add(r, count, status, dkim, spf);
            }

            /// <summary>A selector is a sub-domain (RFC 6376 §3.1): LDH labels (and '_', found in practice) of 1..63 octets.</summary>
            private static bool IsSelector(string? s)
            {
                if (string.IsNullOrWhiteSpace(s)) return false;
                var t = s!.Trim().TrimEnd('.');
                if (t.Length == 0 || t.Length > 200) return false;
                foreach (var label in t.Split('.'))
                {
                    if (label.Length == 0 || label.Length > 63) return false;
                    foreach (var c in label)
                        if (!(c < 128 && (char.IsLetterOrDigit(c) || c == '-' || c == '_'))) return false;
                }
                return true;
            }
        }

        private sealed class SourceAcc
        {
            private readonly string _key;
            private readonly string? _service;
            private readonly HashSet<string> _ips = new HashSet<string>(StringComparer.Ordinal);
            private readonly long[] _byStatus = new long[4];
            private readonly DmarcReportRecord?[] _example = new DmarcReportRecord?[4];
            private readonly long[] _exampleCount = new long[4];
            private long _messages, _aligned, _dkim, _spf;

            public SourceAcc(string key, string? service)
            {
                _key = key;
                _service = service;
            }

            public void Add(DmarcReportRecord r, long count, DmarcSourceStatus status, bool dkim, bool spf)
            {
                var ip = (r.SourceIP ?? string.Empty).Trim();
                if (ip.Length > 0 && _ips.Count < MaxIPsPerSource) _ips.Add(ip);
                _messages = DmarcReportMath.Add(_messages, count);
                if (status == DmarcSourceStatus.Aligned) _aligned = DmarcReportMath.Add(_aligned, count);
                if (dkim) _dkim = DmarcReportMath.Add(_dkim, count);
                if (spf) _spf = DmarcReportMath.Add(_spf, count);
                var i = (int)status;
                _byStatus[i] = DmarcReportMath.Add(_byStatus[i], count);
                if (_example[i] == null || count > _exampleCount[i]) { _example[i] = r; _exampleCount[i] = count; }
            }

            public DmarcReportSourceSummary Build(string domain)
            {
                // The worst status seen decides (a service with some unaligned mail blocks, however much else aligns).
                var status = Enumerable.Range(0, 4).Where(i => _example[i] != null).Select(i => (DmarcSourceStatus)i).First();
                var (explanation, fix) = DmarcSourceExplainer.Explain(status, _example[(int)status]!, domain, _key, _service);
                return new DmarcReportSourceSummary
                {
                    Domain = domain,
                    Source = _key,
                    SendingService = _service,
                    SourceIP = _ips.OrderBy(x => x, StringComparer.Ordinal).ToList(),
                    MessageCount = _messages,
                    AlignedCount = _aligned,
                    DkimAlignedCount = _dkim,
                    SpfAlignedCount = _spf,
                    ForwardedCount = _byStatus[(int)DmarcSourceStatus.Forwarded],
                    NotAlignedCount = _byStatus[(int)DmarcSourceStatus.NotAligned],
                    Status = status,
                    Explanation = explanation,
                    Fix = fix,
                };
            }
        }
    }
}
