namespace EmailAuth.Core.Reports.Failure
{
    /// <summary>
    /// Stable codes of failure-report findings (ARF, RFC 5965; authentication failure reports, RFC 6591; DMARC
    /// failure reports, RFC 9991). Scripts and CI gates match on them: never rename.
    /// </summary>
    public static class DmarcFailureReportFindingCodes
    {
        /// <summary>Warning: Feedback-Type is not auth-failure (e.g. abuse): an ARF report, but no authentication failure report (RFC 6591 §3.1).</summary>
        public const string NotAuthFailure = "ARF_NOT_AUTH_FAILURE";
        /// <summary>Warning: a field the report must carry is absent: Feedback-Type, User-Agent, Version (RFC 5965 §3.1),
        /// Auth-Failure (RFC 6591 §3.1), DKIM-Domain/-Identity/-Selector for a DKIM failure, SPF-DNS for an SPF failure
        /// (RFC 6591); for a DMARC failure Identity-Alignment, and the DKIM trio or SPF-DNS for the mechanisms it names (RFC 9991 §4).</summary>
        public const string MissingField = "ARF_MISSING_FIELD";
        /// <summary>Warning: a field that may appear once appears more than once (RFC 5965 §3.1–3.2, RFC 6591 §3); the first is used.
        /// Also Arrival-Date together with its historic name Received-Date (RFC 5965 §3.2).</summary>
        public const string DuplicateField = "ARF_DUPLICATE_FIELD";
        /// <summary>Warning: a field value does not parse (Source-IP not an address, Arrival-Date not a date,
        /// Incidents not a number, Delivery-Result not one of its five values, DKIM-Canonicalized-* not base64,
        /// Identity-Alignment not matching its ABNF, RFC 9991 §4); the value is left out.</summary>
        public const string InvalidField = "ARF_INVALID_FIELD";
        /// <summary>Info: an Auth-Failure type not registered (adsp, bodyhash, revoked, signature, spf, dmarc; RFC 6591 §6.3, RFC 9991 §4).</summary>
        public const string UnknownAuthFailure = "ARF_UNKNOWN_AUTH_FAILURE";
        /// <summary>Warning: Version is not 1 (RFC 5965 §3.1).</summary>
        public const string UnknownVersion = "ARF_UNKNOWN_VERSION";
        /// <summary>Warning: no third part with the reported message or its header (message/rfc822 or text/rfc822-headers,
        /// RFC 5965 §2): From, Subject and the message's Authentication-Results are unknown.</summary>
        public const string NoOriginalMessage = "ARF_NO_ORIGINAL_MESSAGE";
    }
}
