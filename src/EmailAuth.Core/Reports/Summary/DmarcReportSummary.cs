using System;
using System.Collections.Generic;
using System.Linq;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Reports.Dmarc;

namespace EmailAuth.Core.Reports.Summary
{
    /// <summary>
    /// What a set of DMARC aggregate reports says about one From (header_from) domain: volume, pass rates, every
    /// sending source with why it fails, and whether the policy can move to quarantine or reject.
    /// <see cref="Domain"/> and <see cref="Selector"/> bind by property name to Get-DkimRecord and Test-EmailAuth.
    /// </summary>
    public sealed class DmarcReportSummary
    {
        /// <summary>The header_from domain, lower case.</summary>
        public string Domain { get; set; } = string.Empty;
        /// <summary>DKIM selectors seen passing with d= equal to <see cref="Domain"/> (the keys the domain really signs with; RFC 9990 reports them).</summary>
        public IReadOnlyList<string> Selector { get; set; } = Array.Empty<string>();
        /// <summary>Earliest begin and latest end of the reports' date ranges (UTC).</summary>
        public DateTimeOffset Begin { get; set; }
        public DateTimeOffset End { get; set; }
        /// <summary>Distinct UTC days on which a report's range begins.</summary>
        public int DaysWithData { get; set; }
        /// <summary>Reporting organisations (org_name), sorted.</summary>
        public IReadOnlyList<string> Reporters { get; set; } = Array.Empty<string>();
        /// <summary>Distinct reports (reporter and report id) counted.</summary>
        public int ReportCount { get; set; }
        /// <summary>Reports seen again from another file or zip/mail entry, and not counted again.</summary>
        public int DuplicateReportCount { get; set; }
        public long MessageCount { get; set; }
        /// <summary>Messages that passed DMARC as the reporters evaluated them (SPF or DKIM aligned).</summary>
        public long AlignedCount { get; set; }
        public long DkimAlignedCount { get; set; }
        public long SpfAlignedCount { get; set; }
        /// <summary>DMARC pass rate in percent.</summary>
        public double PassRate => DmarcReportMath.Percent(AlignedCount, MessageCount);
        public double DkimAlignedRate => DmarcReportMath.Percent(DkimAlignedCount, MessageCount);
        public double SpfAlignedRate => DmarcReportMath.Percent(SpfAlignedCount, MessageCount);
        /// <summary>Aligned share of the legitimate volume (aligned and not-aligned sources; forwarded and unauthorised excluded), in percent.</summary>
        public double LegitimateAlignedRate { get; set; }
        /// <summary>The p= of the latest report's policy_published.</summary>
        public string Policy { get; set; } = string.Empty;
        /// <summary>The latest report's policy_published.</summary>
        public DmarcReportPublishedPolicy PublishedPolicy { get; set; } = new DmarcReportPublishedPolicy();
        public DmarcReadiness Readiness { get; set; }
        /// <summary>The policy the verdict is about (quarantine or reject); null when already at reject.</summary>
        public string? NextPolicy { get; set; }
        public string ReadinessReason { get; set; } = string.Empty;
        /// <summary>What keeps the policy from moving up, in plain words (empty when ready).</summary>
        public IReadOnlyList<string> Blockers { get; set; } = Array.Empty<string>();
        /// <summary>Every source, worst first (not aligned, unauthorised, forwarded, aligned), then by volume.</summary>
        public IReadOnlyList<DmarcReportSourceSummary> Sources { get; set; } = Array.Empty<DmarcReportSourceSummary>();
        /// <summary>The sources that fail alignment (not aligned or unauthorised), worst first.</summary>
        public IReadOnlyList<DmarcReportSourceSummary> FailingSources =>
            Sources.Where(s => s.Status == DmarcSourceStatus.NotAligned || s.Status == DmarcSourceStatus.Unauthorized).ToList();
        /// <summary>Per UTC day, oldest first.</summary>
        public IReadOnlyList<DmarcReportDaySummary> Days { get; set; } = Array.Empty<DmarcReportDaySummary>();
        public IReadOnlyList<Finding> Findings { get; set; } = Array.Empty<Finding>();

        public override string ToString() => $"{Domain}: {PassRate:0.#}% of {MessageCount} pass DMARC; {Readiness}";
    }
}
