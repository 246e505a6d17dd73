namespace EmailAuth.Core.Alignment
{
    /// <summary>
    /// Stable codes of the reasons behind a DMARC verdict (<see cref="DmarcEvaluation.Findings"/>, the SES identity
    /// checks). Never rename. Testing mode, p=none and pct&lt;100 use the record codes of
    /// <see cref="EmailAuth.Core.Dmarc.DmarcFindingCodes"/> (DMARC_TESTING, DMARC_POLICY_NONE, DMARC_PCT_BELOW_100).
    /// </summary>
    public static class DmarcVerdictFindingCodes
    {
        /// <summary>Error: no usable DMARC record applies to the From domain: receivers apply no DMARC (RFC 7489 §6.6.3).</summary>
        public const string NoPolicy = "DMARC_NO_POLICY";
        /// <summary>Error: the policy or an Organizational Domain is unknown after a DNS failure: the verdict is temperror.</summary>
        public const string TempError = "DMARC_TEMPERROR";
        /// <summary>Warning: SPF passed, but the MAIL FROM domain does not align with the From domain (RFC 7489 §3.1.2).</summary>
        public const string SpfNotAligned = "DMARC_SPF_NOT_ALIGNED";
        /// <summary>Warning: the MAIL FROM domain is Amazon SES's default (under amazonses.com): SPF passes but never aligns.</summary>
        public const string SpfNotAlignedSesDefaultMailFrom = "DMARC_SPF_NOT_ALIGNED_SES_DEFAULT_MAIL_FROM";
        /// <summary>Warning: SPF did not pass (or no MAIL FROM domain was given), so SPF cannot give DMARC a pass.</summary>
        public const string SpfNotPassed = "DMARC_SPF_NOT_PASSED";
        /// <summary>Warning: a DKIM signature passed, but its d= does not align with the From domain (RFC 7489 §3.1.1).</summary>
        public const string DkimNotAligned = "DMARC_DKIM_NOT_ALIGNED";
        /// <summary>Warning: the signature is Amazon SES's default d=amazonses.com (an email-address identity): it never aligns.</summary>
        public const string DkimNotAlignedSesDefault = "DMARC_DKIM_NOT_ALIGNED_SES_DEFAULT";
        /// <summary>Warning: no passing DKIM signature was given, so DKIM cannot give DMARC a pass.</summary>
        public const string NoDkimSignature = "DMARC_NO_DKIM_SIGNATURE";
        /// <summary>Error: neither SPF nor DKIM passed aligned: the message fails DMARC (RFC 7489 §6.6.2).</summary>
        public const string Fail = "DMARC_FAIL";
    }
}
