using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using EmailAuth.Core.Alignment;
using EmailAuth.Core.Dmarc;
using EmailAuth.Core.Messages;
using EmailAuth.Core.Messages.Dkim;
using EmailAuth.Core.Spf;
using Xunit;

namespace EmailAuth.Core.Tests.Messages
{
    /// <summary>The analyzer end to end on zone files: the SES walkthrough sample, the client and MAIL FROM rules, loading limits.</summary>
    public sealed class EmailMessageAnalyzerTests
    {
        private const string Top = "Received: from mta.shop.example (mta.shop.example [192.0.2.20]) by mx.example.net with ESMTPS id 1; Mon, 1 Jun 2026 09:14:08 +0000";

        private static Task<EmailMessageAuthResult> Analyze(string raw, MessageAnalysisOptions? options = null) =>
            new EmailMessageAnalyzer(MessageTestKit.Resolver()).AnalyzeTextAsync(raw, options);

        private static string Plain(params string[] extra) => MessageTestKit.Message(new[]
        {
            "From: Shop <news@shop.example>", "To: someone@example.net", "Subject: Offers", "Date: Mon, 1 Jun 2026 09:14:07 +0000",
            "Message-ID: <1@shop.example>",
        }.Concat(extra).ToArray());

        [Fact]
        public async Task The_SES_walkthrough_SPF_and_DKIM_pass_unaligned_and_DMARC_fails_with_quarantine()
        {
            var r = await new EmailMessageAnalyzer(MessageTestKit.SampleResolver()).AnalyzeFileAsync(MessageTestKit.SesSample);

            Assert.Equal("retail.example.com", r.FromDomain);
            Assert.Equal("192.0.2.170", r.ClientIPAddress);
            Assert.Equal("a48-170.smtp-out.amazonses.com", r.Helo);
            Assert.EndsWith("@us-east-1.amazonses.com", r.MailFrom);
            Assert.Equal(SpfResult.Pass, r.Spf!.Result);
            var dkim = Assert.Single(r.Dkim);
            Assert.Equal("amazonses.com", dkim.Domain);
            Assert.Equal(DkimVerificationResult.Pass, dkim.Result);

            var d = r.Dmarc!;
            Assert.Equal(DmarcResult.Fail, d.Result);
            Assert.False(d.SpfAligned);
            Assert.False(d.DkimAligned);
            Assert.Equal(DmarcPolicy.Quarantine, d.Policy);
            Assert.Equal(DmarcDisposition.Quarantine, d.Disposition);
            Assert.Contains(r.Findings, f => f.Code == DmarcVerdictFindingCodes.SpfNotAlignedSesDefaultMailFrom);
            Assert.Contains(r.Findings, f => f.Code == DmarcVerdictFindingCodes.DkimNotAlignedSesDefault);

            // Gmail's header agrees with us: nothing to flag.
            Assert.Equal("mx.google.com", r.ComparedAuthServId);
            Assert.Empty(r.Disagreements);

            Assert.Contains("SPF passed for 0100018fc3a1b2d4-7e5f9a0c-2b1d-4e3f-8a6b-5c4d3e2f1a0b-000000@us-east-1.amazonses.com from 192.0.2.170 but us-east-1.amazonses.com does not align with retail.example.com", r.Explanation);
            Assert.Contains("DKIM passed for d=amazonses.com, which does not align either", r.Explanation);
            Assert.Contains("DMARC fails, policy quarantine. Fix:", r.Explanation);
            Assert.Contains("Easy DKIM", r.Explanation);
            // SES signs with the verified identity's own name: retail.example.com always aligns, example.com only relaxed.
            Assert.Contains("verify retail.example.com as an SES domain identity with Easy DKIM (publish its three CNAME records), so that SES signs with d=retail.example.com; with relaxed adkim, verifying example.com (which covers its subdomains) is enough.", r.Explanation);
            Assert.Contains("custom MAIL FROM", r.Explanation);
        }

        [Fact]
        public async Task ClientIPAddress_overrides_the_Received_field()
        {
            var r = await new EmailMessageAnalyzer(MessageTestKit.SampleResolver()).AnalyzeFileAsync(MessageTestKit.SesSample,
                new MessageAnalysisOptions { ClientIPAddress = IPAddress.Parse("203.0.113.5") });
            Assert.Equal("parameter", r.ClientSource);
            Assert.Equal(SpfResult.Fail, r.Spf!.Result);
            Assert.Null(r.Helo); // the Received field's HELO belongs to another client
            // Gmail saw spf=pass: a disagreement, named by the MAIL FROM.
            var spf = Assert.Single(r.Disagreements, x => x.Method == "spf");
            Assert.Equal(("pass", "fail"), (spf.Reported, spf.Computed));
        }

        [Fact]
        public async Task MailFrom_parameter_overrides_Return_Path()
        {
            var r = await Analyze(Plain("Return-Path: <bounce@esp.example>", Top), new MessageAnalysisOptions { MailFrom = "x@shop.example" });
            Assert.Equal("x@shop.example", r.MailFrom);
            Assert.Equal("shop.example", r.MailFromDomain);
            Assert.Equal(SpfResult.Pass, r.Spf!.Result);
            Assert.True(r.Dmarc!.SpfAligned);
            Assert.Equal(DmarcResult.Pass, r.Dmarc.Result);
            Assert.Contains("SPF passed for x@shop.example from 192.0.2.20, and shop.example aligns with shop.example", r.Explanation);
        }

