using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using EmailAuth.Core.Rendering;

namespace EmailAuth.Core.Posture.Rendering
{
    /// <summary>
    /// One self-contained HTML page for a set of reports (<see cref="HtmlPage"/>: inline CSS, no script, no external
    /// resource, a Content-Security-Policy that forbids both). Every piece of text is HTML-encoded: record text
    /// comes from DNS and is hostile input.
    /// </summary>
    public static class PostureHtmlRenderer
    {
        public static string Render(IReadOnlyList<EmailAuthReport> reports, DateTimeOffset generated)
        {
            if (reports == null) throw new ArgumentNullException(nameof(reports));
            var h = HtmlPage.Begin("Email authentication report");
            h.Append("<h1>Email authentication report</h1>\n<p class=\"meta\">")
             .Append(E($"{reports.Count} domain(s), generated {HtmlPage.Generated(generated)} by EmailAuth Test-EmailAuth."))
             .Append("</p>\n");

            h.Append("<h2 id=\"summary\">Summary</h2>\n<p class=\"meta\">&#10003; published and usable, &#10007; missing or broken; each domain's section below says why.</p>\n<table class=\"summary\">\n<tr><th>Domain</th><th>Grade</th><th>Bulk sender (Gmail/Yahoo 2024)</th>");
            var sectionNames = reports.SelectMany(r => r.Sections.Select(s => s.Name)).Distinct().ToList();
            foreach (var n in sectionNames) h.Append("<th>").Append(E(n)).Append("</th>");
            h.Append("<th>Findings</th></tr>\n");
            for (var i = 0; i < reports.Count; i++)
            {
                var r = reports[i];
                h.Append("<tr><td><a href=\"#d").Append(i).Append("\">").Append(E(Name(r))).Append("</a></td><td>").Append(Grade(r.Grade)).Append("</td><td>")
                 .Append(r.BulkSenderReady ? "<span class=\"pass\">ready</span>" : "<span class=\"fail\">not ready</span>").Append("</td>");
                foreach (var n in sectionNames)
                {
                    var s = r.Section(n);
                    // Marks only (the summary is the cell's tooltip, and in the domain's Controls table): the table stays one screen wide.
                    h.Append("<td class=\"mark\"").Append(s == null ? ">" : " title=\"" + E(s.Summary) + "\">")
                     .Append(s == null ? "" : s.Present ? "<span class=\"pass\">&#10003;</span>" : "<span class=\"fail\">&#10007;</span>").Append("</td>");
                }
                h.Append("<td>").Append(E(PostureReportView.Counts(r))).Append("</td></tr>\n");
            }
            h.Append("</table>\n");

            for (var i = 0; i < reports.Count; i++) Domain(h, reports[i], i);
            return HtmlPage.End(h);
        }

        private static void Domain(StringBuilder h, EmailAuthReport r, int index)
        {
            h.Append("<section class=\"domain\">\n<h2 id=\"d").Append(index).Append("\">").Append(E(Name(r))).Append(' ').Append(Grade(r.Grade)).Append("</h2>\n")
             .Append("<p class=\"reason\">").Append(E(r.GradeReason)).Append("</p>\n");

            h.Append("<h3>Gmail/Yahoo bulk-sender checks</h3>\n<table>\n<tr><th>Check</th><th>Result</th><th>Detail</th></tr>\n");
            foreach (var c in r.BulkSender)
                h.Append("<tr><td>").Append(E(c.Name)).Append("</td><td>").Append(c.Passed ? "<span class=\"pass\">pass</span>" : "<span class=\"fail\">fail</span>")
                 .Append("</td><td>").Append(E(c.Detail)).Append("</td></tr>\n");
            h.Append("</table>\n");

            h.Append("<h3>Controls</h3>\n<table>\n<tr><th>Section</th><th>Published</th><th>Summary</th></tr>\n");
            foreach (var s in r.Sections)
                h.Append("<tr><td>").Append(E(s.Name)).Append("</td><td>").Append(s.Present ? "<span class=\"pass\">yes</span>" : "<span class=\"fail\">no</span>")
                 .Append("</td><td class=\"data\">").Append(E(s.Summary)).Append("</td></tr>\n");
            h.Append("</table>\n");

            h.Append("<h3>Findings</h3>\n");
            if (r.Findings.Count == 0) h.Append("<p>No findings.</p>\n");
            foreach (var severity in PostureReportView.SeveritiesWorstFirst)
            {
                var list = PostureReportView.OfSeverity(r, severity).ToList();
                if (list.Count == 0) continue;
                h.Append("<ul class=\"findings\">\n");
                foreach (var f in list)
                {
                    h.Append("<li><span class=\"sev sev-").Append(f.Severity).Append("\">").Append(f.Severity).Append("</span> <code>").Append(E(f.Code)).Append("</code> ")
                     .Append(E(f.Message));
                    if (!string.IsNullOrEmpty(f.Remediation)) h.Append("<div class=\"fix\"><b>Fix:</b> ").Append(E(f.Remediation!)).Append("</div>");
                    if (!string.IsNullOrEmpty(f.Reference)) h.Append("<div class=\"ref\">").Append(E(f.Reference!)).Append("</div>");
                    h.Append("</li>\n");
                }
                h.Append("</ul>\n");
            }

            h.Append("<h3>DNS records seen</h3>\n");
            if (r.Records.Count == 0) h.Append("<p>None.</p>\n");
            else
            {
                h.Append("<table class=\"records\">\n<tr><th>Name</th><th>Type</th><th>TTL</th><th>Data</th></tr>\n");
                foreach (var rec in r.Records)
                    h.Append("<tr><td class=\"data\">").Append(E(rec.Name)).Append("</td><td>").Append(E(rec.Type.ToString())).Append("</td><td>")
                     .Append(rec.Ttl.ToString(CultureInfo.InvariantCulture)).Append("</td><td class=\"data\">")
                     .Append(E(rec.Type == Dns.DnsRecordType.MX ? $"{rec.Preference} {rec.Data}" : rec.Data)).Append("</td></tr>\n");
                h.Append("</table>\n");
            }
            h.Append("</section>\n");
        }

        private static string Grade(PostureGrade g) => $"<span class=\"grade grade-{g}\">{E(PostureReportView.GradeText(g))}</span>";

        private static string Name(EmailAuthReport r) => string.IsNullOrEmpty(r.Identity) ? r.Domain : r.Identity;

        /// <summary>HTML-encodes text for element content and quoted attributes (&lt; &gt; &amp; &quot; &#39;).</summary>
        internal static string E(string? text) => HtmlPage.E(text);
    }
}
