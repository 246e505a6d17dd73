namespace EmailAuth.Core.Posture
{
    /// <summary>
    /// Stable codes of the SES identity posture checks (scripts and CI gates match on them; never rename). Where the
    /// DNS checks already have a code for the same observation (DKIM_CNAME_DANGLING, DKIM_TXT_INSTEAD_OF_CNAME,
    /// SPF_NO_RECORD, DMARC_SPF_NOT_ALIGNED...), the SES checks use that code instead of one of these.
    /// </summary>
    public static class SesFindingCodes
    {
        /// <summary>Error (Warning while pending): the identity is not verified (or not verified for sending); SES refuses to send as it.</summary>
        public const string IdentityNotVerified = "SES_IDENTITY_NOT_VERIFIED";
        /// <summary>Error (Warning while pending): SES reports the identity's DKIM set-up as failed, temporarily failed, pending or not started.</summary>
        public const string DkimNotVerified = "SES_DKIM_NOT_VERIFIED";
        /// <summary>Warning: DKIM signing is turned off for the identity: SES signs only with d=amazonses.com, which does not align.</summary>
        public const string DkimSigningDisabled = "SES_DKIM_SIGNING_DISABLED";
        /// <summary>Error: nothing is published at an Easy DKIM name &lt;token&gt;._domainkey.&lt;domain&gt; (SES expects a CNAME there).</summary>
        public const string DkimCnameMissing = "SES_DKIM_CNAME_MISSING";
        /// <summary>Error: an Easy DKIM CNAME points somewhere other than &lt;token&gt;.&lt;the identity's DKIM domain&gt;.</summary>
        public const string DkimCnameWrongTarget = "SES_DKIM_CNAME_WRONG_TARGET";
        /// <summary>Error (Warning while pending): SES reports the custom MAIL FROM domain as failed, temporarily failed or pending.</summary>
        public const string MailFromNotVerified = "SES_MAIL_FROM_NOT_VERIFIED";
        /// <summary>Error: no MX record at the custom MAIL FROM domain (SES needs 10 feedback-smtp.&lt;region&gt;.amazonses.com).</summary>
        public const string MailFromMxMissing = "SES_MAIL_FROM_MX_MISSING";
        /// <summary>Error: the MAIL FROM domain's MX records do not name feedback-smtp.&lt;region&gt;.amazonses.com of the identity's region.</summary>
        public const string MailFromMxWrong = "SES_MAIL_FROM_MX_WRONG";
        /// <summary>Error: the MAIL FROM domain's SPF record does not authorize SES (no include:amazonses.com that can pass).</summary>
        public const string MailFromSpfNoSes = "SES_MAIL_FROM_SPF_NO_SES";
        /// <summary>Error: a MAIL FROM query failed (timeout, SERVFAIL, REFUSED): the MX is unknown, not missing.</summary>
        public const string MailFromDnsError = "SES_MAIL_FROM_DNS_ERROR";
        /// <summary>Error: an email-address identity without DKIM for its domain: SES signs with d=amazonses.com and DMARC fails.</summary>
        public const string EmailIdentityNoDkimDomain = "SES_EMAIL_IDENTITY_NO_DKIM_DOMAIN";
    }
}
