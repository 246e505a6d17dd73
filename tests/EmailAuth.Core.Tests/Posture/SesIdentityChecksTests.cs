using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Alignment;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Aws.Ses;
using EmailAuth.Core.Dkim;
using EmailAuth.Core.Posture;
using EmailAuth.Core.Spf;
using EmailAuth.Core.Tests.Infrastructure;
using Xunit;

namespace EmailAuth.Core.Tests.Posture
{
    /// <summary>SES identity posture checks against knotd serving tests/Fixtures/zones/sesposture.</summary>
    public sealed class SesIdentityChecksTests : IClassFixture<SesPostureZonesFixture>
    {
        private readonly SesPostureZonesFixture _f;

        public SesIdentityChecksTests(SesPostureZonesFixture fixture) => _f = fixture;

        private static string Tok(string prefix) => (prefix + new string('x', 32)).Substring(0, 32);

        private static SesIdentity Domain(string domain, string[] tokens, string? mailFrom = null, string region = "us-east-1",
                                          string dkimStatus = "SUCCESS", string? hostedZone = null) => new SesIdentity
        {
            Identity = domain, IdentityType = "DOMAIN", Domain = domain, Account = "111111111111", Region = region,
            VerificationStatus = "SUCCESS", VerifiedForSending = true,
            Dkim = new SesIdentityDkim
            {
                Status = dkimStatus, Origin = "AWS_SES", SigningEnabled = true, Tokens = tokens.Select(Tok).ToArray(),
                SigningHostedZone = hostedZone,
            },
            MailFromDomain = mailFrom, MailFromStatus = mailFrom == null ? null : "SUCCESS",
            BehaviorOnMxFailure = "USE_DEFAULT_VALUE",
        };

        private static SesIdentity Address(string address, string dkimStatus = "NOT_STARTED") => new SesIdentity
        {
            Identity = address, IdentityType = "EMAIL_ADDRESS", Domain = address.Substring(address.IndexOf('@') + 1),
            Account = "111111111111", Region = "us-east-1", VerificationStatus = "SUCCESS", VerifiedForSending = true,
            Dkim = new SesIdentityDkim { Status = dkimStatus, Origin = "AWS_SES", SigningEnabled = dkimStatus == "SUCCESS" },
        };

        private static readonly string[] Good = { "good1", "good2", "good3" };

        private Task<System.Collections.Generic.IReadOnlyList<Finding>> Check(SesIdentity identity, params SesIdentity[] known) =>
            new SesIdentityChecks(_f.Resolver()).CheckAsync(identity, known, CancellationToken.None);

        private static string[] Codes(System.Collections.Generic.IReadOnlyList<Finding> findings) =>
            findings.Select(f => f.Code).OrderBy(c => c, StringComparer.Ordinal).ToArray();

        private static string[] Sorted(params string[] codes) => codes.OrderBy(c => c, StringComparer.Ordinal).ToArray();

        [PeerTheory("knotd")]
        [InlineData("bounce.good.test")]
        [InlineData("nested.good.test")] // include:_spf.good.test, which includes amazonses.com
        [InlineData("redir.good.test")]  // redirect=_spf.good.test (RFC 7208 §6.1)
        public async Task A_complete_domain_identity_has_no_findings(string mailFrom)
        {
            var findings = await Check(Domain("good.test", Good, mailFrom));
            Assert.Empty(findings);
        }

        [PeerFact("knotd")]
        public async Task Reports_a_missing_CNAME_a_TXT_in_its_place_and_a_CNAME_to_nothing_with_the_DKIM_codes()
        {
            var findings = await Check(Domain("broken.test", new[] { "miss1", "txt1", "dang1" }, mailFrom: null, dkimStatus: "FAILED"));
            Assert.Equal(Sorted(SesFindingCodes.DkimNotVerified, SesFindingCodes.DkimCnameMissing, DkimFindingCodes.TxtInsteadOfCname,
                                DkimFindingCodes.CnameDangling, DmarcVerdictFindingCodes.SpfNotAlignedSesDefaultMailFrom), Codes(findings));
            Assert.Equal($"{Tok("miss1")}._domainkey.broken.test", findings.Single(f => f.Code == SesFindingCodes.DkimCnameMissing).Subject);
            Assert.Contains($"CNAME {Tok("miss1")}.dkim.amazonses.com", findings.Single(f => f.Code == SesFindingCodes.DkimCnameMissing).Remediation);
            Assert.Equal($"{Tok("txt1")}._domainkey.broken.test", findings.Single(f => f.Code == DkimFindingCodes.TxtInsteadOfCname).Subject);
            Assert.Equal($"{Tok("dang1")}._domainkey.broken.test", findings.Single(f => f.Code == DkimFindingCodes.CnameDangling).Subject);
            // DKIM does not work and the MAIL FROM is SES's default: DMARC fails, so the default MAIL FROM is an error here.
            Assert.Equal(FindingSeverity.Error, findings.Single(f => f.Code == DmarcVerdictFindingCodes.SpfNotAlignedSesDefaultMailFrom).Severity);
        }

