using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using EmailAuth.Core.Reports.Summary;
using static EmailAuth.Core.Reports.Rendering.DmarcSummaryView;

namespace EmailAuth.Core.Reports.Rendering
{
    /// <summary>The Markdown twin of <see cref="DmarcSummaryHtmlRenderer"/> (no charts: the per-day table instead), with the posture report's Markdown encoder.</summary>
    public static class DmarcSummaryMarkdownRenderer
    {
        public static string Render(IReadOnlyList<DmarcReportSummary> summaries, DateTimeOffset generated)
        {
            if (summaries == null) throw new ArgumentNullException(nameof(summaries));
            var m = new StringBuilder();
            m.Append("# DMARC aggregate report summary\n\n")
             .Append(E($"{summaries.Count} domain(s), {summaries.Sum(s => s.ReportCount)} report(s), generated {Core.Rendering.HtmlPage.Generated(generated)} by EmailAuth Measure-DmarcReport.")).Append("\n\n")
             .Append("| Domain | Verdict | Messages | DMARC pass | Failing sources | Policy |\n|---|---|---|---|---|---|\n");
            foreach (var s in summaries)
                m.Append("| ").Append(E(s.Domain)).Append(" | **").Append(E(VerdictTitle(s))).Append("** | ").Append(N(s.MessageCount)).Append(" | ").Append(Pct(s.PassRate))
                 .Append(" | ").Append(s.FailingSources.Count).Append(" | p=").Append(E(s.Policy)).Append(" |\n");

            foreach (var s in summaries)
            {
                m.Append("\n## ").Append(E(s.Domain)).Append(" — ").Append(E(VerdictTitle(s))).Append("\n\n").Append(E(s.ReadinessReason)).Append("\n\n");
                if (s.Readiness != DmarcReadiness.Ready)
                    foreach (var b in s.Blockers) m.Append("- ").Append(E(b)).Append('\n');
                m.Append("\n| | |\n|---|---|\n")
                 .Append("| Period | ").Append(E(Period(s))).Append(" |\n")
                 .Append("| Reporters | ").Append(E(string.Join(", ", s.Reporters))).Append(" |\n")
                 .Append("| Reports | ").Append(s.ReportCount).Append(" |\n")
                 .Append("| Messages | ").Append(N(s.MessageCount)).Append(" |\n")
                 .Append("| DMARC pass rate | ").Append(Pct(s.PassRate)).Append(" |\n")
                 .Append("| DKIM aligned | ").Append(Pct(s.DkimAlignedRate)).Append(" |\n")
                 .Append("| SPF aligned | ").Append(Pct(s.SpfAlignedRate)).Append(" |\n")
                 .Append("| Published policy | p=").Append(E(s.Policy)).Append(" |\n")
                 .Append("| DKIM selectors seen | ").Append(E(string.Join(", ", s.Selector))).Append(" |\n");
                m.Append("\n### Sources (failing first)\n\n| Source | Status | Messages | DMARC pass | Why | Fix |\n|---|---|---|---|---|---|\n");
                foreach (var x in s.Sources)
                    m.Append("| ").Append(E(x.Source)).Append(" | ").Append(Status(x.Status)).Append(" | ").Append(N(x.MessageCount)).Append(" | ").Append(Pct(x.PassRate))
                     .Append(" | ").Append(E(x.Explanation)).Append(" | ").Append(E(x.Fix)).Append(" |\n");
                m.Append("\n### Per day\n\n| Date (UTC) | Messages | DMARC pass |\n|---|---|---|\n");
                foreach (var d in s.Days)
                    m.Append("| ").Append(d.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).Append(" | ").Append(N(d.MessageCount)).Append(" | ").Append(Pct(d.PassRate)).Append(" |\n");
            }
            return m.ToString();
        }

        private static string E(string? text) => Posture.Rendering.PostureMarkdownRenderer.E(text);
    }
}
