using EmailAuth.Core.Reports.Dmarc;
using Xunit;

namespace EmailAuth.Core.Tests.Reports
{
    public class SendingServiceCatalogTests
    {
        [Theory]
        [InlineData("amazonses.com", "Amazon SES")]
        [InlineData("eu-west-1.amazonses.com", "Amazon SES")]
        [InlineData("_spf.google.com", "Google")]
        [InlineData("protection.outlook.com", "Microsoft 365")]
        [InlineData("contoso.onmicrosoft.com", "Microsoft 365")]
        [InlineData("em123.sendgrid.net", "SendGrid")]
        [InlineData("mailgun.org", "Mailgun")]
        [InlineData("sparkpostmail.com", "SparkPost")]
        [InlineData("mandrillapp.com", "Mailchimp Transactional (Mandrill)")]
        [InlineData("AMAZONSES.COM.", "Amazon SES")]
        [InlineData("notamazonses.com", null)]    // a suffix only on a label boundary
        [InlineData("amazonses.com.evil.example", null)]
        [InlineData("example.com", null)]
        [InlineData("", null)]
        public void Matches_on_the_domain_or_a_subdomain(string domain, string? service) =>
            Assert.Equal(service, SendingServiceCatalog.Match(domain));

        [Fact]
        public void A_passing_dkim_domain_wins_over_a_failing_one()
        {
            var row = new DmarcReportRecord
            {
                DkimResults = new[] { new DmarcReportDkimResult { Domain = "sendgrid.net", Result = "fail" }, new DmarcReportDkimResult { Domain = "amazonses.com", Result = "pass" } },
            };
            Assert.Equal("Amazon SES", SendingServiceCatalog.ForRecord(row));
        }
    }
}
