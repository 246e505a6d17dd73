using System;

namespace EmailAuth.Core.Reports.Summary
{
    /// <summary>One UTC day of a domain's reports: rows are counted on the day their report's date range begins.</summary>
    public sealed class DmarcReportDaySummary
    {
        public string Domain { get; set; } = string.Empty;
        /// <summary>The UTC date (time 00:00, kind Utc).</summary>
        public DateTime Date { get; set; }
        public long MessageCount { get; set; }
        /// <summary>Messages that passed DMARC (SPF or DKIM aligned) as the reporters evaluated them.</summary>
        public long AlignedCount { get; set; }
        /// <summary>AlignedCount / MessageCount in percent; 0 for a day without messages.</summary>
        public double PassRate => DmarcReportMath.Percent(AlignedCount, MessageCount);
        public override string ToString() => $"{Domain} {Date:yyyy-MM-dd} {PassRate:0.#}% of {MessageCount}";
    }
}