        [PeerTheory("knotd")]
        [InlineData("us-east-1", null, true)]                      // points into eu-west-1's DKIM domain
        [InlineData("eu-west-1", null, false)]                     // the identity's own regional DKIM domain
        [InlineData("eu-west-1", "dkim.amazonses.com", true)]      // SES said which zone: only that one is right
        [InlineData("us-east-1", "dkim.eu-west-1.amazonses.com", false)]
        public async Task Checks_the_CNAME_target_against_the_identitys_DKIM_domain(string region, string? hostedZone, bool wrong)
        {
            var findings = await Check(Domain("broken.test", new[] { "wrong1" }, "bounce.good.test", region, hostedZone: hostedZone));
            var codes = findings.Select(f => f.Code).Where(c => c.StartsWith("SES_DKIM") || c.StartsWith("DKIM")).ToArray();
            Assert.Equal(wrong ? new[] { SesFindingCodes.DkimCnameWrongTarget } : Array.Empty<string>(), codes);
        }

        [PeerFact("knotd")]
        public async Task Accepts_the_regional_DKIM_domain_of_the_region_and_of_a_global_identitys_parent()
        {
            Assert.DoesNotContain(await Check(Domain("regional.test", new[] { "reg1", "hz1" }, "bounce.good.test", "af-south-1")),
                                  f => f.Code.Contains("DKIM"));
            var global = Domain("regional.test", new[] { "reg1" }, "bounce.good.test", "eu-west-1");
            global.Dkim.Origin = "AWS_SES_AF_SOUTH_1";
            Assert.DoesNotContain(await Check(global), f => f.Code.Contains("DKIM"));
            Assert.Equal(new[] { "dkim.amazonses.com", "dkim.af-south-1.amazonses.com", "dkim.eu-west-1.amazonses.com" },
                         SesIdentityChecks.ExpectedDkimZones(global));
        }

        [PeerTheory("knotd")]
        [InlineData("nomx.broken.test", SesFindingCodes.MailFromMxMissing, SesFindingCodes.MailFromSpfNoSes)]
        [InlineData("otherregion.broken.test", SesFindingCodes.MailFromMxWrong, SesFindingCodes.MailFromSpfNoSes)] // -all before the include
        [InlineData("nospf.broken.test", SesFindingCodes.MailFromMxWrong, SpfFindingCodes.NoRecord)]
        public async Task Checks_the_MAIL_FROM_MX_and_SPF(string mailFrom, string mxCode, string spfCode)
        {
            var findings = await Check(Domain("broken.test", Array.Empty<string>(), mailFrom));
            Assert.Equal(Sorted(mxCode, spfCode), Codes(findings));
            Assert.All(findings, f => Assert.Equal(mailFrom, f.Subject));
            Assert.Contains("feedback-smtp.us-east-1.amazonses.com", findings.Single(f => f.Code == mxCode).Remediation);
        }

        [PeerFact("knotd")]
        public async Task Names_the_other_region_when_the_MX_points_at_another_regions_feedback_host()
        {
            var findings = await Check(Domain("broken.test", Array.Empty<string>(), "otherregion.broken.test"));
            Assert.Contains("another region", findings.Single(f => f.Code == SesFindingCodes.MailFromMxWrong).Message);
            // From eu-west-1, the same MX is right.
            var fromIreland = await Check(Domain("broken.test", Array.Empty<string>(), "otherregion.broken.test", "eu-west-1"));
            Assert.DoesNotContain(fromIreland, f => f.Code.StartsWith("SES_MAIL_FROM_MX"));
        }

        [PeerFact("knotd")]
        public async Task A_MAIL_FROM_subdomain_does_not_align_under_aspf_s()
        {
            var findings = await Check(Domain("strict.test", Array.Empty<string>(), "bounce.strict.test"));
            var f = Assert.Single(findings);
            Assert.Equal(DmarcVerdictFindingCodes.SpfNotAligned, f.Code);
            Assert.Contains("aspf=s", f.Message);
            Assert.Contains("aspf=r", f.Remediation);
        }

