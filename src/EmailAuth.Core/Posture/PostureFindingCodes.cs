namespace EmailAuth.Core.Posture
{
    /// <summary>Codes of the findings the posture report adds to those of the sections' inspectors. Stable.</summary>
    public static class PostureFindingCodes
    {
        /// <summary>A DNS query failed (timeout, SERVFAIL...): the report is incomplete (grade TempError).</summary>
        public const string TempError = "POSTURE_TEMPERROR";
        /// <summary>A section threw unexpectedly; the other sections still ran.</summary>
        public const string SectionFailed = "POSTURE_SECTION_FAILED";
        /// <summary>A Gmail/Yahoo 2024 bulk-sender requirement is not met.</summary>
        public const string BulkSenderRequirement = "POSTURE_BULK_SENDER_REQUIREMENT";
        /// <summary>No DKIM key was found at the given or common selectors.</summary>
        public const string NoDkimKey = "POSTURE_NO_DKIM_KEY";
    }
}
