using System;
using EmailAuth.Core.Audit;

namespace EmailAuth.Core.Posture
{
    /// <summary>The report of a domain whose audit threw (a defect): graded F, the exception as its finding.</summary>
    internal static class PostureFailure
    {
        public static EmailAuthReport Report(string domain, Exception e)
        {
            var finding = new Finding(PostureFindingCodes.SectionFailed, FindingSeverity.Critical,
                $"The audit of {domain} failed unexpectedly: {e.GetType().Name}: {e.Message}",
                "Run Get-SpfRecord, Get-DkimRecord and Get-DmarcPolicy on the domain for details, and report the defect.", null, domain);
            return new EmailAuthReport
            {
                Domain = domain, Identity = domain, Findings = new[] { finding }, Grade = PostureGrade.F, GradeReason = "The audit failed: " + finding.Message,
            };
        }
    }
}
