using System;
using System.IO;
using System.Linq;
using EmailAuth.Core.Reports.Failure;
using Xunit;
using Codes = EmailAuth.Core.Reports.Failure.DmarcFailureReportFindingCodes;

namespace EmailAuth.Core.Tests.Reports.Failure
{
    /// <summary>
    /// ARF failure reports (RFC 5965, RFC 6591, RFC 9991): the examples of RFC 6591 Appendix B and RFC 9991 Appendix A
    /// as printed, a DKIM report written after RFC 6651's example, broken ones, and one-field variants of them.
    /// </summary>
    public class DmarcFailureReportReaderTests
    {
        internal static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "reports", "failure", name);

        private static DmarcFailureReport ReadOne(string path)
        {
            var result = Assert.Single(new DmarcFailureReportReader().Read(path));
            Assert.True(result.Error == null, result.Error?.Message);
            return result.Report!;
        }

        /// <summary>The fixture with <paramref name="edit"/> applied (to "\n" lines; written back with CRLF), read from a temporary file.</summary>
        private static DmarcFailureReport ReadVariant(string fixture, Func<string, string> edit)
        {
            var path = Path.Combine(Path.GetTempPath(), "emailauth-ruf-" + Guid.NewGuid().ToString("N") + ".eml");
            var text = File.ReadAllText(Fixture(fixture)).Replace("\r\n", "\n");
            var changed = edit(text);
            Assert.NotEqual(text, changed);
            File.WriteAllText(path, changed.Replace("\n", "\r\n"));
            try
            {
                return ReadOne(path);
            }
            finally
            {
                File.Delete(path);
            }
        }

        private static (string Code, string? Subject)[] Codes_(DmarcFailureReport r) => r.Findings.Select(f => (f.Code, f.Subject)).ToArray();

        [Fact]
        public void Rfc6591_appendix_b_example_as_printed()
        {
            var r = ReadOne(Fixture("rfc6591-appendix-b.eml"));
            Assert.Empty(r.Findings);
            Assert.Equal(("auth-failure", "bodyhash", "Someisp!Mail-Feedback/1.0", "1"), (r.FeedbackType, r.AuthFailure, r.UserAgent, r.Version));
            Assert.Equal("anexample.reply@a.sender.example", r.OriginalMailFrom);
            Assert.Equal("o3F52gxO029144", r.OriginalEnvelopeId);
            Assert.Equal(("sender.example", "testkey", "@sender.example"), (r.DkimDomain, r.DkimSelector, r.DkimIdentity));
            Assert.Equal(new DateTimeOffset(2011, 10, 8, 20, 15, 58, TimeSpan.Zero), r.ArrivalDate);
            Assert.Equal(("192.0.2.1", "a.sender.example"), (r.SourceIP, r.ReportedDomain));
            // DKIM-Canonicalized-Body is base64 folded over twelve lines (RFC 6591 §2.3).
            Assert.StartsWith("This is a message body that got modified in transit.\n", r.DkimCanonicalizedBody);
            Assert.EndsWith("reported along with phishing in a single report.\n", r.DkimCanonicalizedBody);
            Assert.Null(r.DkimCanonicalizedHeader);
            Assert.Null(r.DeliveryResult);
            var verdict = Assert.Single(r.FeedbackAuthenticationResults);
            Assert.Equal(("mta1011.mail.tp2.receiver.example", "dkim", "fail"), (verdict.AuthServId, verdict.Results.Single().Method, verdict.Results.Single().Result));
            // The reported message's header only (text/rfc822-headers).
            Assert.False(r.HasFullMessage);
            Assert.Equal("\"SomeISP Antispam Feedback\" <feedback@mail.receiver.example>", r.Reporter);
            Assert.Equal(("anexample@a.sender.example", "You have a new bill from your bank"), (r.From, r.Subject));
            Assert.Equal("87913910.1318094604546@out.sender.example", r.MessageId);
            var ar = Assert.Single(r.AuthenticationResults);
            Assert.Equal(new[] { ("dkim", "fail"), ("spf", "pass") }, ar.Results.Select(x => (x.Method, x.Result)));
        }

