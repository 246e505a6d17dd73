using System;
using System.Linq;
using EmailAuth.Core.Reports.Rendering;
using EmailAuth.Core.Reports.Summary;
using Xunit;
using static EmailAuth.Core.Tests.Reports.Summary.DmarcRows;

namespace EmailAuth.Core.Tests.Reports.Summary
{
    public sealed class DmarcSummaryRendererTests
    {
        private static readonly DateTimeOffset Generated = new DateTimeOffset(2026, 3, 20, 8, 0, 0, TimeSpan.Zero);

        [Fact]
        public void Html_is_self_contained_encodes_hostile_report_text_and_lists_failing_sources_first()
        {
            var hostile = Spoof(4, org: "<script>alert(1)</script>\"evil", ip: "<img src=x onerror=alert(2)>");
            var summaries = DmarcReportAggregator.Summarize(new[] { Own(50), Own(50, day: 1, org: "Yahoo"), SesDefault(10), hostile });
            var html = DmarcSummaryHtmlRenderer.Render(summaries, Generated);

            Assert.StartsWith("<!DOCTYPE html>", html);
            Assert.Contains("content=\"default-src 'none'; style-src 'unsafe-inline'\"", html);
            Assert.DoesNotContain("<script", html);
            Assert.DoesNotContain("<img", html);
            Assert.DoesNotContain("src=\"http", html);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;evil", html);
            Assert.Contains("&lt;img src=x onerror=alert(2)&gt;", html);

            // The failing sources' table comes before the charts and the aligned sources.
            var failing = html.IndexOf("<h3>Failing sources</h3>", StringComparison.Ordinal);
            var ses = html.IndexOf("<tr><td>Amazon SES</td>", StringComparison.Ordinal);
            var aligned = html.IndexOf("<h3>Aligned sources</h3>", StringComparison.Ordinal);
            Assert.True(failing > 0 && ses > failing && aligned > ses);
            Assert.Contains("Easy DKIM", html.Substring(ses, aligned - ses));

            Assert.Equal(2, html.Split("<svg class=\"chart").Length - 1);
            Assert.Contains("<text class=\"axis\" x=\"42\" y=\"176\" text-anchor=\"end\">0 %</text>", html);
            Assert.Contains("<title>2026-03-01: 78.13 % of 64 message(s) pass DMARC</title>", html);
            Assert.Contains("<text class=\"label\" x=\"212\" y=\"24\" text-anchor=\"end\">192.0.2.10</text>", html);
            Assert.Contains("Not ready for p=quarantine", html);
        }

        [Fact]
        public void Html_with_no_rows_is_still_a_page()
        {
            var html = DmarcSummaryHtmlRenderer.Render(Array.Empty<DmarcReportSummary>(), Generated);
            Assert.Contains("0 domain(s), 0 report(s)", html);
            Assert.EndsWith("</html>\n", html);
        }

        [Fact]
        public void Markdown_escapes_table_syntax_and_html_in_report_text()
        {
            var hostile = Spoof(4, org: "a|b <b>x</b>");
            var md = DmarcSummaryMarkdownRenderer.Render(DmarcReportAggregator.Summarize(new[] { Own(5), hostile }), Generated);
            Assert.Contains("a\\|b &lt;b&gt;x&lt;/b&gt;", md);
            Assert.DoesNotContain("<b>", md);
            Assert.Contains("## example.com — Insufficient data for p=quarantine", md);
            Assert.Contains("| 203.0.113.9 | unauthorised | 4 | 0 % |", md);
        }
    }
}
