using System;
using System.Linq;
using EmailAuth.Core.Aws.DnsPlan;
using EmailAuth.Core.Aws.Ses;
using EmailAuth.Core.Dmarc;
using Xunit;

namespace EmailAuth.Core.Tests.Aws.DnsPlan
{
    public class SesDnsPlannerTests
    {
        internal static SesIdentity Domain(string domain, string account = "111111111111", string region = "us-east-1", string? mailFrom = null,
            string[]? tokens = null, string? signingZone = null) => new SesIdentity
        {
            Identity = domain,
            IdentityType = "DOMAIN",
            Domain = domain,
            Account = account,
            Region = region,
            MailFromDomain = mailFrom,
            Dkim = new SesIdentityDkim { Origin = "AWS_SES", Tokens = tokens ?? new[] { "aaa" + account[..3] + region.Replace("-", ""), "bbb" + account[..3] + region.Replace("-", ""), "ccc" + account[..3] + region.Replace("-", "") }, SigningHostedZone = signingZone },
        };

        private static SesDnsPlan Plan(params SesIdentity[] ids) => SesDnsPlanner.Plan(ids.Select(i => new SesDnsPlanInput(i)));

        [Fact]
        public void One_identity_needs_three_dkim_cnames_mail_from_mx_and_spf_and_dmarc()
        {
            var plan = Plan(Domain("Example.com", mailFrom: "mail.example.com", tokens: new[] { "tok1", "tok2", "tok3" }));
            Assert.Empty(plan.Warnings);
            var cnames = plan.Records.Where(r => r.Purpose == SesDnsRecordPurpose.DkimCname).ToList();
            Assert.Equal(new[] { "tok1._domainkey.example.com.", "tok2._domainkey.example.com.", "tok3._domainkey.example.com." }, cnames.Select(r => r.Name));
            Assert.All(cnames, r => Assert.Equal("CNAME", r.Type));
            Assert.Equal("tok1.dkim.amazonses.com.", cnames[0].Values.Single());
            var mx = plan.Records.Single(r => r.Purpose == SesDnsRecordPurpose.MailFromMx);
            Assert.Equal(("mail.example.com.", "MX", "10 feedback-smtp.us-east-1.amazonses.com."), (mx.Name, mx.Type, mx.Values.Single()));
            var spf = plan.Records.Single(r => r.Purpose == SesDnsRecordPurpose.MailFromSpf);
            Assert.Equal("\"v=spf1 include:amazonses.com ~all\"", spf.Values.Single());
            var dmarc = plan.Records.Single(r => r.Purpose == SesDnsRecordPurpose.Dmarc);
            Assert.Equal(("_dmarc.example.com.", "\"v=DMARC1; p=none\""), (dmarc.Name, dmarc.Values.Single()));
            Assert.Equal(1800, dmarc.Ttl);
            Assert.Equal(new[] { "111111111111" }, dmarc.Accounts);
        }

        [Fact]
        public void The_signing_hosted_zone_is_the_cname_target_domain_and_a_zone_id_is_not()
        {
            var regional = Plan(Domain("example.com", tokens: new[] { "t1" }, signingZone: "dkim.me-central-1.amazonses.com"));
            Assert.Equal("t1.dkim.me-central-1.amazonses.com.", regional.Records.First(r => r.Type == "CNAME").Values.Single());
            var zoneId = Plan(Domain("example.com", tokens: new[] { "t1" }, signingZone: "Z3RKTDP6EMZ8W0"));
            Assert.Equal("t1.dkim.amazonses.com.", zoneId.Records.First(r => r.Type == "CNAME").Values.Single());
        }

        [Fact]
        public void Two_accounts_and_two_regions_merge_into_one_plan()
        {
            var a = Domain("example.com", "111111111111", "us-east-1", "mail-use1.example.com");
            var b = Domain("example.com", "222222222222", "eu-west-1", "mail-euw1.example.com");
            var plan = SesDnsPlanner.Plan(new[] { new SesDnsPlanInput(a, "tokenA"), new SesDnsPlanInput(b, "tokenB=") });
            Assert.Equal(6, plan.Records.Count(r => r.Purpose == SesDnsRecordPurpose.DkimCname));
            var verification = plan.Records.Single(r => r.Purpose == SesDnsRecordPurpose.Verification);
            Assert.Equal("_amazonses.example.com.", verification.Name);
            Assert.Equal(new[] { "\"tokenA\"", "\"tokenB=\"" }, verification.Values);
            Assert.Equal(new[] { "111111111111", "222222222222" }, verification.Accounts);
            Assert.Equal(new[] { "eu-west-1", "us-east-1" }, verification.Regions);
            var mx = plan.Records.Where(r => r.Purpose == SesDnsRecordPurpose.MailFromMx).ToList();
            Assert.Equal(2, mx.Count);
            Assert.Contains(mx, r => r.Name == "mail-euw1.example.com." && r.Values.Single() == "10 feedback-smtp.eu-west-1.amazonses.com.");
            Assert.Single(plan.Records, r => r.Purpose == SesDnsRecordPurpose.Dmarc);
            Assert.Empty(plan.Warnings);
        }