        [Fact]
        public async Task The_null_sender_is_checked_as_postmaster_at_the_HELO_name()
        {
            // RFC 7208 §2.4: MAIL FROM:<> → check_host with postmaster@<HELO>; DMARC uses the HELO domain (RFC 7489 §3.1.2).
            var r = await Analyze(Plain("Return-Path: <>", Top));
            Assert.Equal(string.Empty, r.MailFrom);
            Assert.Equal("postmaster@mta.shop.example", r.Spf!.Sender);
            Assert.Equal("mta.shop.example", r.MailFromDomain);
            Assert.Contains("the HELO name mta.shop.example (null MAIL FROM)", r.Explanation);
        }

        [Fact]
        public async Task Without_Return_Path_the_MAIL_FROM_is_unknown()
        {
            var r = await Analyze(Plain(Top));
            Assert.Null(r.MailFrom);
            Assert.Contains(r.Findings, f => f.Code == MessageFindingCodes.MailFromUnknown);
        }

        [Fact]
        public async Task Without_a_client_IP_SPF_is_not_evaluated()
        {
            var r = await Analyze(Plain("Return-Path: <bounce@shop.example>", "Received: by mx.example.net with SMTP id 1; Mon, 1 Jun 2026 09:14:08 +0000"));
            Assert.Null(r.Spf);
            Assert.Equal(SpfResult.None, r.SpfResult);
            Assert.Contains(r.Findings, f => f.Code == MessageFindingCodes.ClientIPUnknown);
            Assert.StartsWith("SPF was not evaluated", r.Explanation);
            Assert.Equal(DmarcResult.Fail, r.Dmarc!.Result);
        }

        [Fact]
        public async Task A_From_field_with_two_domains_gets_no_DMARC_verdict()
        {
            var r = await Analyze(MessageTestKit.Message("From: a@shop.example, b@esp.example", "Subject: x", Top));
            Assert.Null(r.Dmarc);
            Assert.Null(r.FromDomain);
            Assert.Contains(r.Findings, f => f.Code == MessageFindingCodes.FromMultipleAddresses);
            Assert.Contains("no DMARC verdict", r.Explanation);
        }

        [Fact]
        public async Task An_internationalized_From_domain_finds_its_A_label_policy()
        {
            var r = await Analyze(MessageTestKit.Message("From: Bücher <info@bücher.example>", "Subject: x", "Return-Path: <info@bücher.example>",
                "Received: from mta.xn--bcher-kva.example ([192.0.2.30]) by mx.example.net; Mon, 1 Jun 2026 09:14:08 +0000"));
            Assert.Equal("xn--bcher-kva.example", r.FromDomain);
            Assert.Equal(DmarcPolicy.Quarantine, r.Dmarc!.Policy);
            Assert.Equal(DmarcResult.Pass, r.Dmarc.Result);
        }

        [Fact]
        public async Task Loading_limits_and_damaged_input_are_clear_errors()
        {
            var analyzer = new EmailMessageAnalyzer(MessageTestKit.Resolver());
            var big = await Assert.ThrowsAsync<MessageLoadException>(() => analyzer.AnalyzeTextAsync(new string('a', (int)EmailMessageAnalyzer.MaxMessageBytes + 1)));
            Assert.Contains("at most 50 MB", big.Message);
            var noHeaders = await Assert.ThrowsAsync<MessageLoadException>(() => analyzer.AnalyzeTextAsync("just some text\r\nwithout headers\r\n"));
            Assert.Contains("not an RFC 5322 message", noHeaders.Message);
            var path = Path.Combine(Path.GetTempPath(), $"emailauth-{Guid.NewGuid():N}.eml");
            await File.WriteAllBytesAsync(path, new byte[] { 0, 1, 2, 0xFF, 0xFE, 10, 13, 0 });
            try
            {
                await Assert.ThrowsAsync<MessageLoadException>(() => analyzer.AnalyzeFileAsync(path));
            }
            finally { File.Delete(path); }
            var missing = await Assert.ThrowsAsync<MessageLoadException>(() => analyzer.AnalyzeFileAsync(path));
            Assert.Contains(path, missing.Message);
        }
            [Fact]
        public async Task A_body_changed_after_signing_fails_DKIM_and_the_explanation_says_why()
        {
            var signed = MessageTestKit.Sign(Plain(), "shop.example").Replace("this is a test message.", "this is a changed message.");
            var r = await Analyze(MessageTestKit.Prepend(signed, "Return-Path: <bounce@esp.example>",
                "Received: from mta.esp.example (mta.esp.example [198.51.100.25]) by mx.example.net; Mon, 1 Jun 2026 09:14:08 +0000"));
            Assert.Equal(DkimVerificationResult.Fail, Assert.Single(r.Dkim).Result);
            Assert.Empty(r.DkimSigningDomain);
            Assert.Equal(DmarcResult.Fail, r.Dmarc!.Result);
            Assert.Equal(DmarcDisposition.Reject, r.Dmarc.Disposition);
            Assert.Contains("SPF passed for bounce@esp.example from 198.51.100.25 but esp.example does not align with shop.example", r.Explanation);
            Assert.Contains("DKIM failed for d=shop.example s=s1 (", r.Explanation);
            Assert.Contains("DMARC fails, policy reject. Fix:", r.Explanation);
        }

        [Fact]
        public async Task Without_a_DMARC_record_the_explanation_says_none_applies()
        {
            var r = await Analyze(MessageTestKit.Message("From: a@quiet.example", "Subject: x", "Return-Path: <a@quiet.example>", Top));
            Assert.Equal(DmarcResult.None, r.Dmarc!.Result);
            Assert.Contains("SPF passed for a@quiet.example from 192.0.2.20, and quiet.example aligns with quiet.example", r.Explanation);
            Assert.Contains("the message has no DKIM signature", r.Explanation);
            Assert.Contains("no DMARC policy applies to quiet.example (dmarc=none). Fix: Publish one DMARC record at _dmarc.quiet.example", r.Explanation);
        }
    }
}
