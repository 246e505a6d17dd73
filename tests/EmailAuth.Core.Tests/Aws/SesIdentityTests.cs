using System.Collections.Generic;
using EmailAuth.Core.Aws.Ses;
using Xunit;

namespace EmailAuth.Core.Tests.Aws
{
    /// <summary>SesIdentity and SesAccount as the cmdlets show them, built from the SESv2 answers.</summary>
    public sealed class SesIdentityTests
    {
        [Fact]
        public void Easy_DKIM_domain_keeps_tokens_and_mail_from()
        {
            var d = new SesIdentityDetails
            {
                Identity = "Example.COM",
                IdentityType = "DOMAIN",
                VerificationStatus = "SUCCESS",
                VerifiedForSendingStatus = true,
                Dkim = new SesDkimAttributes { Status = "SUCCESS", SigningAttributesOrigin = "AWS_SES", Tokens = new[] { "a", "b", "c" }, CurrentSigningKeyLength = "RSA_2048_BIT" },
                MailFrom = new SesMailFromAttributes { MailFromDomain = "mail.example.com", MailFromDomainStatus = "PENDING", BehaviorOnMxFailure = "REJECT_MESSAGE" },
                Policies = new Dictionary<string, string> { ["z"] = "{}", ["a"] = "{}" },
                Tags = new[] { new SesTag("team", "mail") },
            };
            var i = SesIdentity.From(d, "111111111111", "eu-west-1");
            Assert.Equal("example.com", i.Domain);
            Assert.Equal(new[] { "a", "b", "c" }, i.Dkim.Tokens);
            Assert.Null(i.Dkim.Selector);
            Assert.Equal("RSA_2048_BIT", i.Dkim.KeyLength);
            Assert.Equal("mail.example.com", i.MailFromDomain);
            Assert.Equal("REJECT_MESSAGE", i.BehaviorOnMxFailure);
            Assert.Equal(new[] { "a", "z" }, i.PolicyNames);
            Assert.Equal("mail", i.Tags["team"]);
            Assert.Equal("111111111111", i.Account);
            Assert.Equal("eu-west-1", i.Region);
        }

        [Fact]
        public void BYODKIM_reports_its_selector_not_tokens()
        {
            var d = new SesIdentityDetails
            {
                Identity = "example.org",
                IdentityType = "DOMAIN",
                Dkim = new SesDkimAttributes { Status = "PENDING", SigningAttributesOrigin = "EXTERNAL", Tokens = new[] { "sel2025" } },
            };
            var i = SesIdentity.From(d, "1", "us-east-1");
            Assert.Equal("sel2025", i.Dkim.Selector);
            Assert.Empty(i.Dkim.Tokens);
        }

        [Fact]
        public void Email_identity_domain_is_after_the_at()
        {
            var i = SesIdentity.From(new SesIdentityDetails { Identity = "Ops@Mail.Example.NET", IdentityType = "EMAIL_ADDRESS" }, "1", "us-east-1");
            Assert.Equal("mail.example.net", i.Domain);
            Assert.Null(i.MailFromDomain);
        }

        [Fact]
        public void Account_without_production_access_is_in_the_sandbox()
        {
            var a = SesAccount.From(new SesAccountDetails { ProductionAccessEnabled = false, Max24HourSend = 200 }, "1", "us-east-1");
            Assert.True(a.Sandbox);
            Assert.Equal(200, a.Max24HourSend);
        }
    }
}
