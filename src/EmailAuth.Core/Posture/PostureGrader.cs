using System.Collections.Generic;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Dmarc;

namespace EmailAuth.Core.Posture
{
    /// <summary>
    /// The grade, first rule that applies (kept in step with about_EmailAuth and Test-EmailAuth's help):
    /// <list type="number">
    /// <item>TempError: a DNS lookup failed (POSTURE_TEMPERROR), the report is incomplete.</item>
    /// <item>F: a Critical finding, no usable DMARC record, or neither SPF nor DKIM published.</item>
    /// <item>D: an Error finding, or a Gmail/Yahoo bulk-sender check failed.</item>
    /// <item>C: DMARC only monitors (p=none) or does not apply to all mail (pct&lt;100 or t=y).</item>
    /// <item>B: DMARC enforced (quarantine or reject), but Warning findings remain.</item>
    /// <item>A: DMARC enforced, every bulk-sender check passes, nothing worse than Info.</item>
    /// </list>
    /// </summary>
    public static class PostureGrader
    {
        private static int Count(IReadOnlyList<Finding> findings, FindingSeverity severity)
        {
            var n = 0;
            for (var i = 0; i < findings.Count; i++) if (findings[i].Severity == severity) n++;
            return n;
        }

        public static (PostureGrade Grade, string Reason) Grade(EmailAuthReport report)
        {
            var f = report.Findings;
            Finding? temp = null, critical = null;
            for (var i = 0; i < f.Count && temp == null; i++)
            {
                if (f[i].Code == PostureFindingCodes.TempError) temp = f[i];
                else if (critical == null && f[i].Severity == FindingSeverity.Critical) critical = f[i];
            }
            if (temp != null) return (PostureGrade.TempError, "A DNS lookup failed, so the report is incomplete: " + temp.Message);

            if (critical != null) return (PostureGrade.F, $"Critical: {critical.Code}.");
            var dmarc = report.Section(PostureSectionNames.Dmarc);
            if (dmarc?.Present != true) return (PostureGrade.F, "No usable DMARC record: anyone can send as this domain unchecked.");
            if (report.Section(PostureSectionNames.Spf)?.Present != true && report.Section(PostureSectionNames.Dkim)?.Present != true)
                return (PostureGrade.F, "Neither SPF nor DKIM is published: no mail from this domain can pass DMARC.");

            List<string>? failed = null; // made only for a failed check
            for (var i = 0; i < report.BulkSender.Count; i++)
                if (!report.BulkSender[i].Passed) (failed ??= new List<string>()).Add(report.BulkSender[i].Name);
            var errors = Count(f, FindingSeverity.Error);
            if (errors > 0 || failed != null)
                return (PostureGrade.D, failed != null
                    ? $"Gmail/Yahoo bulk-sender requirement(s) not met: {string.Join(", ", failed)}; {errors} error(s)."
                    : $"{errors} error(s) to fix.");

            var info = report.Dmarc;
            if (info?.EffectivePolicy == DmarcPolicy.None) return (PostureGrade.C, "DMARC only monitors (p=none): failing mail is still delivered.");
            if (info != null && (info.Testing || info.Pct is int pct && pct < 100))
                return (PostureGrade.C, "DMARC is enforced only partly (pct below 100 or t=y).");

            var warnings = Count(f, FindingSeverity.Warning);
            if (warnings > 0) return (PostureGrade.B, $"DMARC enforced; {warnings} warning(s) to review.");
            return (PostureGrade.A, "DMARC enforced, SPF and DKIM published and aligned, no warnings.");
        }
    }
}
