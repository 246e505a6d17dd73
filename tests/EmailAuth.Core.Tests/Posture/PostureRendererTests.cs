using System;
using System.Linq;
using System.Threading.Tasks;
using EmailAuth.Core.Posture;
using EmailAuth.Core.Posture.Rendering;
using Xunit;

namespace EmailAuth.Core.Tests.Posture
{
    /// <summary>The HTML and Markdown files: everything shown, hostile record text encoded, nothing loaded from elsewhere.</summary>
    public sealed class PostureRendererTests
    {
        private static readonly DateTimeOffset Generated = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

        private static async Task<EmailAuthReport[]> Reports()
        {
            var auditor = new PostureAuditor(PostureZone.Resolver(), new PostureOptions { Selectors = new[] { "s1" } });
            return new[] { await auditor.AuditAsync("good.test"), await auditor.AuditAsync("hostile.posture.test") };
        }

        [Fact]
        public async Task Html_shows_domains_grades_fixes_and_records_and_encodes_hostile_text()
        {
            var html = PostureHtmlRenderer.Render(await Reports(), Generated);
            Assert.Contains("good.test", html);
            Assert.Contains("grade-A", html);
            Assert.Contains("_dmarc.good.test", html);
            Assert.Contains("<b>Fix:</b>", html);
            // The record "v=spf1 <script>alert(1)</script> -all" is text, never markup.
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
            // Self-contained: no URL is loaded, and a CSP forbids scripts should any slip in.
            Assert.DoesNotContain("src=", html);
            Assert.DoesNotContain("<link", html);
            Assert.Contains("default-src 'none'", html);
        }

        [Fact]
        public async Task Markdown_shows_the_same_and_keeps_hostile_text_inert()
        {
            var md = PostureMarkdownRenderer.Render(await Reports(), Generated);
            Assert.Contains("## good.test — grade A", md);
            Assert.Contains("  - Fix: ", md);
            Assert.DoesNotContain("<script", md, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("&lt;script&gt;", md);
            Assert.Contains("| good.test | **A** | ready |", md);
            Assert.Contains("| hostile.posture.test | **F** | not ready |", md);
        }

        [Fact]
        public void Markdown_escapes_table_and_emphasis_characters()
        {
            Assert.Equal("a\\|b \\*c\\* &lt;i&gt; &amp;#39;", PostureMarkdownRenderer.E("a|b *c* <i> &#39;"));
        }
    }
}
