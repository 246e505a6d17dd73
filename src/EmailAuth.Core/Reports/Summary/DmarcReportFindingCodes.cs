namespace EmailAuth.Core.Reports.Summary
{
    /// <summary>Codes of the findings of a DMARC aggregate-report summary (Measure-DmarcReport). Stable.</summary>
    public static class DmarcReportFindingCodes
    {
        /// <summary>A known service or a server of the domain passes SPF or DKIM, but not aligned with the From domain; it blocks enforcement.</summary>
        public const string SourceNotAligned = "DMARC_REPORT_SOURCE_NOT_ALIGNED";
        /// <summary>A source fails both SPF and DKIM: spoofing or an unauthorised service (enforcement stops it).</summary>
        public const string UnauthorizedSource = "DMARC_REPORT_UNAUTHORIZED_SOURCE";
        /// <summary>Messages failed only as forwarded mail does; they do not block enforcement.</summary>
        public const string ForwardedFailures = "DMARC_REPORT_FORWARDED_FAILURES";
        /// <summary>The readiness rules are met: the policy can move one step up.</summary>
        public const string ReadyForEnforcement = "DMARC_REPORT_READY_FOR_ENFORCEMENT";
        /// <summary>Legitimate volume is not aligned enough to move the policy up.</summary>
        public const string NotReadyForEnforcement = "DMARC_REPORT_NOT_READY_FOR_ENFORCEMENT";
        /// <summary>Too few days, reporters or messages to judge readiness.</summary>
        public const string InsufficientData = "DMARC_REPORT_INSUFFICIENT_DATA";
        /// <summary>The domain already publishes p=reject.</summary>
        public const string PolicyEnforced = "DMARC_REPORT_POLICY_ENFORCED";
        /// <summary>The same report (reporter and report id) came from another file or entry; it was counted once.</summary>
        public const string DuplicateReport = "DMARC_REPORT_DUPLICATE_REPORT";
    }
}
