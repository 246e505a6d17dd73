using System.Collections.Generic;
using System.Linq;
using EmailAuth.Core.Reports.Dmarc;
using EmailAuth.Core.Reports.Summary;
using Xunit;
using static EmailAuth.Core.Tests.Reports.Summary.DmarcRows;

namespace EmailAuth.Core.Tests.Reports.Summary
{
    public sealed class DmarcReadinessRulesTests
    {
        /// <summary>14 days, two reporters, the domain's own mail each day; plus what the test adds.</summary>
        private static List<DmarcReportRecord> TwoWeeks(long perDay = 100)
        {
            var rows = new List<DmarcReportRecord>();
            for (var day = 0; day < 14; day++)
            {
                rows.Add(Own(perDay, day: day, org: "google.com"));
                rows.Add(Own(perDay, day: day, org: "Yahoo"));
            }
            return rows;
        }

        private static DmarcReportSummary One(IEnumerable<DmarcReportRecord> rows) => DmarcReportAggregator.Summarize(rows).Single();

        [Fact]
        public void Ready_for_quarantine_when_legitimate_mail_is_aligned_over_enough_days_and_reporters()
        {
            var s = One(TwoWeeks());
            Assert.Equal(DmarcReadiness.Ready, s.Readiness);
            Assert.Equal("quarantine", s.NextPolicy);
            Assert.Empty(s.Blockers);
            Assert.Contains(s.Findings, f => f.Code == DmarcReportFindingCodes.ReadyForEnforcement);
        }

        [Fact]
        public void At_quarantine_the_next_step_is_reject()
        {
            var rows = TwoWeeks();
            foreach (var r in rows) r.PublishedPolicy.Policy = "quarantine";
            var s = One(rows);
            Assert.Equal("quarantine", s.Policy);
            Assert.Equal("reject", s.NextPolicy);
            Assert.Equal(DmarcReadiness.Ready, s.Readiness);
        }

        [Fact]
        public void Spoofing_and_forwarding_failures_do_not_block_however_large()
        {
            var rows = TwoWeeks();
            rows.Add(Spoof(100000));
            rows.Add(MailingList(5000));
            var s = One(rows);
            Assert.True(s.PassRate < 5);
            Assert.Equal(100.0, s.LegitimateAlignedRate);
            Assert.Equal(DmarcReadiness.Ready, s.Readiness);
            Assert.Contains("forwarding-only failures do not count", s.ReadinessReason);
            Assert.Contains(s.Findings, f => f.Code == DmarcReportFindingCodes.UnauthorizedSource);
            Assert.Contains(s.Findings, f => f.Code == DmarcReportFindingCodes.ForwardedFailures);
        }

        [Fact]
        public void A_known_service_failing_alignment_blocks_and_is_named_with_its_fix()
        {
            var rows = TwoWeeks();              // 2800 aligned
            rows.Add(SesDefault(100, day: 3));  // 100 not aligned: 96.55 % < 98 %
            var s = One(rows);
            Assert.Equal(DmarcReadiness.NotReady, s.Readiness);
            Assert.Equal(96.55, s.LegitimateAlignedRate);
            Assert.StartsWith("Not ready for p=quarantine: 96.55% of legitimate mail is aligned, less than 98%.", s.ReadinessReason);
            Assert.Contains(s.Blockers, b => b.StartsWith("Amazon SES: 100 message(s) not aligned.") && b.Contains("Easy DKIM"));
            Assert.Contains(s.Findings, f => f.Code == DmarcReportFindingCodes.NotReadyForEnforcement);
            Assert.Contains(s.Findings, f => f.Code == DmarcReportFindingCodes.SourceNotAligned && f.Subject == "Amazon SES");
        }

        [Fact]
        public void Exactly_the_threshold_is_ready_and_just_below_is_not()
        {
            var rows = TwoWeeks(49);                        // 1372 aligned
            rows.Add(SesDefault(28));                       // 1372 / 1400 = 98 %
            Assert.Equal(DmarcReadiness.Ready, One(rows).Readiness);
            rows.Add(SesDefault(1));                        // 1372 / 1401 < 98 %
            Assert.Equal(DmarcReadiness.NotReady, One(rows).Readiness);
        }

        [Fact]
        public void One_reporter_is_insufficient_data()
        {
            var rows = TwoWeeks().Where(r => r.OrgName == "google.com").ToList();
            var s = One(rows);
            Assert.Equal(DmarcReadiness.InsufficientData, s.Readiness);
            Assert.Contains("1 reporter(s), fewer than 2", s.ReadinessReason);
            Assert.Contains(s.Findings, f => f.Code == DmarcReportFindingCodes.InsufficientData);
        }

        [Fact]
        public void Too_few_days_is_insufficient_data_and_thresholds_can_be_changed()
        {
            var rows = TwoWeeks().Where(r => r.Begin < Day0.AddDays(7)).ToList();
            var s = One(rows);
            Assert.Equal(DmarcReadiness.InsufficientData, s.Readiness);
            Assert.Contains("reports cover 7 day(s), fewer than 14", s.ReadinessReason);
            var relaxed = DmarcReportAggregator.Summarize(rows, new DmarcReadinessRules { MinDays = 7 }).Single();
            Assert.Equal(DmarcReadiness.Ready, relaxed.Readiness);
        }

        [Fact]
        public void Not_aligned_sources_are_reported_even_when_data_is_thin()
        {
            var s = One(new[] { Own(10), SesDefault(10) });
            Assert.Equal(DmarcReadiness.NotReady, s.Readiness);
            Assert.Contains("Also: reports cover 1 day(s), fewer than 14", s.ReadinessReason);
        }

        [Fact]
        public void Only_spoofed_mail_is_insufficient_data_not_ready()
        {
            var rows = new List<DmarcReportRecord>();
            for (var day = 0; day < 14; day++) { rows.Add(Spoof(50, day, "google.com")); rows.Add(Spoof(50, day, "Yahoo")); }
            var s = One(rows);
            Assert.Equal(DmarcReadiness.InsufficientData, s.Readiness);
            Assert.Contains("no legitimate", s.ReadinessReason);
        }

        [Fact]
        public void The_latest_reports_policy_is_the_one_in_force()
        {
            var rows = TwoWeeks();
            rows.Add(Own(1, day: 20, policy: "reject"));
            var s = One(rows);
            Assert.Equal("reject", s.Policy);
            Assert.Equal(DmarcReadiness.Enforcing, s.Readiness);
            Assert.Null(s.NextPolicy);
            Assert.Contains(s.Findings, f => f.Code == DmarcReportFindingCodes.PolicyEnforced);
        }
    }
}
