using System.Linq;
using System.Threading.Tasks;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Posture;
using Xunit;

namespace EmailAuth.Core.Tests.Posture
{
    /// <summary>The grading rule (PostureGrader, about_EmailAuth) on one fixture domain per grade, answered from a zone file.</summary>
    public sealed class PostureGraderTests
    {
        private static readonly PostureOptions Options = new PostureOptions { Selectors = new[] { "s1" } };

        private static Task<EmailAuthReport> Audit(string label, PostureOptions? options = null) =>
            new PostureAuditor(PostureZone.Resolver(), options ?? Options).AuditAsync(PostureZone.Name(label));

        [Fact]
        public async Task Enforced_DMARC_with_SPF_and_DKIM_and_no_warnings_is_A()
        {
            var r = await Audit("good");
            Assert.True(r.Findings.All(f => f.Severity == FindingSeverity.Info), string.Join("; ", r.Findings));
            Assert.Equal(PostureGrade.A, r.Grade);
            Assert.True(r.BulkSenderReady);
            Assert.True(r.Alignment!.SpfAligned && r.Alignment.DkimAligned);
            Assert.Equal(2048, r.Dkim.Single().KeyBits);
            Assert.Equal("v=spf1 ip4:192.0.2.0/24 -all", r.Spf!.Record);
            Assert.Contains(r.Records, x => x.Name == "_dmarc.good.test" && x.Data.StartsWith("v=DMARC1"));
            // MTA-STS is reported (offline: zone files) but its absence is Info: it does not lower the grade.
            Assert.Equal(new[] { "Spf", "Dkim", "Dmarc", "Bimi", "MtaSts", "TlsRpt", "Mx" }, r.Sections.Select(x => x.Name));
            Assert.Equal("10 mx.good.test", Assert.IsType<EmailAuth.Core.Mx.MxRecordInfo>(r.Mx).Hosts.Single().ToString());
            Assert.Contains("BIMI_NO_RECORD", PostureZone.Codes(r));
            Assert.Contains("TLSRPT_NO_RECORD", PostureZone.Codes(r));
            Assert.Equal("good.test", Assert.IsType<EmailAuth.Core.MtaSts.MtaStsPolicyInfo>(r.MtaSts).Domain);
            Assert.Contains("MTASTS_NO_TXT", PostureZone.Codes(r));
        }

        [Fact]
        public async Task Monitoring_only_is_C_though_Gmail_and_Yahoo_accept_p_none()
        {
            var r = await Audit("monitor");
            Assert.Equal(PostureGrade.C, r.Grade);
            Assert.True(r.BulkSenderReady); // p=none is enough for the 2024 bulk-sender rules
            Assert.Contains("DMARC_POLICY_NONE", PostureZone.Codes(r));
        }

        [Fact]
        public async Task No_DKIM_key_fails_the_bulk_sender_check_and_is_D()
        {
            var r = await Audit("nodkim");
            Assert.Equal(PostureGrade.D, r.Grade);
            Assert.False(r.BulkSender.Single(c => c.Name == "DkimPublished").Passed);
            Assert.True(r.BulkSender.Single(c => c.Name == "AlignmentAchievable").Passed); // SPF at the domain aligns
            Assert.Contains(r.Findings, f => f.Code == PostureFindingCodes.BulkSenderRequirement && f.Remediation!.Contains("DKIM"));
        }

        [Fact]
        public async Task Guessed_selectors_that_miss_say_so_without_a_finding_per_selector()
        {
            var r = await Audit("nodkim", new PostureOptions());
            Assert.Contains(PostureFindingCodes.NoDkimKey, PostureZone.Codes(r));
            Assert.DoesNotContain("DKIM_NO_RECORD", PostureZone.Codes(r));
            Assert.Empty(r.Dkim);
        }

        [Fact]
        public async Task No_DMARC_record_is_F()
        {
            var r = await Audit("nodmarc");
            Assert.Equal(PostureGrade.F, r.Grade);
            Assert.False(r.BulkSender.Single(c => c.Name == "DmarcPublished").Passed);
        }

        [Fact]
        public async Task DMARC_without_SPF_or_DKIM_is_F_and_alignment_is_not_achievable()
        {
            var r = await Audit("bare");
            Assert.Equal(PostureGrade.F, r.Grade);
            Assert.False(r.BulkSender.Single(c => c.Name == "AlignmentAchievable").Passed);
            Assert.Null(r.Alignment);
        }

        [Fact]
        public async Task A_permerror_SPF_record_is_published_but_cannot_give_an_aligned_pass()
        {
            var r = await Audit("hostile");
            Assert.True(r.BulkSender.Single(c => c.Name == "SpfPublished").Passed);
            Assert.False(r.BulkSender.Single(c => c.Name == "AlignmentAchievable").Passed);
            Assert.False(r.Alignment!.SpfAligned);
        }

        [Fact]
        public async Task Findings_come_worst_first()
        {
            var r = await Audit("nodmarc");
            var severities = r.Findings.Select(f => (int)f.Severity).ToList();
            Assert.Equal(severities.OrderByDescending(s => s), severities);
        }
    }
}