        [Fact]
        public void Dkim_bodyhash_report_after_rfc6651()
        {
            var r = ReadOne(Fixture("dkim-bodyhash.eml"));
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
        public void Rfc9991_appendix_a_example_as_printed()
        {
            var r = ReadOne(Fixture("rfc9991-appendix-a.eml"));
            Assert.Empty(r.Findings);
            // "From: DMARC Filter <DMARC@gen.example>;" as printed: the stray ";" does not hide the address.
            Assert.Contains("DMARC@gen.example", r.Reporter);
            Assert.Equal("dmarc", r.AuthFailure);
            Assert.Equal(new[] { "dkim" }, r.IdentityAlignment);
            Assert.Equal("author=gen.example@forwarder.example", r.OriginalMailFrom);
            Assert.Equal(12345, r.SourcePort);
            Assert.Equal("65E1A3F0A0", r.OriginalEnvelopeId);
            Assert.Equal("epsilon", r.DkimSelector);
            Assert.Equal("\"Message Author\" <author@consumer.example>", r.From);
            Assert.Equal("This is the original subject", r.Subject);
            Assert.Equal(new DateTimeOffset(2022, 7, 19, 7, 57, 33, TimeSpan.FromHours(2)), r.Date);
            // Four Authentication-Results headers, each parsed by the RFC 8601 parser.
            Assert.Equal(new[] { "gen.example", "mail.forwarder.example", "mail.forwarder.example", "consumer.example" },
                r.AuthenticationResults.Select(a => a.AuthServId));
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

        [Theory]
        // RFC 9991 §4: DKIM-Domain, DKIM-Identity, DKIM-Selector REQUIRED for a DKIM failure of an aligned identifier,
        // which is what Identity-Alignment: dkim says; SPF-DNS REQUIRED when it says spf.
        [InlineData("DKIM-Identity: @consumer.example\n", "", "DKIM-Identity")]
        [InlineData("DKIM-Selector: epsilon\n", "", "DKIM-Selector")]
        [InlineData("Identity-Alignment: dkim\n", "Identity-Alignment: dkim, spf\n", "SPF-DNS")]
        [InlineData("Identity-Alignment: dkim\n", "", "Identity-Alignment")]
        public void A_dmarc_report_lacking_a_field_rfc9991_requires_is_a_finding(string field, string replacement, string missing)
        {
            var r = ReadVariant("rfc9991-appendix-a.eml", t => t.Replace(field, replacement));
            Assert.Equal(new[] { (Codes.MissingField, (string?)missing) }, Codes_(r));
        }

        [Fact]
        public void A_dmarc_report_whose_aligned_identifiers_did_not_fail_needs_no_dkim_fields()
        {
            var r = ReadVariant("rfc9991-appendix-a.eml", t => t.Replace("Identity-Alignment: dkim\n", "Identity-Alignment: none\n")
                .Replace("DKIM-Domain: consumer.example\nDKIM-Identity: @consumer.example\nDKIM-Selector: epsilon\n", ""));
            Assert.Empty(r.Findings);
            Assert.Equal(new[] { "none" }, r.IdentityAlignment);
        }

        [Fact]
        public void A_dkim_failure_report_names_d_i_and_s()
        {
            var r = ReadVariant("rfc6591-appendix-b.eml", t => t.Replace("DKIM-Identity: @sender.example\n", ""));
            Assert.Equal(new[] { (Codes.MissingField, (string?)"DKIM-Identity") }, Codes_(r));
        }

        [Theory]
        // id-align ABNF (RFC 9991 §4): CFWS around items, no empty items, each method once.
        [InlineData("dkim (the aligned d=), SPF", new[] { "dkim", "spf" })]
        [InlineData("dkim,", null)]
        [InlineData("dkim,,spf", null)]
        [InlineData("none, dkim", null)]
        [InlineData("spf, spf", null)]
        public void Identity_alignment_follows_its_abnf(string value, string[]? expected)
        {
            var r = ReadVariant("rfc9991-appendix-a.eml", t => t.Replace("Identity-Alignment: dkim\n", $"Identity-Alignment: {value}\n")
                .Replace("Reported-Domain: consumer.example\n", "Reported-Domain: consumer.example\nSPF-DNS: txt; forwarder.example; v=spf1 -all\n"));
            if (expected == null)
            {
                Assert.Contains((Codes.InvalidField, (string?)"Identity-Alignment"), Codes_(r));
                Assert.Empty(r.IdentityAlignment);
            }
            else
            {
                Assert.Empty(r.Findings);
                Assert.Equal(expected, r.IdentityAlignment);
            }
        }

        [Theory]
        // Delivery-Result is one of five values (RFC 6591 §3.2), case-insensitive, comments allowed.
        [InlineData("Reject (policy p=reject)", "reject")]
        [InlineData("delivered", "delivered")]
        [InlineData("quarantined", null)]
        public void Delivery_result_is_one_of_the_registered_values(string value, string? expected)
        {
            var r = ReadVariant("rfc6591-appendix-b.eml", t => t.Replace("Auth-Failure: bodyhash\n", $"Auth-Failure: bodyhash\nDelivery-Result: {value}\n"));
            Assert.Equal(expected, r.DeliveryResult);
            Assert.Equal(expected == null ? new[] { (Codes.InvalidField, (string?)"Delivery-Result") } : Array.Empty<(string, string?)>(), Codes_(r));
        }

        [Fact]
        public void Arrival_date_and_its_historic_name_together_make_the_report_malformed()
        {
            var r = ReadVariant("rfc6591-appendix-b.eml", t => t.Replace("Source-IP: 192.0.2.1\n", "Source-IP: 192.0.2.1\nReceived-Date: 9 Oct 2011 20:15:58 +0000\n"));
            Assert.Equal(new[] { (Codes.DuplicateField, (string?)"Received-Date") }, Codes_(r));
            Assert.Equal(new DateTimeOffset(2011, 10, 8, 20, 15, 58, TimeSpan.Zero), r.ArrivalDate);
        }

        [Fact]
        public void The_dkim_canonicalized_fields_appear_once_and_are_base64()
        {
            var twice = ReadVariant("rfc6591-appendix-b.eml", t => t.Replace("DKIM-Domain:", "DKIM-Canonicalized-Header: RnJvbTogYQ0K\nDKIM-Canonicalized-Header: RnJvbTogYg0K\nDKIM-Domain:"));
            Assert.Equal(new[] { (Codes.DuplicateField, (string?)"DKIM-Canonicalized-Header") }, Codes_(twice));
            Assert.Equal("From: a\r\n", twice.DkimCanonicalizedHeader);
            var broken = ReadVariant("rfc6591-appendix-b.eml", t => t.Replace("DKIM-Canonicalized-Body: VGhp", "DKIM-Canonicalized-Body: *Thp"));
            Assert.Equal(new[] { (Codes.InvalidField, (string?)"DKIM-Canonicalized-Body") }, Codes_(broken));
            Assert.Null(broken.DkimCanonicalizedBody);
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

        [Fact]
        public void Received_date_of_early_reporters_is_read_as_the_arrival_date()
        {
            var path = Path.Combine(Path.GetTempPath(), "emailauth-ruf-" + Guid.NewGuid().ToString("N") + ".eml");
            File.WriteAllText(path, File.ReadAllText(Fixture("dkim-bodyhash.eml")).Replace("Arrival-Date:", "Received-Date:"));
            try
            {
                var r = ReadOne(path);
                Assert.Equal(new DateTimeOffset(2010, 4, 14, 12, 15, 31, TimeSpan.FromHours(-7)), r.ArrivalDate);
            }
            finally
            {
                File.Delete(path);
            }
        }
    }
}
