using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace EmailAuth.Core.Reports.Summary
{
    /// <summary>
    /// When a domain may move its DMARC policy (the p tag, RFC 7489 §6.3) one step up: none → quarantine → reject.
    /// p=none exists to watch the reports until every legitimate source authenticates; these thresholds make that
    /// concrete. Legitimate volume = aligned messages plus those of sources that pass SPF or DKIM for something not
    /// aligned (a real service, misconfigured). Forwarded failures and unauthorised sources are left out: enforcement
    /// is meant to stop the latter, and forwarding breaks SPF by design (RFC 7960, indirect mail flows).
    /// </summary>
    public sealed class DmarcReadinessRules
    {
        /// <summary>Least share of legitimate volume aligned, in percent.</summary>
        public double MinAlignedPercent { get; set; } = 98.0;
        /// <summary>Least distinct days with reports (two weeks: weekly senders, newsletters and invoicing runs show up).</summary>
        public int MinDays { get; set; } = 14;
        /// <summary>Least distinct reporters (one receiver sees only the mail sent to it).</summary>
        public int MinReporters { get; set; } = 2;
        /// <summary>Least messages reported.</summary>
        public long MinMessages { get; set; } = 100;

        public static DmarcReadinessRules Default { get; } = new DmarcReadinessRules();

        /// <summary>Sets Readiness, NextPolicy, ReadinessReason, Blockers and LegitimateAlignedRate on <paramref name="s"/>.</summary>
        public void Apply(DmarcReportSummary s)
        {
            var policy = (s.Policy ?? string.Empty).Trim().ToLowerInvariant();
            s.NextPolicy = policy == "reject" ? null : policy == "quarantine" ? "reject" : "quarantine";
            long aligned = s.AlignedCount, notAligned = 0;
            foreach (var src in s.Sources.Where(x => x.Status == DmarcSourceStatus.NotAligned))
                notAligned = DmarcReportMath.Add(notAligned, src.NotAlignedCount);
            var legitimate = DmarcReportMath.Add(aligned, notAligned);
            s.LegitimateAlignedRate = DmarcReportMath.Percent(aligned, legitimate);

            if (s.NextPolicy == null)
            {
                s.Readiness = DmarcReadiness.Enforcing;
                s.ReadinessReason = "The domain already publishes p=reject.";
                s.Blockers = Array.Empty<string>();
                return;
            }

            var blockers = new List<string>();
            var thin = new List<string>();
            if (s.DaysWithData < MinDays) thin.Add(F($"reports cover {s.DaysWithData} day(s), fewer than {MinDays}"));
            if (s.Reporters.Count < MinReporters) thin.Add(F($"{s.Reporters.Count} reporter(s), fewer than {MinReporters}"));
            if (s.MessageCount < MinMessages) thin.Add(F($"{s.MessageCount} message(s), fewer than {MinMessages}"));
            if (legitimate == 0 && s.MessageCount >= MinMessages) thin.Add("no legitimate (aligned or known-service) mail was reported");

            if (s.LegitimateAlignedRate < MinAlignedPercent && legitimate > 0)
            {
                blockers.Add(F($"{s.LegitimateAlignedRate:0.##}% of legitimate mail is aligned, less than {MinAlignedPercent:0.##}%"));
                foreach (var src in s.Sources.Where(x => x.Status == DmarcSourceStatus.NotAligned))
                    blockers.Add(F($"{src.Source}: {src.NotAlignedCount} message(s) not aligned. {src.Fix}"));
            }

            if (blockers.Count > 0)
            {
                s.Readiness = DmarcReadiness.NotReady;
                s.ReadinessReason = F($"Not ready for p={s.NextPolicy}: {blockers[0]}.") + (thin.Count > 0 ? " Also: " + string.Join("; ", thin) + "." : string.Empty);
                blockers.AddRange(thin);
            }
            else if (thin.Count > 0)
            {
                s.Readiness = DmarcReadiness.InsufficientData;
                s.ReadinessReason = F($"Too little data to judge p={s.NextPolicy}: ") + string.Join("; ", thin) + ".";
                blockers.AddRange(thin);
            }
            else
            {
                s.Readiness = DmarcReadiness.Ready;
                s.ReadinessReason = F($"Ready for p={s.NextPolicy}: {s.LegitimateAlignedRate:0.##}% of legitimate mail is aligned over {s.DaysWithData} days and {s.Reporters.Count} reporters")
                    + (s.Sources.Any(x => x.Status == DmarcSourceStatus.Forwarded) ? "; forwarding-only failures do not count." : ".");
            }
            s.Blockers = blockers;
        }

        private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
    }
}
