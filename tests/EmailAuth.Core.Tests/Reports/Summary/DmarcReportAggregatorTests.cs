using System;
using System.Linq;
using EmailAuth.Core.Reports.Dmarc;
using EmailAuth.Core.Reports.Summary;
using Xunit;
using static EmailAuth.Core.Tests.Reports.Summary.DmarcRows;

namespace EmailAuth.Core.Tests.Reports.Summary
{
    public sealed class DmarcReportAggregatorTests
    {
        [Fact]
        public void Counts_rates_period_reporters_and_policy_per_header_from_domain()
        {
            var s = DmarcReportAggregator.Summarize(new[]
            {
                Own(90, day: 0), SesDefault(10, day: 1, org: "Yahoo"),
                Own(5, day: 0, domain: "other.example", policy: "reject"),
            });
            Assert.Equal(new[] { "example.com", "other.example" }, s.Select(x => x.Domain));
            var d = s[0];
            Assert.Equal(100, d.MessageCount);
            Assert.Equal(90, d.AlignedCount);
            Assert.Equal(90.0, d.PassRate);
            Assert.Equal(90.0, d.DkimAlignedRate);
            Assert.Equal(90.0, d.SpfAlignedRate);
            Assert.Equal(new[] { "google.com", "Yahoo" }, d.Reporters);
            Assert.Equal(2, d.ReportCount);
            Assert.Equal(2, d.DaysWithData);
            Assert.Equal(Day0, d.Begin);
            Assert.Equal(Day0.AddDays(2).AddSeconds(-1), d.End);
            Assert.Equal("none", d.Policy);
            Assert.Equal(new[] { 100.0, 0.0 }, d.Days.Select(x => x.PassRate));
            Assert.Equal("reject", s[1].Policy);
            Assert.Equal(DmarcReadiness.Enforcing, s[1].Readiness);
        }

        [Fact]
        public void Sources_are_grouped_by_sending_service_else_by_IP_keeping_the_IPs_and_failing_ones_come_first()
        {
            var ses2 = SesDefault(3);
            ses2.SourceIP = "54.240.0.2";
            var d = DmarcReportAggregator.Summarize(new[] { Own(50), SesDefault(7), ses2, Spoof(2), Spoof(1, ip: "203.0.113.10") }).Single();
            Assert.Equal(new[] { "Amazon SES", "203.0.113.9", "203.0.113.10", "192.0.2.10" }, d.Sources.Select(x => x.Source));
            var ses = d.Sources[0];
            Assert.Equal(new[] { "54.240.0.1", "54.240.0.2" }, ses.SourceIP);
            Assert.Equal(10, ses.MessageCount);
            Assert.Equal(DmarcSourceStatus.NotAligned, ses.Status);
            Assert.Equal(new[] { "Amazon SES", "203.0.113.9", "203.0.113.10" }, d.FailingSources.Select(x => x.Source));
        }

        [Fact]
        public void Explains_in_plain_words_why_each_kind_of_source_fails_and_what_to_do()
        {
            var d = DmarcReportAggregator.Summarize(new[] { Own(50), SesDefault(10), Spoof(3), ForwardedIntact(4), MailingList(2) }).Single();
            var ses = d.Sources.Single(x => x.Source == "Amazon SES");
            Assert.Equal("Amazon SES: SPF passes for eu-west-1.amazonses.com, which does not align with example.com; DKIM signs as amazonses.com, which does not align.", ses.Explanation);
            Assert.Contains("Easy DKIM", ses.Fix);
            Assert.Contains("custom MAIL FROM", ses.Fix);

            var spoof = d.Sources.Single(x => x.Source == "203.0.113.9");
            Assert.Equal(DmarcSourceStatus.Unauthorized, spoof.Status);
            Assert.StartsWith("unknown source 203.0.113.9: both fail", spoof.Explanation);
            Assert.Contains("spoofing or an unauthorised service", spoof.Explanation);

            var fwd = d.Sources.Single(x => x.Source == "198.51.100.7");
            Assert.Equal(DmarcSourceStatus.Aligned, fwd.Status);
            Assert.Equal("forwarder 198.51.100.7: SPF fails, DKIM passes aligned — fine (typical of forwarding).", fwd.Explanation);

            // Easy DKIM set up, MAIL FROM still amazonses.com: aligned through DKIM, and not called forwarding.
            var sesDkim = Row("54.240.0.9", 8, true, false, spf: ("amazonses.com", "pass"), dkim: new[] { ("example.com", (string?)"tok", "pass") }, service: "Amazon SES");
            var easy = DmarcReportAggregator.Summarize(new[] { sesDkim }).Single().Sources.Single();
            Assert.Equal("Amazon SES: SPF passes for amazonses.com, which does not align with example.com; DKIM passes aligned as example.com — aligned, fine.", easy.Explanation);
            Assert.Equal("source 192.0.2.10: SPF passes for example.com, aligned; DKIM passes aligned as example.com — aligned, fine.",
                d.Sources.Single(x => x.Source == "192.0.2.10").Explanation);
            Assert.Null(fwd.Fix);

            var list = d.Sources.Single(x => x.Source == "198.51.100.8");
            Assert.Equal(DmarcSourceStatus.Forwarded, list.Status);
            Assert.Equal(2, list.ForwardedCount);
            Assert.Contains("changed in transit", list.Explanation);
        }

