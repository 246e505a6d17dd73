using System.Collections.Generic;
using System.Linq;
using EmailAuth.Core.Audit;

namespace EmailAuth.Core.Posture.Rendering
{
    /// <summary>What both renderers show, in the same order: so the HTML and Markdown files say the same things.</summary>
    internal static class PostureReportView
    {
        public static readonly FindingSeverity[] SeveritiesWorstFirst =
            { FindingSeverity.Critical, FindingSeverity.Error, FindingSeverity.Warning, FindingSeverity.Info };

        public static string GradeText(PostureGrade grade) => grade == PostureGrade.TempError ? "?" : grade.ToString();

        public static IEnumerable<Finding> OfSeverity(EmailAuthReport report, FindingSeverity severity) =>
            report.Findings.Where(f => f.Severity == severity);

        public static string Counts(EmailAuthReport r) =>
            $"{r.CriticalCount} critical, {r.ErrorCount} error, {r.WarningCount} warning";
    }
}
