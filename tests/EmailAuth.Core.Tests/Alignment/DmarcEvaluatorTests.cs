using System.Linq;
using System.Threading.Tasks;
using EmailAuth.Core.Alignment;
using EmailAuth.Core.Dmarc;
using EmailAuth.Core.Domains;
using EmailAuth.Core.Spf;
using Xunit;

namespace EmailAuth.Core.Tests.Alignment
{
    /// <summary>The DMARC verdict (RFC 7489 §6.6.2, §6.6.4; RFC 9989) from SPF/DKIM results and DNS.</summary>
    public class DmarcEvaluatorTests
    {
        private static Task<DmarcEvaluation> Evaluate(string from, string? mailFrom, SpfResult spf, params string[] dkim) =>
            new DmarcEvaluator(AlignmentZone.Resolver).EvaluateAsync(from, mailFrom, spf, dkim);

        [Fact]
        public async Task Aligned_dkim_passes_even_when_spf_is_unaligned()
        {
            var e = await Evaluate("example.test", "sender.test", SpfResult.Pass, "example.test");
            Assert.Equal((DmarcResult.Pass, false, true), (e.Result, e.SpfAligned, e.DkimAligned));
            Assert.Equal(DmarcDisposition.None, e.Disposition);
            Assert.Equal((DmarcPolicy?)DmarcPolicy.Reject, e.Policy);
            Assert.Null(e.Fix);
            Assert.Equal("SPF passed for sender.test, which does not align with example.test: its Organizational Domain is sender.test, the From domain's is example.test (aspf=r (default) at _dmarc.example.test).", e.Reasons[0]);
            Assert.Equal("DKIM passed for d=example.test, which aligns with example.test: it is the From domain itself (adkim=r (default) at _dmarc.example.test).", e.Reasons[1]);
            Assert.Equal("DMARC passes for example.test: DKIM passed with an aligned domain.", e.Reasons.Last());
        }

        [Fact]
        public async Task Aligned_spf_alone_passes()
        {
            var e = await Evaluate("mail.example.test", "bounce.example.test", SpfResult.Pass);
            Assert.Equal((DmarcResult.Pass, true, false), (e.Result, e.SpfAligned, e.DkimAligned));
        }

        [Theory]
        [InlineData(SpfResult.SoftFail)]
        [InlineData(SpfResult.Fail)]
        [InlineData(SpfResult.None)]
        [InlineData(SpfResult.TempError)]
        public async Task An_aligned_mail_from_without_spf_pass_does_not_count(SpfResult spf)
        {
            var e = await Evaluate("example.test", "bounce.example.test", spf);
            Assert.Equal((DmarcResult.Fail, false), (e.Result, e.SpfAligned));
            Assert.True(e.SpfAlignment!.Aligned);
            Assert.Contains("authorize the sending servers", e.Fix);
        }

        [Fact]
        public async Task Failure_applies_p_and_says_what_to_change()
        {
            var e = await Evaluate("example.test", "sender.test", SpfResult.Pass, "sender.test");
            Assert.Equal((DmarcResult.Fail, DmarcDisposition.Reject), (e.Result, e.Disposition));
            Assert.Contains("The policy (p=reject at _dmarc.example.test) asks receivers to reject mail that fails DMARC.", e.Reasons);
            Assert.Contains("Sign the mail with DKIM as d=example.test", e.Fix);
            Assert.Contains("MAIL FROM domain under example.test", e.Fix);
        }

        [Theory]
        [InlineData("www.example.test", DmarcPolicy.Quarantine, "sp=quarantine")] // existing subdomain: sp=
        [InlineData("nosuch.example.test", DmarcPolicy.None, "np=none")] // non-existent name: np= (RFC 9091)
        public async Task Subdomains_get_sp_and_missing_names_np(string from, DmarcPolicy policy, string tag)
        {
            var e = await Evaluate(from, "sender.test", SpfResult.Pass);
            Assert.Equal((DmarcResult.Fail, (DmarcPolicy?)policy, (DmarcDisposition)(int)policy), (e.Result, e.Policy, e.Disposition));
            Assert.Contains(e.Reasons, r => r.Contains(tag + " at _dmarc.example.test"));
        }

