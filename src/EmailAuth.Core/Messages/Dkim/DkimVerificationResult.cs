namespace EmailAuth.Core.Messages.Dkim
{
    /// <summary>
    /// The result of one DKIM signature, in RFC 8601 §2.7.1's words (what Authentication-Results carries).
    /// </summary>
    public enum DkimVerificationResult
    {
        /// <summary>Not verified: the message carries more signatures than the verifier checks (the rest are None).</summary>
        None,
        /// <summary>The signature verified against the published key (RFC 6376 §6.1.3 SUCCESS).</summary>
        Pass,
        /// <summary>The signature was checked and did not verify: the body hash or the header signature (RFC 6376 §6.1.3).</summary>
        Fail,
        /// <summary>
        /// The signature could not be processed: its tag list is malformed, a required tag is missing, v= is not 1, or
        /// a= or c= names an unknown algorithm (RFC 8601 §2.7.1 "neutral": syntax errors; RFC 6376 §6.1.1).
        /// </summary>
        Neutral,
        /// <summary>The key could not be fetched: DNS timeout, SERVFAIL, REFUSED (RFC 6376 §6.1.2 TEMPFAIL). A retry may succeed.</summary>
        TempError,
        /// <summary>
        /// An unrecoverable error: no key, revoked or too weak key, a key that does not fit the signature, From not signed,
        /// i= outside d=, an expired signature, rsa-sha1 (RFC 6376 §6.1.1/§6.1.2 PERMFAIL, RFC 8301).
        /// </summary>
        PermError,
    }
}
