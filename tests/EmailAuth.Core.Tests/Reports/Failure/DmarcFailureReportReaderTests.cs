using System;
using System.IO;
using System.Linq;
using EmailAuth.Core.Reports.Failure;
using Xunit;
using Codes = EmailAuth.Core.Reports.Failure.DmarcFailureReportFindingCodes;

namespace EmailAuth.Core.Tests.Reports.Failure
{
    /// <summary>ARF failure reports (RFC 5965, RFC 6591, RFC 9991) written by hand after the RFCs' examples, and broken ones.</summary>
    public class DmarcFailureReportReaderTests
    {
        internal static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "reports", "failure", name);

        private static DmarcFailureReport ReadOne(string path)
        {
            var result = Assert.Single(new DmarcFailureReportReader().Read(path));
            Assert.True(result.Error == null, result.Error?.Message);
            return result.Report!;
        }

        [Fact]
        public void Rfc6591_dkim_bodyhash_report()
        {
            var r = ReadOne(Fixture("rfc6591-dkim-bodyhash.eml"));
            Assert.Empty(r.Findings);
            Assert.True(r.IsValid);
            Assert.Equal("auth-failure", r.FeedbackType);
            Assert.Equal("bodyhash", r.AuthFailure);
            Assert.Equal("SomeDKIMFilter/1.0", r.UserAgent);
            Assert.Equal("1", r.Version);
            Assert.Equal("randomuser@example.net", r.OriginalMailFrom);
            Assert.Equal(new[] { "user@example.com" }, r.OriginalRcptTo);
            Assert.Equal(new DateTimeOffset(2010, 4, 14, 12, 15, 31, TimeSpan.FromHours(-7)), r.ArrivalDate);
            Assert.Equal("192.0.2.1", r.SourceIP);
            Assert.Equal("example.net", r.ReportedDomain);
            Assert.Equal(("example.net", "testkey", "@example.net"), (r.DkimDomain, r.DkimSelector, r.DkimIdentity));
            Assert.Equal(1, r.Incidents);
            var verdict = Assert.Single(r.FeedbackAuthenticationResults);
            Assert.Equal("mail.example.com", verdict.AuthServId);
            Assert.Equal("fail", verdict.Results.Single().Result);
            // The reported message, attached whole.
            Assert.True(r.HasFullMessage);
            Assert.Equal("randomuser@example.net", r.From);
            Assert.Equal("user@example.com", r.To);
            Assert.Equal("This is a test", r.Subject);
            Assert.Equal("1234.5678@example.net", r.MessageId);
            Assert.Equal("arf-daemon@example.com", r.Reporter);
            Assert.Empty(r.AuthenticationResults);
        }

        [Fact]
        public void Rfc9991_dmarc_report_with_identity_alignment_and_the_messages_own_results()
        {
            var r = ReadOne(Fixture("rfc9991-dmarc-forwarded.eml"));
            Assert.Empty(r.Findings);
            Assert.Equal("dmarc", r.AuthFailure);
            Assert.Equal(new[] { "dkim" }, r.IdentityAlignment);
            Assert.Equal("author=gen.example@forwarder.example", r.OriginalMailFrom);
            Assert.Equal(12345, r.SourcePort);
            Assert.Equal("65E1A3F0A0", r.OriginalEnvelopeId);
            Assert.Equal("epsilon", r.DkimSelector);
            Assert.Equal("\"Message Author\" <author@consumer.example>", r.From);
            Assert.Equal("This is the original subject", r.Subject);
            Assert.Equal(new DateTimeOffset(2022, 7, 19, 7, 57, 33, TimeSpan.FromHours(2)), r.Date);
            // Three Authentication-Results headers, each parsed by the RFC 8601 parser.
            Assert.Equal(new[] { "gen.example", "mail.forwarder.example", "mail.forwarder.example" }, r.AuthenticationResults.Select(a => a.AuthServId));
            Assert.Equal(new[] { "permerror", "temperror", "permerror", "neutral" }, r.AuthenticationResults[0].Results.Select(x => x.Result));
            Assert.Equal("delta", r.AuthenticationResults[2].Results[1].GetProperty("header.s"));
            Assert.Equal("192.0.2.4", r.AuthenticationResults[1].Results[0].GetProperty("smtp.remote-ip"));
        }

        [Fact]
        public void The_bundled_ses_sample_has_header_only_and_incidents()
        {
            var sample = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "samples", "reports", "failure", "example.com-dmarc-failure.eml");
            var r = ReadOne(Path.GetFullPath(sample));
            Assert.Empty(r.Findings);
            Assert.False(r.HasFullMessage);
            Assert.Equal(new[] { "none" }, r.IdentityAlignment);
            Assert.Equal(("spam", 3, "mx1.receiver.example"), (r.DeliveryResult, r.Incidents, r.ReportingMta));
            Assert.Equal("\"Example Billing\" <billing@example.com>", r.From);
            var ar = Assert.Single(r.AuthenticationResults);
            Assert.Equal("amazonses.com", ar.Results.Single(x => x.Method == "dkim").GetProperty("header.d"));
        }

        [Fact]
        public void Broken_fields_are_findings_and_the_values_left_out()
        {
            var r = ReadOne(Fixture("broken-fields.eml"));
            var codes = r.Findings.Select(f => (f.Code, f.Subject)).ToList();
            Assert.Contains((Codes.MissingField, "User-Agent"), codes);
            Assert.Contains((Codes.MissingField, "SPF-DNS"), codes);
            Assert.Contains((Codes.UnknownVersion, (string?)null), codes);
            Assert.Contains((Codes.DuplicateField, "Source-IP"), codes);
            Assert.Contains((Codes.InvalidField, "Source-IP"), codes);
            Assert.Contains((Codes.InvalidField, "Arrival-Date"), codes);
            Assert.Contains((Codes.InvalidField, "Incidents"), codes);
            Assert.Contains((Codes.InvalidField, "Identity-Alignment"), codes);
            Assert.Contains((Codes.NoOriginalMessage, (string?)null), codes);
            Assert.Null(r.SourceIP);
            Assert.Null(r.ArrivalDate);
            Assert.Equal(1, r.Incidents);
            Assert.Empty(r.IdentityAlignment);
        }

        [Fact]
        public void An_abuse_report_is_read_with_a_warning_and_its_header_part()
        {
            var r = ReadOne(Fixture("abuse-report.eml"));
            Assert.Equal(new[] { Codes.NotAuthFailure }, r.Findings.Select(f => f.Code));
            Assert.False(r.HasFullMessage);
            Assert.Equal("Weekly news", r.Subject);
        }

        [Theory]
        [InlineData("not-a-report.eml", "no message/feedback-report part")]
        [InlineData("delivery-status.eml", "\"delivery-status\"")]
        public void A_message_that_is_no_arf_report_is_an_invalid_input_error(string name, string why)
        {
            var result = Assert.Single(new DmarcFailureReportReader().Read(Fixture(name)));
            Assert.Null(result.Report);
            Assert.Equal(DmarcFailureReportProblem.Invalid, result.Error!.Problem);
            Assert.Contains(name, result.Error.Message);
            Assert.Contains(why, result.Error.Message);
        }

        [Fact]
        public void A_missing_file_is_unreadable_not_an_exception()
        {
            var result = Assert.Single(new DmarcFailureReportReader().Read(Fixture("no-such-file.eml")));
            Assert.Equal(DmarcFailureReportProblem.Unreadable, result.Error!.Problem);
        }
    }
}