        [PeerTheory("knotd")]
        [InlineData("SUCCESS", FindingSeverity.Warning)]
        [InlineData("FAILED", FindingSeverity.Error)]
        public async Task Flags_the_default_MAIL_FROM_as_passing_SPF_without_alignment(string dkimStatus, FindingSeverity severity)
        {
            var findings = await Check(Domain("good.test", Good, mailFrom: null, dkimStatus: dkimStatus));
            var f = findings.Single(x => x.Code == DmarcVerdictFindingCodes.SpfNotAlignedSesDefaultMailFrom);
            Assert.Equal(severity, f.Severity);
            Assert.Contains("SPF passes but does not align", f.Message);
            Assert.Contains("bounce.good.test", f.Remediation);
            Assert.Contains("10 feedback-smtp.us-east-1.amazonses.com", f.Remediation);
            Assert.Contains("include:amazonses.com", f.Remediation);
        }

        [PeerFact("knotd")]
        public async Task Warns_an_email_address_identity_without_a_DKIM_domain_identity()
        {
            var alone = await Check(Address("news@broken.test"));
            Assert.Equal(Sorted(SesFindingCodes.EmailIdentityNoDkimDomain, DmarcVerdictFindingCodes.SpfNotAlignedSesDefaultMailFrom), Codes(alone));
            Assert.Contains("d=amazonses.com", alone.Single(f => f.Code == SesFindingCodes.EmailIdentityNoDkimDomain).Message);

            // A verified DKIM identity of the domain (or a parent) in the same account and region covers the address.
            var parent = Domain("good.test", Good, "bounce.good.test");
            var covered = await Check(Address("news@mail.good.test"), parent);
            Assert.DoesNotContain(covered, f => f.Code == SesFindingCodes.EmailIdentityNoDkimDomain);
            var otherRegion = Domain("good.test", Good, "bounce.good.test", region: "eu-west-1");
            Assert.Contains(await Check(Address("news@good.test"), otherRegion), f => f.Code == SesFindingCodes.EmailIdentityNoDkimDomain);
            // SES reports the domain's DKIM on the address identity itself.
            Assert.DoesNotContain(await Check(Address("news@good.test", dkimStatus: "SUCCESS")), f => f.Code == SesFindingCodes.EmailIdentityNoDkimDomain);
        }

        [PeerTheory("knotd")]
        [InlineData("FAILED", "HOST_NOT_FOUND", FindingSeverity.Error)]
        [InlineData("TEMPORARY_FAILURE", "DNS_SERVER_ERROR", FindingSeverity.Error)]
        [InlineData("PENDING", null, FindingSeverity.Warning)]
        public async Task Reports_the_verification_state_with_the_reason(string status, string? reason, FindingSeverity severity)
        {
            var identity = Domain("good.test", Good, "bounce.good.test");
            identity.VerificationStatus = status;
            identity.VerificationError = reason;
            identity.VerifiedForSending = false;
            var f = Assert.Single(await Check(identity));
            Assert.Equal(SesFindingCodes.IdentityNotVerified, f.Code);
            Assert.Equal(severity, f.Severity);
            Assert.Contains(status, f.Message);
            if (reason != null) Assert.Contains(reason, f.Message);
        }

        [PeerTheory("knotd")]
        [InlineData("USE_DEFAULT_VALUE", true)]
        [InlineData("REJECT_MESSAGE", false)]
        public async Task A_failed_MAIL_FROM_falls_back_to_the_default_unless_SES_rejects(string behavior, bool fallsBack)
        {
            var identity = Domain("good.test", Good, "bounce.good.test");
            identity.MailFromStatus = "FAILED";
            identity.BehaviorOnMxFailure = behavior;
            var findings = await Check(identity);
            var expected = fallsBack
                ? Sorted(SesFindingCodes.MailFromNotVerified, DmarcVerdictFindingCodes.SpfNotAlignedSesDefaultMailFrom)
                : new[] { SesFindingCodes.MailFromNotVerified };
            Assert.Equal(expected, Codes(findings));
        }

        [Theory]
        [InlineData("v=spf1 include:amazonses.com ~all", true)]
        [InlineData("v=spf1 +include:AmazonSES.com. -all", true)]
        [InlineData("v=spf1 ?include:amazonses.com -all", false)] // neutral: SES's mail gets spf=neutral, not pass
        [InlineData("v=spf1 ~all include:amazonses.com", false)] // "all" matches first (RFC 7208 §4.6.2)
        [InlineData("v=spf1 include:amazonses.co -all", false)]
        [InlineData("v=spf1 redirect=amazonses.com", true)]
        public void Tells_whether_an_SPF_record_authorizes_SES(string record, bool authorizes)
        {
            var info = new SpfRecordInspector(null).InspectText(record, "bounce.example.test");
            Assert.Equal(authorizes, SesIdentityChecks.AuthorizesSes(info, 0));
        }
    }
}
