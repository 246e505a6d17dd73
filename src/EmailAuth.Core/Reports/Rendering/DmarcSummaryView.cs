using System.Globalization;
using EmailAuth.Core.Reports.Summary;

namespace EmailAuth.Core.Reports.Rendering
{
    /// <summary>Texts both renderers show the same way.</summary>
    internal static class DmarcSummaryView
    {
        public static string Verdict(DmarcReadiness r) => r switch
        {
            DmarcReadiness.Ready => "Ready",
            DmarcReadiness.NotReady => "Not ready",
            DmarcReadiness.InsufficientData => "Insufficient data",
            _ => "Enforcing",
        };

        public static string VerdictTitle(DmarcReportSummary s) =>
            s.NextPolicy == null ? Verdict(s.Readiness) + " (p=reject)" : $"{Verdict(s.Readiness)} for p={s.NextPolicy}";

        public static string Status(DmarcSourceStatus s) => s switch
        {
            DmarcSourceStatus.NotAligned => "not aligned",
            DmarcSourceStatus.Unauthorized => "unauthorised",
            DmarcSourceStatus.Forwarded => "forwarded",
            _ => "aligned",
        };

        public static string Pct(double v) => v.ToString("0.##", CultureInfo.InvariantCulture) + " %";

        public static string Period(DmarcReportSummary s) => s.MessageCount == 0 && s.ReportCount == 0 ? "" :
            $"{s.Begin.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} – {s.End.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC";

        public static string N(long v) => v.ToString(CultureInfo.InvariantCulture);
    }
}
