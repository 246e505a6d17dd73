using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using EmailAuth.Core.Alignment;
using EmailAuth.Core.Aws.Ses;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Posture;
using EmailAuth.Core.Spf;

namespace EmailAuth.Core.Tests.Audit
{
    /// <summary>
    /// Coverage cases whose input is not only DNS: SES identities as SesV2Client reads them (checked against knotd
    /// serving the sesposture zones) and message facts for the DMARC verdict (RFC 7489 §6.6, on the alignment zone).
    /// </summary>
    public static partial class FindingCodeCases
    {
        private static string Tok(string prefix) => (prefix + new string('x', 32)).Substring(0, 32);

        private static SesIdentity SesDomain(string domain, string[] tokens, string? mailFrom = null, string dkimStatus = "SUCCESS") => new SesIdentity
        {
            Identity = domain, IdentityType = "DOMAIN", Domain = domain, Account = "111111111111", Region = "us-east-1",
            VerificationStatus = "SUCCESS", VerifiedForSending = true,
            Dkim = new SesIdentityDkim { Status = dkimStatus, Origin = "AWS_SES", SigningEnabled = true, Tokens = tokens.Select(Tok).ToArray() },
            MailFromDomain = mailFrom, MailFromStatus = mailFrom == null ? null : "SUCCESS",
            BehaviorOnMxFailure = "USE_DEFAULT_VALUE",
        };

        private static FindingCodeCase Ses(string name, Func<SesIdentity> identity, bool failingDns = false) =>
            Case("SES " + name, async f =>
                await new SesIdentityChecks(failingDns ? f.Failing() : f.SesPosture.Resolver()).CheckAsync(identity(), null, CancellationToken.None));

        private static FindingCodeCase Verdict(string from, string? mailFrom, SpfResult spf, string[] dkim, bool failingDns = false) =>
            Case($"DMARC verdict From {from}, MAIL FROM {mailFrom ?? "-"} ({spf}), d={string.Join(",", dkim)}", async f =>
                (await new DmarcEvaluator(failingDns ? f.Failing() : f.Alignment()).EvaluateAsync(from, mailFrom, spf, dkim)).Findings);

        private static readonly string[] GoodTokens = { "good1", "good2", "good3" };

        private static IEnumerable<FindingCodeCase> SesAndVerdictCases()
        {
            yield return Ses("DKIM failed: a token missing, a TXT in its place, a CNAME to nothing",
                () => SesDomain("broken.test", new[] { "miss1", "txt1", "dang1" }, dkimStatus: "FAILED"));
            yield return Ses("CNAME into another region's DKIM domain", () => SesDomain("broken.test", new[] { "wrong1" }, "bounce.good.test"));
            yield return Ses("MAIL FROM without MX, SPF without SES", () => SesDomain("broken.test", Array.Empty<string>(), "nomx.broken.test"));
            yield return Ses("MAIL FROM MX of another region", () => SesDomain("broken.test", Array.Empty<string>(), "otherregion.broken.test"));
            yield return Ses("email address without a DKIM domain", () => new SesIdentity
            {
                Identity = "news@broken.test", IdentityType = "EMAIL_ADDRESS", Domain = "broken.test", Account = "111111111111", Region = "us-east-1",
                VerificationStatus = "SUCCESS", VerifiedForSending = true,
                Dkim = new SesIdentityDkim { Status = "NOT_STARTED", Origin = "AWS_SES", SigningEnabled = false },
            });
            yield return Ses("identity not verified", () =>
            {
                var i = SesDomain("good.test", GoodTokens, "bounce.good.test");
                (i.VerificationStatus, i.VerificationError, i.VerifiedForSending) = ("FAILED", "HOST_NOT_FOUND", false);
                return i;
            });
            yield return Ses("MAIL FROM not verified", () =>
            {
                var i = SesDomain("good.test", GoodTokens, "bounce.good.test");
                i.MailFromStatus = "FAILED";
                return i;
            });
            yield return Ses("DKIM signing disabled", () =>
            {
                var i = SesDomain("good.test", GoodTokens, "bounce.good.test");
                i.Dkim.SigningEnabled = false;
                return i;
            });
            yield return Ses("MAIL FROM lookups fail (SERVFAIL)", () => SesDomain("good.test", Array.Empty<string>(), "bounce.good.test"), failingDns: true);

            // The DMARC verdict (RFC 7489 §3.1 alignment, §6.6 policy).
            yield return Verdict("example.test", "us-east-1.amazonses.com", SpfResult.Pass, new[] { "amazonses.com" });
            yield return Verdict("example.test", "sender.test", SpfResult.Pass, new[] { "sender.test" });
            yield return Verdict("example.test", "example.test", SpfResult.Fail, Array.Empty<string>());
            yield return Verdict("nodmarc.test", "nodmarc.test", SpfResult.Pass, Array.Empty<string>());
            yield return Verdict("failing.test", "failing.test", SpfResult.Pass, Array.Empty<string>(), failingDns: true);
        }

        /// <summary>Every case of the coverage table.</summary>
        public static IEnumerable<FindingCodeCase> All() => RecordCases().Concat(MtaStsCases()).Concat(SesAndVerdictCases()).Concat(PostureCases())
            .Concat(AuthenticationResultsCases()).Concat(FailureReportCases())
            .Concat(DmarcReportCases())
            .Concat(MessageCases())
            .Concat(MessageDkimCases());
    }
}