        [Theory]
        [InlineData("testing.test", "t=y (testing)")]
        [InlineData("pct0.test", "pct=0, which RFC 9989 reads as t=y")]
        public async Task Testing_mode_asks_for_no_disposition(string from, string why)
        {
            var e = await Evaluate(from, "sender.test", SpfResult.Pass);
            Assert.Equal((DmarcResult.Fail, DmarcDisposition.None, true), (e.Result, e.Disposition, e.Testing));
            Assert.Equal((DmarcPolicy?)DmarcPolicy.Reject, e.Policy);
            Assert.Contains(e.Reasons, r => r.Contains(why));
        }

        [Fact]
        public async Task Pct_below_100_applies_the_policy_and_explains_sampling()
        {
            var e = await Evaluate("pct50.test", null, SpfResult.None);
            Assert.Equal((DmarcResult.Fail, DmarcDisposition.Reject, false), (e.Result, e.Disposition, e.Testing));
            Assert.Contains(e.Reasons, r => r.StartsWith("pct=50: receivers following RFC 9989 ignore pct"));
        }

        [Fact]
        public async Task P_none_fails_with_no_disposition()
        {
            var e = await Evaluate("monitor.test", "sender.test", SpfResult.Pass);
            Assert.Equal((DmarcResult.Fail, DmarcDisposition.None, (DmarcPolicy?)DmarcPolicy.None), (e.Result, e.Disposition, e.Policy));
        }

        [Fact]
        public async Task No_dmarc_record_gives_none()
        {
            var e = await Evaluate("nodmarc.test", "sender.test", SpfResult.Pass, "sender.test");
            Assert.Equal((DmarcResult.None, DmarcDisposition.None, (DmarcPolicy?)null), (e.Result, e.Disposition, e.Policy));
            Assert.Contains(e.Reasons, r => r.StartsWith("No DMARC record applies to nodmarc.test"));
            Assert.StartsWith("Publish one DMARC record at _dmarc.nodmarc.test", e.Fix);
        }

        [Fact]
        public async Task Strict_modes_fail_subdomains_and_suggest_relaxed()
        {
            var e = await Evaluate("strict.test", "mail.strict.test", SpfResult.Pass, "mail.strict.test");
            Assert.Equal((DmarcResult.Fail, DmarcDisposition.Quarantine), (e.Result, e.Disposition));
            Assert.Contains("adkim=s needs d= to be exactly strict.test", e.Fix);
            Assert.Contains("publish aspf=r", e.Fix);
        }

        [Fact]
        public async Task Ses_defaults_are_named_in_the_fix()
        {
            var e = await Evaluate("example.test", "eu-west-1.amazonses.com", SpfResult.Pass, "amazonses.com");
            Assert.Equal(DmarcResult.Fail, e.Result);
            Assert.Contains("as it does for an email-address identity: verify example.test as an SES domain identity with Easy DKIM", e.Fix);
            Assert.Contains("custom MAIL FROM subdomain such as bounce.example.test", e.Fix);
        }

        [Fact]
        public async Task Psl_method_is_selectable()
        {
            var e = await new DmarcEvaluator(AlignmentZone.Resolver).EvaluateAsync("a.psd.test", null, SpfResult.None, new[] { "b.psd.test" },
                OrganizationalDomainMethod.PublicSuffixList);
            // "test" is not on the list: psd.test is the Organizational Domain of both, so they align.
            Assert.True(e.DkimAligned);
            Assert.Equal("psd.test", e.DkimAlignments[0].FromOrganizationalDomain);
        }
    }
}
