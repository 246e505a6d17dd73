using System.Linq;
using System.Threading.Tasks;
using EmailAuth.Core.Messages;
using Xunit;

namespace EmailAuth.Core.Tests.Messages
{
    /// <summary>
    /// The comparison with the message's own Authentication-Results (RFC 8601) and ARC-Authentication-Results (RFC 8617):
    /// by authserv-id, method by method, every disagreement flagged. Messages are signed with the fixture key (MimeKit signer).
    /// </summary>
    public sealed class ReportedResultsComparisonTests
    {
        private const string Received = "Received: from mta.shop.example (mta.shop.example [192.0.2.20]) by mx.example.net with ESMTPS id 1; Mon, 1 Jun 2026 09:14:08 +0000";

        /// <summary>Signed by shop.example (aligned), sent from its own network: SPF, DKIM and DMARC all pass.</summary>
        private static string Signed() => MessageTestKit.Sign(MessageTestKit.Message(
            "From: Shop <news@shop.example>", "To: someone@example.net", "Subject: Offers", "Date: Mon, 1 Jun 2026 09:14:07 +0000",
            "Message-ID: <2@shop.example>"), "shop.example");

        private static Task<EmailMessageAuthResult> Analyze(string raw, string? authServId = null) =>
            new EmailMessageAnalyzer(MessageTestKit.Resolver()).AnalyzeTextAsync(raw, new MessageAnalysisOptions { AuthServId = authServId });

        private static string Delivered(string signed, params string[] results) =>
            MessageTestKit.Prepend(signed, new[] { "Return-Path: <news@shop.example>" }.Concat(results).Concat(new[] { Received }).ToArray());

        [Fact]
        public async Task Agreeing_results_give_no_disagreement()
        {
            var r = await Analyze(Delivered(Signed(),
                "Authentication-Results: mx.example.net; spf=pass smtp.mailfrom=news@shop.example; dkim=pass header.d=shop.example header.s=s1; dmarc=pass header.from=shop.example"));
            Assert.Equal("mx.example.net", r.ComparedAuthServId);
            Assert.Empty(r.Disagreements);
            Assert.DoesNotContain(r.Findings, f => f.Code == MessageFindingCodes.ReportedResultDiffers);
            Assert.Contains("DMARC passes for shop.example", r.Explanation);
        }

        [Fact]
        public async Task Every_method_that_differs_is_flagged()
        {
            var r = await Analyze(Delivered(Signed(),
                "Authentication-Results: mx.example.net; spf=softfail smtp.mailfrom=news@shop.example; dkim=fail (bad signature) header.d=shop.example header.s=s1;" +
                " dkim=pass header.d=gone.example; dmarc=fail header.from=shop.example; arc=pass"));
            var got = r.Disagreements.Select(d => (d.Method, d.Subject, d.Reported, d.Computed)).ToList();
            Assert.Contains(("spf", "news@shop.example", "softfail", "pass"), got);
            Assert.Contains(("dkim", "d=shop.example s=s1", "fail", "pass"), got);
            Assert.Contains(("dkim", "d=gone.example", "pass", "(absent)"), got);
            Assert.Contains(("dmarc", "shop.example", "fail", "pass"), got);
            Assert.Contains(("arc", (string?)null, "pass", "none"), got);
            Assert.Equal(5, r.Disagreements.Count);
            Assert.Equal(5, r.Findings.Count(f => f.Code == MessageFindingCodes.ReportedResultDiffers));
            Assert.Contains("differ on spf news@shop.example (reported softfail, computed pass)", r.Explanation);
        }

        [Fact]
        public async Task A_signature_the_header_leaves_out_is_flagged_when_it_reports_dkim()
        {
            var twice = MessageTestKit.Sign(Signed(), "esp.example");
            var r = await Analyze(Delivered(twice, "Authentication-Results: mx.example.net; dkim=pass header.d=shop.example"));
            var d = Assert.Single(r.Disagreements);
            Assert.Equal(("dkim", "d=esp.example s=s1", "(absent)", "pass"), (d.Method, d.Subject, d.Reported, d.Computed));
        }

        [Fact]
        public async Task The_topmost_field_is_compared_unless_AuthServId_names_another()
        {
            var raw = Delivered(Signed(),
                "Authentication-Results: filter.corp.example; dmarc=fail header.from=shop.example",
                "Authentication-Results: mx.example.net; dmarc=pass header.from=shop.example");
            var top = await Analyze(raw);
            Assert.Equal("filter.corp.example", top.ComparedAuthServId);
            Assert.Equal("dmarc", Assert.Single(top.Disagreements).Method);

            var chosen = await Analyze(raw, "MX.example.net");
            Assert.Empty(chosen.Disagreements);
            Assert.Equal(2, chosen.ReportedResults.Count);

            var none = await Analyze(raw, "mx.google.com");
            Assert.Empty(none.Disagreements);
            Assert.Contains(none.Findings, f => f.Code == MessageFindingCodes.AuthServIdNotFound && f.Message.Contains("filter.corp.example, mx.example.net"));
        }

        [Fact]
        public async Task Without_Authentication_Results_the_newest_ARC_results_are_compared_with_a_note()
        {
            var raw = Delivered(Signed(),
                "ARC-Authentication-Results: i=2; lists.example.org; dkim=pass header.d=shop.example; dmarc=fail header.from=shop.example",
                "ARC-Authentication-Results: i=1; mx.example.net; spf=fail smtp.mailfrom=news@shop.example");
            var r = await Analyze(raw);
            Assert.Equal("lists.example.org", r.ComparedAuthServId);
            var d = Assert.Single(r.Disagreements);
            Assert.Equal(("dmarc", "ARC-Authentication-Results i=2"), (d.Method, d.Header));
            Assert.Contains("intermediary", d.Note);
        }

        [Fact]
        public async Task No_Authentication_Results_is_an_Info_finding()
        {
            var r = await Analyze(Delivered(Signed()));
            Assert.Null(r.ComparedAuthServId);
            Assert.Empty(r.ReportedResults);
            Assert.Contains(r.Findings, f => f.Code == MessageFindingCodes.NoReportedResults);
        }
    }
}