        [Fact]
        public void The_receivers_forwarded_reason_marks_a_failing_row_as_forwarded()
        {
            var row = Row("198.51.100.9", 6, false, false, spf: ("relay.example.net", "pass"), overrideType: "forwarded");
            var src = DmarcReportAggregator.Summarize(new[] { row }).Single().Sources.Single();
            Assert.Equal(DmarcSourceStatus.Forwarded, src.Status);
            Assert.Contains("the receiver noted forwarded", src.Explanation);
        }

        [Fact]
        public void An_unknown_source_passing_SPF_for_a_foreign_domain_is_unauthorised_but_one_passing_for_the_own_organization_is_not_aligned()
        {
            var foreign = Row("203.0.113.20", 5, false, false, spf: ("spammer.example.net", "pass"));
            var own = Row("192.0.2.30", 5, false, false, spf: ("bounce.example.com", "pass"));
            var d = DmarcReportAggregator.Summarize(new[] { foreign, own }).Single();
            Assert.Equal(DmarcSourceStatus.Unauthorized, d.Sources.Single(x => x.Source == "203.0.113.20").Status);
            var mine = d.Sources.Single(x => x.Source == "192.0.2.30");
            Assert.Equal(DmarcSourceStatus.NotAligned, mine.Status);
            Assert.Contains("adkim=r, aspf=r", mine.Fix);
        }

        [Fact]
        public void Selector_lists_the_selectors_passing_with_d_equal_to_the_domain_only()
        {
            var rows = new[]
            {
                Own(10),
                Row("192.0.2.11", 3, true, false, dkim: new[] { ("example.com", (string?)"S2.Sub", "pass"), ("example.com", (string?)"broken", "fail") }),
                Row("192.0.2.12", 3, true, false, dkim: new[] { ("mail.example.com", (string?)"s3", "pass"), ("example.com", (string?)null, "pass") }),
                Row("192.0.2.13", 3, true, false, dkim: new[] { ("example.com", (string?)"bad selector<script>", "pass") }),
                SesDefault(1),
            };
            Assert.Equal(new[] { "s1", "s2.sub" }, DmarcReportAggregator.Summarize(rows).Single().Selector);
        }

        [Fact]
        public void The_same_report_from_another_file_counts_once_but_rows_of_one_report_all_count()
        {
            var a1 = Own(10); var a2 = SesDefault(5);
            var again1 = Own(10); again1.SourceFile = "b.xml.gz";
            var again2 = SesDefault(5); again2.SourceFile = "b.xml.gz";
            var zipped = Own(10); zipped.SourceFile = "a.xml"; zipped.SourceEntry = "inner.xml";
            var d = DmarcReportAggregator.Summarize(new[] { a1, a2, again1, again2, zipped }).Single();
            Assert.Equal(15, d.MessageCount);
            Assert.Equal(1, d.ReportCount);
            Assert.Equal(1, d.DuplicateReportCount);
            Assert.Contains(d.Findings, f => f.Code == DmarcReportFindingCodes.DuplicateReport);
        }

        [Fact]
        public void Zero_and_negative_counts_give_zero_rates_never_NaN()
        {
            var zero = Own(0);
            var negative = Spoof(-5);
            var d = DmarcReportAggregator.Summarize(new[] { zero, negative }).Single();
            Assert.Equal(0, d.MessageCount);
            Assert.Equal(0.0, d.PassRate);
            Assert.Equal(0.0, d.LegitimateAlignedRate);
            Assert.All(d.Sources, x => Assert.Equal(0.0, x.PassRate));
            Assert.Equal(DmarcReadiness.InsufficientData, d.Readiness);
            Assert.Contains("0 message(s), fewer than 100", d.ReadinessReason);
        }

        [Fact]
        public void Counts_saturate_instead_of_wrapping()
        {
            var d = DmarcReportAggregator.Summarize(new[] { Own(long.MaxValue), Own(long.MaxValue, day: 1) }).Single();
            Assert.Equal(long.MaxValue, d.MessageCount);
            Assert.Equal(100.0, d.PassRate);
        }

        [Fact]
        public void Sources_beyond_the_cap_are_folded_into_other_sources()
        {
            var a = new DmarcReportAggregator();
            for (var i = 0; i < DmarcReportAggregator.MaxSourcesPerDomain + 10; i++)
                a.Add(Spoof(1, ip: "10.0." + (i / 256) + "." + (i % 256)));
            var d = a.Summaries().Single();
            Assert.Equal(DmarcReportAggregator.MaxSourcesPerDomain + 1, d.Sources.Count);
            Assert.Equal(10, d.Sources.Single(x => x.Source == DmarcReportAggregator.OtherSources).MessageCount);
            Assert.Equal(DmarcReportAggregator.MaxSourcesPerDomain + 10, d.MessageCount);
            Assert.Equal(DmarcReportAggregator.MaxSourceFindings + 1, d.Findings.Count(f => f.Code == DmarcReportFindingCodes.UnauthorizedSource));
        }

        [Fact]
        public void Header_from_is_grouped_case_and_trailing_dot_insensitively()
        {
            var r = Own(3);
            r.HeaderFrom = "Example.COM.";
            var s = DmarcReportAggregator.Summarize(new[] { Own(2), r });
            Assert.Equal("example.com", Assert.Single(s).Domain);
        }
    }
}
