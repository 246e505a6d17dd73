using System.Linq;
using System.Threading.Tasks;
using EmailAuth.Core.Aws.Ses;
using EmailAuth.Core.Posture;
using EmailAuth.Core.Tests.Infrastructure;
using Xunit;

namespace EmailAuth.Core.Tests.Posture
{
    /// <summary>An SES identity through the posture report (knotd serving tests/Fixtures/zones/sesposture).</summary>
    public sealed class SesPostureSectionTests : IClassFixture<SesPostureZonesFixture>
    {
        private readonly SesPostureZonesFixture _f;

        public SesPostureSectionTests(SesPostureZonesFixture fixture) => _f = fixture;

        private static string Tok(string prefix) => (prefix + new string('x', 32)).Substring(0, 32);

        private static SesIdentity Good() => new SesIdentity
        {
            Identity = "good.test", IdentityType = "DOMAIN", Domain = "good.test", Account = "111111111111", Region = "us-east-1",
            VerificationStatus = "SUCCESS", VerifiedForSending = true,
            Dkim = new SesIdentityDkim { Status = "SUCCESS", Origin = "AWS_SES", SigningEnabled = true, Tokens = new[] { Tok("good1"), Tok("good2"), Tok("good3") } },
            MailFromDomain = "bounce.good.test", MailFromStatus = "SUCCESS",
        };

        [PeerFact("knotd")]
        public async Task An_identity_adds_the_Ses_section_and_its_tokens_are_the_DKIM_selectors()
        {
            var report = await new PostureAuditor(new EmailAuth.Core.Dns.CachingDnsResolver(_f.Resolver())).AuditAsync("good.test", new PostureSesInput(Good()));
            var ses = report.Ses;
            Assert.NotNull(ses);
            Assert.True(ses!.Present, string.Join("; ", ses.Findings));
            Assert.Empty(ses.Findings);
            Assert.Same(report.SesIdentity, ses.Result);
            Assert.Equal(new[] { Tok("good1"), Tok("good2"), Tok("good3") }, report.Dkim.Select(k => k.Selector));
            Assert.All(report.Dkim, k => Assert.False(k.Guessed));
        }

        [PeerFact("knotd")]
        public async Task A_dangling_Easy_DKIM_CNAME_seen_by_the_DKIM_and_SES_sections_is_one_finding()
        {
            var identity = new SesIdentity
            {
                Identity = "broken.test", IdentityType = "DOMAIN", Domain = "broken.test", Account = "111111111111", Region = "us-east-1",
                VerificationStatus = "SUCCESS", VerifiedForSending = true,
                Dkim = new SesIdentityDkim { Status = "SUCCESS", Origin = "AWS_SES", SigningEnabled = true, Tokens = new[] { Tok("dang1") } },
            };
            var report = await new PostureAuditor(_f.Resolver()).AuditAsync("broken.test", new PostureSesInput(identity));
            // Both sections report it (the DKIM section follows the token as a selector, the SES section checks the CNAME)...
            Assert.Contains(report.Ses!.Findings, f => f.Code == "DKIM_CNAME_DANGLING");
            Assert.Contains(report.Sections.Where(s => s.Name != "Ses").SelectMany(s => s.Findings), f => f.Code == "DKIM_CNAME_DANGLING");
            // ...and the report lists it once.
            Assert.Single(report.Findings, f => f.Code == "DKIM_CNAME_DANGLING");
        }

        [PeerFact("knotd")]
        public async Task A_plain_domain_has_no_Ses_section()
        {
            var report = await new PostureAuditor(_f.Resolver()).AuditAsync("good.test");
            Assert.Null(report.Ses);
            Assert.DoesNotContain(report.Sections, s => s.Name == "Ses");
        }
    }
}
