using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace EmailAuth.Core.Posture.Rendering
{
    /// <summary>
    /// The Markdown twin of <see cref="PostureHtmlRenderer"/>. Markdown passes raw HTML through, so record text
    /// is HTML-encoded as well as stripped of Markdown's own syntax characters.
    /// </summary>
    public static class PostureMarkdownRenderer
    {
        public static string Render(IReadOnlyList<EmailAuthReport> reports, DateTimeOffset generated)
        {
            if (reports == null) throw new ArgumentNullException(nameof(reports));
            var m = new StringBuilder();
            m.Append("# Email authentication report\n\n")
             .Append(E($"{reports.Count} domain(s), generated {generated.ToString("yyyy-MM-dd HH:mm:ss 'UTC'zzz", CultureInfo.InvariantCulture)} by EmailAuth Test-EmailAuth.")).Append("\n\n");
            var sectionNames = reports.SelectMany(r => r.Sections.Select(s => s.Name)).Distinct().ToList();
            m.Append("## Summary\n\n| Domain | Grade | Bulk sender | ").Append(string.Join(" | ", sectionNames.Select(E))).Append(" | Findings |\n|")
             .Append(string.Concat(Enumerable.Repeat("---|", sectionNames.Count + 4))).Append('\n');
            foreach (var r in reports)
            {
                m.Append("| ").Append(E(Name(r))).Append(" | **").Append(PostureReportView.GradeText(r.Grade)).Append("** | ")
                 .Append(r.BulkSenderReady ? "ready" : "not ready").Append(" | ");
                foreach (var n in sectionNames)
                {
                    var s = r.Section(n);
                    m.Append(s == null ? "" : (s.Present ? "✓ " : "✗ ") + E(s.Summary)).Append(" | ");
                }
                m.Append(E(PostureReportView.Counts(r))).Append(" |\n");
            }

            foreach (var r in reports)
            {
                m.Append("\n## ").Append(E(Name(r))).Append(" — grade ").Append(PostureReportView.GradeText(r.Grade)).Append("\n\n").Append(E(r.GradeReason)).Append("\n\n");
                m.Append("### Gmail/Yahoo bulk-sender checks\n\n| Check | Result | Detail |\n|---|---|---|\n");
                foreach (var c in r.BulkSender) m.Append("| ").Append(E(c.Name)).Append(" | ").Append(c.Passed ? "pass" : "**fail**").Append(" | ").Append(E(c.Detail)).Append(" |\n");
                m.Append("\n### Findings\n\n");
                if (r.Findings.Count == 0) m.Append("No findings.\n");
                foreach (var severity in PostureReportView.SeveritiesWorstFirst)
                    foreach (var f in PostureReportView.OfSeverity(r, severity))
                    {
                        m.Append("- **").Append(f.Severity).Append("** `").Append(f.Code.Replace("`", "")).Append("` ").Append(E(f.Message)).Append('\n');
                        if (!string.IsNullOrEmpty(f.Remediation)) m.Append("  - Fix: ").Append(E(f.Remediation)).Append('\n');
                        if (!string.IsNullOrEmpty(f.Reference)) m.Append("  - Reference: ").Append(E(f.Reference)).Append('\n');
                    }
                m.Append("\n### DNS records seen\n\n");
                if (r.Records.Count == 0) m.Append("None.\n");
                else
                {
                    m.Append("| Name | Type | TTL | Data |\n|---|---|---|---|\n");
                    foreach (var rec in r.Records)
                        m.Append("| ").Append(E(rec.Name)).Append(" | ").Append(rec.Type).Append(" | ").Append(rec.Ttl.ToString(CultureInfo.InvariantCulture)).Append(" | ")
                         .Append(E(rec.Type == Dns.DnsRecordType.MX ? $"{rec.Preference} {rec.Data}" : rec.Data)).Append(" |\n");
                }
            }
            return m.ToString();
        }

        private static string Name(EmailAuthReport r) => string.IsNullOrEmpty(r.Identity) ? r.Domain : r.Identity;

        /// <summary>
        /// Text safe in a Markdown table cell or list item: HTML-encoded (raw HTML passes through Markdown), then
        /// Markdown's inline syntax characters backslash-escaped (not '#': it is part of entities such as &amp;#39;), line breaks flattened.
        /// </summary>
        internal static string E(string? text)
        {
            var html = PostureHtmlRenderer.E(text).Replace("\r", " ").Replace("\n", " ");
            var sb = new StringBuilder(html.Length + 8);
            foreach (var c in html)
            {
                if ("\\`*_[]|~".IndexOf(c) >= 0) sb.Append('\\');
                sb.Append(c);
            }
            return sb.ToString();
        }
    }
}
