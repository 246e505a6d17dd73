using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using EmailAuth.Core.Reports.Input;
using EmailAuth.Core.Reports.TlsRpt;
using Xunit;

namespace EmailAuth.Core.Tests.Reports
{
    /// <summary>RFC 8460 §4.4 TLS reports, every field, odd types and hostile JSON.</summary>
    public class TlsRptReportParserTests
    {
        private static IReadOnlyList<TlsRptReportRecord> ParseText(string json, List<string>? warnings = null, TlsRptReportParser? parser = null)
        {
            using var s = new MemoryStream(Encoding.UTF8.GetBytes(json));
            return (parser ?? new TlsRptReportParser()).Parse(s, "r.json", null, w => warnings?.Add(w));
        }

        [Fact]
        public void The_sample_report_every_field()
        {
            var path = ReportFixtures.Sample("example.com-tlsrpt.json");
            using var file = File.OpenRead(path);
            var warnings = new List<string>();
            var policies = new TlsRptReportParser().Parse(file, path, null, warnings.Add);
            Assert.Empty(warnings);
            Assert.Equal(2, policies.Count);
            var p = policies[0];
            Assert.Equal(("Company-X", "sts-reporting@company-x.example", "5065427c-23d3-47ca-b6e0-946ea0e8c4be"), (p.OrganizationName, p.ContactInfo, p.ReportId));
            Assert.Equal("2026-11-01T00:00:00.0000000+00:00", p.StartDatetime!.Value.ToString("o"));
            Assert.Equal("2026-11-01T23:59:59.0000000+00:00", p.EndDatetime!.Value.ToString("o"));
            Assert.Equal(("sts", "example.com"), (p.PolicyType, p.PolicyDomain));
            Assert.Equal(new[] { "version: STSv1", "mode: enforce", "mx: mail.example.com", "max_age: 86400" }, p.PolicyString);
            Assert.Equal(new[] { "mail.example.com" }, p.MxHost);
            Assert.Equal((5326L, 303L, 5.38), (p.TotalSuccessfulSessionCount, p.TotalFailureSessionCount, p.FailurePercent));
            Assert.Equal(3, p.FailureDetails.Count);
            var d = p.FailureDetails[1];
            Assert.Equal(("starttls-not-supported", "203.0.113.58", "mail.example.com", "192.0.2.25", 200L),
                         (d.ResultType, d.SendingMtaIp, d.ReceivingMxHostname, d.ReceivingIp, d.FailedSessionCount));
            Assert.Equal("https://reports.company-x.example/tls/example.com", d.AdditionalInformation);
            Assert.Equal("X509_V_ERR_PROXY_PATH_LENGTH_EXCEEDED", p.FailureDetails[2].FailureReasonCode);
            Assert.Equal(("no-policy-found", "shop.example.com", 0.0), (policies[1].PolicyType, policies[1].PolicyDomain, policies[1].FailurePercent));
            Assert.Empty(policies[1].FailureDetails);
        }

        [Fact]
        public void Wrong_types_are_left_empty_with_a_warning()
        {
            var warnings = new List<string>();
            var json = "{\"organization-name\": 5, \"report-id\": \"x\", \"date-range\": {\"start-datetime\": \"yesterday\"}," +
                       "\"policies\": [ 7, {\"policy\": {\"policy-type\": \"STS\", \"policy-domain\": \"Example.COM.\", \"mx-host\": \"*.mail.example.com\"}," +
                       "\"summary\": {\"total-successful-session-count\": \"12\", \"total-failure-session-count\": -1}} ]}";
            var p = Assert.Single(ParseText(json, warnings));
            Assert.Equal(("sts", "example.com", 12L, 0L), (p.PolicyType, p.PolicyDomain, p.TotalSuccessfulSessionCount, p.TotalFailureSessionCount));
            Assert.Equal(new[] { "*.mail.example.com" }, p.MxHost);   // a lone string taken as a list of one
            Assert.Null(p.StartDatetime);
            Assert.Contains(warnings, w => w.Contains("\"organization-name\" is a Number"));
            Assert.Contains(warnings, w => w.Contains("not an RFC 3339 date-time"));
            Assert.Contains(warnings, w => w.Contains("not an object; skipped"));
            Assert.Contains(warnings, w => w.Contains("\"total-failure-session-count\" is not a session count"));
        }

        [Theory]
        [InlineData("not json")]
        [InlineData("[1,2]")]
        [InlineData("{\"policies\": {}}")]
        [InlineData("{\"policies\": [")]
        public void Not_a_tls_report_is_a_format_error(string json)
        {
            var e = Assert.Throws<TlsRptReportFormatException>(() => ParseText(json));
            Assert.StartsWith("r.json: ", e.Message);
        }

        [Fact]
        public void Deep_nesting_and_size_are_bounded()
        {
            var deep = "{\"policies\": [" + new string('[', 100) + new string(']', 100) + "]}";
            Assert.Throws<TlsRptReportFormatException>(() => ParseText(deep));
            var big = "{\"policies\": [], \"x\": \"" + new string('a', 5000) + "\"}";
            var e = Assert.Throws<TlsRptReportFormatException>(() => ParseText(big, parser: new TlsRptReportParser { MaxBytes = 1000 }));
            Assert.Contains("larger than 1,000 bytes", e.Message);
        }

        [Fact]
        public void Policies_and_failure_details_are_bounded()
        {
            var detail = "{\"result-type\": \"validation-failure\", \"failed-session-count\": 1}";
            var policy = "{\"policy\": {\"policy-type\": \"sts\", \"policy-domain\": \"example.com\"}, \"failure-details\": [" + string.Join(",", Enumerable.Repeat(detail, 20)) + "]}";
            var json = "{\"policies\": [" + string.Join(",", Enumerable.Repeat(policy, 20)) + "]}";
            var warnings = new List<string>();
            var result = ParseText(json, warnings, new TlsRptReportParser { MaxItems = 5 });
            Assert.Equal(5, result.Count);
            Assert.All(result, r => Assert.Equal(5, r.FailureDetails.Count));
            Assert.Contains(warnings, w => w.Contains("more than 5 policies"));
        }

        [Fact]
        public void A_gzip_report_through_the_input_layer()
        {
            using var files = new ReportFixtures();
            var path = files.Write("r.json.gz", ReportFixtures.Gzip(File.ReadAllBytes(ReportFixtures.Sample("example.com-tlsrpt.json"))));
            using var part = new ReportInputReader().Open(path).Single();
            Assert.Equal(ReportContentKind.Json, part.Kind);
            Assert.Equal(2, new TlsRptReportParser().Parse(part.Stream, part.SourceFile).Count);
        }
    }
}
