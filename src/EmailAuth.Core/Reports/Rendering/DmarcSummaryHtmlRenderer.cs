using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using EmailAuth.Core.Reports.Summary;
using static EmailAuth.Core.Rendering.HtmlPage;
using static EmailAuth.Core.Reports.Rendering.DmarcSummaryView;

namespace EmailAuth.Core.Reports.Rendering
{
    /// <summary>
    /// One self-contained HTML page over DMARC aggregate-report summaries (Export-DmarcReportSummary): per domain the
    /// readiness verdict, the key figures, the failing sources first with their fix, the pass rate per day and the
    /// volume per source as inline SVG, reporters and period. Same head, CSP and encoder as the posture report
    /// (<see cref="EmailAuth.Core.Rendering.HtmlPage"/>); org names, IPs and domains come from reports and are hostile.
    /// </summary>
    public static class DmarcSummaryHtmlRenderer
    {
        private const string Css = @"
.verdict{display:inline-block;font-weight:700;border-radius:.3rem;padding:.1rem .5rem;color:#fff;font-size:.95rem}
.verdict-Ready{background:#1a7f37}.verdict-NotReady{background:#cf222e}.verdict-InsufficientData{background:#b08800}.verdict-Enforcing{background:#0969da}
.status{font-weight:700}.status-NotAligned{color:#cf222e}.status-Unauthorized{color:#82071e}.status-Forwarded{color:#b08800}.status-Aligned{color:#1a7f37}
td.num{text-align:right;font-variant-numeric:tabular-nums}";

        public static string Render(IReadOnlyList<DmarcReportSummary> summaries, DateTimeOffset generated)
        {
            if (summaries == null) throw new ArgumentNullException(nameof(summaries));
            var h = Begin("DMARC aggregate report summary", Css + SvgCharts.Css);
            h.Append("<h1>DMARC aggregate report summary</h1>\n<p class=\"meta\">")
             .Append(E($"{summaries.Count} domain(s), {summaries.Sum(s => s.ReportCount)} report(s), generated {Generated(generated)} by EmailAuth Measure-DmarcReport."))
             .Append("</p>\n");

            h.Append("<h2 id=\"summary\">Domains</h2>\n<table class=\"summary\">\n<tr><th>Domain</th><th>Verdict</th><th>Messages</th><th>DMARC pass</th><th>Failing sources</th><th>Policy</th></tr>\n");
            for (var i = 0; i < summaries.Count; i++)
            {
                var s = summaries[i];
                h.Append("<tr><td><a href=\"#d").Append(i).Append("\">").Append(E(s.Domain)).Append("</a></td><td>").Append(Badge(s)).Append("</td><td class=\"num\">")
                 .Append(N(s.MessageCount)).Append("</td><td class=\"num\">").Append(Pct(s.PassRate)).Append("</td><td class=\"num\">").Append(s.FailingSources.Count)
                 .Append("</td><td>p=").Append(E(s.Policy)).Append("</td></tr>\n");
            }
            h.Append("</table>\n");
            for (var i = 0; i < summaries.Count; i++) Domain(h, summaries[i], i);
            return End(h);
        }

        private static void Domain(StringBuilder h, DmarcReportSummary s, int index)
        {
            h.Append("<section class=\"domain\">\n<h2 id=\"d").Append(index).Append("\">").Append(E(s.Domain)).Append(' ').Append(Badge(s)).Append("</h2>\n")
             .Append("<p class=\"reason\">").Append(E(s.ReadinessReason)).Append("</p>\n");
            if (s.Blockers.Count > 0 && s.Readiness != DmarcReadiness.Ready)
            {
                h.Append("<ul class=\"blockers\">\n");
                foreach (var b in s.Blockers) h.Append("<li>").Append(E(b)).Append("</li>\n");
                h.Append("</ul>\n");
            }

            h.Append("<table class=\"figures\">\n");
            Row(h, "Period", Period(s));
            Row(h, "Days with reports", s.DaysWithData.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Row(h, "Reporters", string.Join(", ", s.Reporters));
            Row(h, "Reports", s.ReportCount + (s.DuplicateReportCount > 0 ? $" ({s.DuplicateReportCount} duplicate(s) counted once)" : ""));
            Row(h, "Messages", N(s.MessageCount));
            Row(h, "DMARC pass rate", Pct(s.PassRate));
            Row(h, "DKIM aligned", Pct(s.DkimAlignedRate));
            Row(h, "SPF aligned", Pct(s.SpfAlignedRate));
            Row(h, "Legitimate mail aligned", Pct(s.LegitimateAlignedRate));
            Row(h, "Published policy", "p=" + s.Policy + (s.PublishedPolicy.Pct is int pct ? $"; pct={pct}" : ""));
            Row(h, "DKIM selectors seen", s.Selector.Count == 0 ? "none passing for " + s.Domain : string.Join(", ", s.Selector));
            h.Append("</table>\n");

            var failing = s.Sources.Where(x => x.Status != DmarcSourceStatus.Aligned).ToList();
            h.Append("<h3>Failing sources</h3>\n");
            if (failing.Count == 0) h.Append("<p>No source fails DMARC.</p>\n");
            else Sources(h, failing, true);

            h.Append("<h3>DMARC pass rate per day</h3>\n");
            SvgCharts.PassRateByDay(h, index, s.Domain, s.Days);
            h.Append("<h3>Messages per sending source</h3>\n");
            SvgCharts.VolumeBySource(h, index, s.Domain, s.Sources);

            var aligned = s.Sources.Where(x => x.Status == DmarcSourceStatus.Aligned).ToList();
            h.Append("<h3>Aligned sources</h3>\n");
            if (aligned.Count == 0) h.Append("<p>None.</p>\n");
            else Sources(h, aligned, false);
            h.Append("</section>\n");
        }

        private static void Sources(StringBuilder h, IReadOnlyList<DmarcReportSourceSummary> sources, bool withFix)
        {
            h.Append("<table class=\"sources\">\n<tr><th>Source</th><th>Status</th><th>Messages</th><th>DMARC pass</th><th>IP addresses</th><th>Why</th>")
             .Append(withFix ? "<th>Fix</th>" : "").Append("</tr>\n");
            foreach (var x in sources)
            {
                h.Append("<tr><td>").Append(E(x.Source)).Append("</td><td><span class=\"status status-").Append(x.Status).Append("\">").Append(Status(x.Status))
                 .Append("</span></td><td class=\"num\">").Append(N(x.MessageCount)).Append("</td><td class=\"num\">").Append(Pct(x.PassRate))
                 .Append("</td><td class=\"data\">").Append(E(string.Join(" ", x.SourceIP.Take(10)) + (x.SourceIP.Count > 10 ? $" (+{x.SourceIP.Count - 10})" : "")))
                 .Append("</td><td>").Append(E(x.Explanation)).Append("</td>");
                if (withFix) h.Append("<td class=\"fix\">").Append(E(x.Fix)).Append("</td>");
                h.Append("</tr>\n");
            }
            h.Append("</table>\n");
        }

        private static void Row(StringBuilder h, string name, string value) =>
            h.Append("<tr><th>").Append(E(name)).Append("</th><td>").Append(E(value)).Append("</td></tr>\n");

        private static string Badge(DmarcReportSummary s) =>
            $"<span class=\"verdict verdict-{s.Readiness}\">{E(VerdictTitle(s))}</span>";
    }
}