        [Fact]
        public void One_mail_from_domain_in_two_regions_gets_both_hosts_and_a_warning()
        {
            var plan = Plan(Domain("example.com", region: "us-east-1", mailFrom: "mail.example.com"), Domain("example.com", region: "eu-west-1", mailFrom: "mail.example.com"));
            var mx = plan.Records.Single(r => r.Type == "MX");
            Assert.Equal(2, mx.Values.Count);
            Assert.Single(plan.Records, r => r.Purpose == SesDnsRecordPurpose.MailFromSpf && r.Values.Count == 1);
            Assert.Contains(plan.Warnings, w => w.Contains("mail.example.com.") && w.Contains("per region"));
        }

        [Fact]
        public void Dmarc_is_not_planned_where_a_policy_exists_and_follows_the_chosen_policy()
        {
            var options = new SesDnsPlanOptions { DmarcPolicy = DmarcPolicy.Quarantine, DmarcReportAddress = "mailto:dmarc@example.net" };
            options.DomainsWithDmarc.Add("example.org");
            var plan = SesDnsPlanner.Plan(new[] { new SesDnsPlanInput(Domain("example.com")), new SesDnsPlanInput(Domain("example.org")) }, options);
            var dmarc = plan.Records.Single(r => r.Purpose == SesDnsRecordPurpose.Dmarc);
            Assert.Equal("_dmarc.example.com.", dmarc.Name);
            Assert.Equal("v=DMARC1; p=quarantine; rua=mailto:dmarc@example.net", dmarc.Text.Single());
            Assert.DoesNotContain(SesDnsPlanner.Plan(new[] { new SesDnsPlanInput(Domain("example.com")) }, new SesDnsPlanOptions { IncludeDmarc = false }).Records,
                r => r.Purpose == SesDnsRecordPurpose.Dmarc);
        }

        [Theory]
        [InlineData("not-an-address")]
        [InlineData("a@b.example;p=reject")]
        [InlineData("a@b.example,mailto:x@y.example")]
        public void A_bad_report_address_is_refused(string address) =>
            Assert.Throws<ArgumentException>(() => SesDnsPlanner.DmarcText(new SesDnsPlanOptions { DmarcReportAddress = address }));

        [Fact]
        public void Byodkim_needs_the_public_key_and_says_so()
        {
            var id = Domain("example.com");
            id.Dkim = new SesIdentityDkim { Origin = "EXTERNAL", Selector = "sel1" };
            var without = Plan(id);
            Assert.DoesNotContain(without.Records, r => r.Name.Contains("_domainkey"));
            Assert.Contains(without.Warnings, w => w.Contains("-PublicKey") && w.Contains("sel1._domainkey.example.com"));
            var options = new SesDnsPlanOptions();
            options.PublicKeys["sel1"] = "MIIBIjAN\nBgkq";
            var with = SesDnsPlanner.Plan(new[] { new SesDnsPlanInput(id) }, options);
            var txt = with.Records.Single(r => r.Purpose == SesDnsRecordPurpose.DkimTxt);
            Assert.Equal(("sel1._domainkey.example.com.", "TXT", "v=DKIM1; k=rsa; p=MIIBIjANBgkq"), (txt.Name, txt.Type, txt.Text.Single()));
        }

        [Fact]
        public void Email_identities_need_no_records_and_are_warned_about()
        {
            var plan = Plan(new SesIdentity { Identity = "user@example.net", IdentityType = "EMAIL_ADDRESS", Domain = "example.net", Account = "1", Region = "us-east-1" });
            Assert.Empty(plan.Records);
            Assert.Contains(plan.Warnings, w => w.Contains("DMARC"));
        }

        [Theory]
        [InlineData("mail.example.org")]
        [InlineData("example.com")]
        [InlineData("bad name.example.com")]
        public void A_mail_from_domain_outside_the_identity_is_not_planned(string mailFrom)
        {
            var plan = Plan(Domain("example.com", mailFrom: mailFrom));
            Assert.DoesNotContain(plan.Records, r => r.Type == "MX");
            Assert.Contains(plan.Warnings, w => w.Contains("MAIL FROM"));
        }

        [Fact]
        public void Malformed_tokens_are_skipped_not_planned()
        {
            var plan = Plan(Domain("example.com", tokens: new[] { "good1", "bad.token", "", new string('a', 64) }));
            Assert.Single(plan.Records, r => r.Type == "CNAME");
            Assert.Equal(3, plan.Warnings.Count);
        }
    }
}
