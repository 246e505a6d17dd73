using System;
using System.Linq;
using System.Threading.Tasks;
using EmailAuth.Core.Alignment;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Dmarc;
using EmailAuth.Core.Spf;
using Xunit;

namespace EmailAuth.Core.Tests.Alignment
{
    /// <summary>Stable codes for each reason of a DMARC verdict (DmarcEvaluation.Findings), on the alignment fixture zone.</summary>
    public class DmarcVerdictFindingsTests
    {
        private static Task<DmarcEvaluation> Evaluate(string from, string? mailFrom, SpfResult spf, params string[] dkim) =>
            new DmarcEvaluator(AlignmentZone.Resolver).EvaluateAsync(from, mailFrom, spf, dkim);

        private static string[] Codes(DmarcEvaluation e) => e.Findings.Select(f => f.Code).ToArray();

        private static FindingSeverity Severity(DmarcEvaluation e, string code) => e.Findings.Single(f => f.Code == code).Severity;

        [Fact]
        public async Task Ses_email_address_identity_fails_with_both_SES_default_codes()
        {
            var e = await Evaluate("example.test", "us-east-1.amazonses.com", SpfResult.Pass, "amazonses.com");
            Assert.Equal(new[] { DmarcVerdictFindingCodes.SpfNotAlignedSesDefaultMailFrom, DmarcVerdictFindingCodes.DkimNotAlignedSesDefault,
                                 DmarcVerdictFindingCodes.Fail }, Codes(e));
            Assert.Equal(FindingSeverity.Warning, Severity(e, DmarcVerdictFindingCodes.SpfNotAlignedSesDefaultMailFrom));
            Assert.Equal(FindingSeverity.Error, Severity(e, DmarcVerdictFindingCodes.Fail));
            Assert.Equal(e.Fix, e.Findings.Single(f => f.Code == DmarcVerdictFindingCodes.Fail).Remediation);
            Assert.Equal("amazonses.com", e.Findings.Single(f => f.Code == DmarcVerdictFindingCodes.DkimNotAlignedSesDefault).Subject);
            Assert.Contains("Easy DKIM", e.Findings.Single(f => f.Code == DmarcVerdictFindingCodes.DkimNotAlignedSesDefault).Remediation);
        }

        [Fact]
        public async Task Ses_domain_identity_passes_and_notes_the_default_MAIL_FROM()
        {
            var e = await Evaluate("example.test", "us-east-1.amazonses.com", SpfResult.Pass, "example.test");
            var f = Assert.Single(e.Findings);
            Assert.Equal(DmarcVerdictFindingCodes.SpfNotAlignedSesDefaultMailFrom, f.Code);
            Assert.Equal(FindingSeverity.Info, f.Severity); // DMARC passed through DKIM
            Assert.Contains("bounce.example.test", f.Remediation);
        }

        [Fact]
        public async Task Ses_domain_identity_with_custom_MAIL_FROM_has_no_findings()
        {
            var e = await Evaluate("example.test", "bounce.example.test", SpfResult.Pass, "example.test");
            Assert.Empty(e.Findings);
        }

        [Fact]
        public async Task Other_unaligned_domains_get_the_generic_codes()
        {
            var e = await Evaluate("example.test", "sender.test", SpfResult.Pass, "sender.test");
            Assert.Equal(new[] { DmarcVerdictFindingCodes.SpfNotAligned, DmarcVerdictFindingCodes.DkimNotAligned, DmarcVerdictFindingCodes.Fail }, Codes(e));
        }

        [Fact]
        public async Task Strict_modes_say_so_in_the_remediation()
        {
            var e = await Evaluate("strict.test", "mail.strict.test", SpfResult.Pass, "mail.strict.test");
            Assert.Contains("publish aspf=r", e.Findings.Single(f => f.Code == DmarcVerdictFindingCodes.SpfNotAligned).Remediation);
            Assert.Contains("publish adkim=r", e.Findings.Single(f => f.Code == DmarcVerdictFindingCodes.DkimNotAligned).Remediation);
        }

        [Fact]
        public async Task Unaligned_signatures_are_not_reported_when_another_one_aligns()
        {
            var e = await Evaluate("example.test", "bounce.example.test", SpfResult.Pass, "amazonses.com", "example.test");
            Assert.Empty(e.Findings);
        }

        [Theory]
        [InlineData(SpfResult.SoftFail)]
        [InlineData(SpfResult.None)]
        public async Task Spf_without_pass_and_no_signature(SpfResult spf)
        {
            var e = await Evaluate("example.test", "bounce.example.test", spf);
            Assert.Equal(new[] { DmarcVerdictFindingCodes.SpfNotPassed, DmarcVerdictFindingCodes.NoDkimSignature, DmarcVerdictFindingCodes.Fail }, Codes(e));
        }

        [Fact]
        public async Task No_policy_and_no_mail_from()
        {
            var e = await Evaluate("nodmarc.test", null, SpfResult.None, "nodmarc.test");
            Assert.Equal(new[] { DmarcVerdictFindingCodes.NoPolicy, DmarcVerdictFindingCodes.SpfNotPassed }, Codes(e));
            Assert.Equal(FindingSeverity.Error, Severity(e, DmarcVerdictFindingCodes.NoPolicy));
            // No policy yet, but once one is published this is what makes DMARC fail.
            Assert.Equal(FindingSeverity.Warning, Severity(e, DmarcVerdictFindingCodes.SpfNotPassed));
        }

        [Theory]
        [InlineData("testing.test", DmarcFindingCodes.TestingMode)]
        [InlineData("pct0.test", DmarcFindingCodes.TestingMode)]
        [InlineData("monitor.test", DmarcFindingCodes.PolicyNone)]
        [InlineData("pct50.test", DmarcFindingCodes.PartialPercentage)]
        public async Task A_failure_names_what_the_policy_asks_for(string from, string code)
        {
            var e = await Evaluate(from, "sender.test", SpfResult.Pass, "sender.test");
            Assert.Equal(new[] { DmarcVerdictFindingCodes.SpfNotAligned, DmarcVerdictFindingCodes.DkimNotAligned, DmarcVerdictFindingCodes.Fail, code }, Codes(e));
        }
    }
}
