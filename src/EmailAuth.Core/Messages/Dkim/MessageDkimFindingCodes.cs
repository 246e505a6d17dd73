namespace EmailAuth.Core.Messages.Dkim
{
    /// <summary>Stable codes of findings about DKIM signatures and ARC sets in a message (scripts match on them; never rename).</summary>
    public static class MessageDkimFindingCodes
    {
        /// <summary>Neutral: the DKIM-Signature value is not a valid tag list (RFC 6376 §3.2, §3.5).</summary>
        public const string SignatureSyntax = "DKIMSIG_SYNTAX_ERROR";
        /// <summary>Neutral: a required tag (v, a, b, bh, d, h, s) is missing (RFC 6376 §3.5, §6.1.1).</summary>
        public const string MissingTag = "DKIMSIG_MISSING_TAG";
        /// <summary>Neutral: v= is not 1 (RFC 6376 §6.1.1: incompatible version).</summary>
        public const string Version = "DKIMSIG_VERSION";
        /// <summary>Neutral: a= names an algorithm this verifier does not know (RFC 6376 §3.5, RFC 8463).</summary>
        public const string UnknownAlgorithm = "DKIMSIG_UNKNOWN_ALGORITHM";
        /// <summary>PermError: a=rsa-sha1; verifiers MUST NOT consider it valid (RFC 8301 §3.1).</summary>
        public const string Sha1 = "DKIMSIG_RSA_SHA1";
        /// <summary>Neutral: c= names an unknown canonicalization (RFC 6376 §3.5).</summary>
        public const string Canonicalization = "DKIMSIG_CANONICALIZATION";
        /// <summary>Neutral: t=, x= or l= is not a decimal number, or q= is not dns/txt (RFC 6376 §3.5).</summary>
        public const string BadTagValue = "DKIMSIG_BAD_TAG_VALUE";
        /// <summary>PermError: From is not in h= (RFC 6376 §5.4 MUST, §6.1.1).</summary>
        public const string FromNotSigned = "DKIMSIG_FROM_NOT_SIGNED";
        /// <summary>Fail: the message has more From fields than h= signs: one was added after signing (RFC 6376 §8.15).</summary>
        public const string ExtraFrom = "DKIMSIG_EXTRA_FROM";
        /// <summary>PermError: the i= domain is not d= or a subdomain of it (RFC 6376 §3.5, §6.1.1: domain mismatch).</summary>
        public const string IdentityMismatch = "DKIMSIG_IDENTITY_MISMATCH";
        /// <summary>PermError: the key has t=s and i= is a subdomain of d= (RFC 6376 §3.6.1).</summary>
        public const string SubdomainNotAllowed = "DKIMSIG_SUBDOMAIN_NOT_ALLOWED";
        /// <summary>PermError: x= is in the past (RFC 6376 §3.5, §6.1.1: signature expired).</summary>
        public const string Expired = "DKIMSIG_EXPIRED";
        /// <summary>PermError: x= is not after t= (RFC 6376 §3.5: x= MUST be greater than t=).</summary>
        public const string ExpiresBeforeSigned = "DKIMSIG_X_BEFORE_T";
        /// <summary>Warning: t= lies in the future (RFC 6376 §3.5: verifiers MAY ignore such signatures; this one does not).</summary>
        public const string FutureTimestamp = "DKIMSIG_FUTURE_TIMESTAMP";
        /// <summary>Warning: l= is set: content can be appended to the body without breaking the signature (RFC 6376 §8.2).</summary>
        public const string BodyLength = "DKIMSIG_BODY_LENGTH";
        /// <summary>Warning: l= covers less than the body: the end of the body is not signed (RFC 6376 §8.2).</summary>
        public const string BodyLengthShort = "DKIMSIG_BODY_LENGTH_SHORT";
        /// <summary>Fail: l= is larger than the canonicalized body (RFC 6376 §3.5: it MUST NOT be): the body was cut after signing, or l= is wrong.</summary>
        public const string BodyLengthExceedsBody = "DKIMSIG_BODY_LENGTH_EXCEEDS_BODY";
        /// <summary>Fail: the body hash did not verify: the body changed after signing (RFC 6376 §6.1.3).</summary>
        public const string BodyHashMismatch = "DKIMSIG_BODY_HASH_MISMATCH";
        /// <summary>Fail: the header signature did not verify: a signed header field changed, or the key does not match (RFC 6376 §6.1.3).</summary>
        public const string SignatureMismatch = "DKIMSIG_SIGNATURE_MISMATCH";
        /// <summary>TempError: the key lookup failed (timeout, SERVFAIL, REFUSED) (RFC 6376 §6.1.2 TEMPFAIL).</summary>
        public const string KeyDnsError = "DKIMSIG_KEY_DNS_ERROR";
        /// <summary>PermError: no key record at &lt;s&gt;._domainkey.&lt;d&gt; (RFC 6376 §6.1.2: no key for signature).</summary>
        public const string NoKey = "DKIMSIG_NO_KEY";
        /// <summary>PermError: the key record is empty p= (RFC 6376 §3.6.1, §6.1.2: key revoked).</summary>
        public const string KeyRevoked = "DKIMSIG_KEY_REVOKED";
        /// <summary>PermError: an RSA key under 1024 bits (RFC 8301 §3.2: verifiers MUST NOT accept it).</summary>
        public const string KeyTooWeak = "DKIMSIG_KEY_TOO_WEAK";
        /// <summary>PermError: the key record cannot be used (syntax, k= unknown, bad p=, s= not email) (RFC 6376 §6.1.2).</summary>
        public const string KeyUnusable = "DKIMSIG_KEY_UNUSABLE";
        /// <summary>PermError: the key's k= or h= does not fit a= (RFC 6376 §6.1.2: inappropriate key or hash algorithm).</summary>
        public const string KeyAlgorithmMismatch = "DKIMSIG_KEY_ALGORITHM_MISMATCH";
        /// <summary>Warning: the key has t=y: the domain is testing DKIM (RFC 6376 §3.6.1).</summary>
        public const string KeyTesting = "DKIMSIG_KEY_TESTING";
        /// <summary>Info: several TXT records at the key name; the first in text order was used (RFC 6376 §3.6.2.2).</summary>
        public const string MultipleKeys = "DKIMSIG_MULTIPLE_KEYS";
        /// <summary>None: more signatures than the verifier checks per message; this one was not verified.</summary>
        public const string TooManySignatures = "DKIMSIG_TOO_MANY";
        /// <summary>Neutral: the signature could not be processed (an error verifying it; the reason says which).</summary>
        public const string Unprocessable = "DKIMSIG_UNPROCESSABLE";

        /// <summary>ARC Fail: an ARC set is incomplete or duplicated, or instances have gaps (RFC 8617 §5.1.1).</summary>
        public const string ArcStructure = "ARC_STRUCTURE";
        /// <summary>ARC Fail: more than 50 ARC sets, or an instance outside 1..50 (RFC 8617 §4.2.1).</summary>
        public const string ArcTooManyHops = "ARC_TOO_MANY_HOPS";
        /// <summary>ARC Fail: a cv= value is wrong: instance 1 must be none, later ones pass (RFC 8617 §5.1.1).</summary>
        public const string ArcChainValue = "ARC_CV_INVALID";
        /// <summary>ARC Fail: an earlier sealer recorded cv=fail: the chain ended there (RFC 8617 §5.1.2).</summary>
        public const string ArcChainFailedEarlier = "ARC_CV_FAIL";
        /// <summary>ARC Fail: the newest ARC-Message-Signature did not verify (RFC 8617 §5.2 step 3).</summary>
        public const string ArcMessageSignatureFailed = "ARC_AMS_FAILED";
        /// <summary>ARC Fail: an ARC-Seal did not verify (RFC 8617 §5.2 step 5).</summary>
        public const string ArcSealFailed = "ARC_SEAL_FAILED";
        /// <summary>ARC: a key lookup failed with a DNS error; the chain could not be validated now (RFC 6376 §6.1.2 TEMPFAIL).</summary>
        public const string ArcKeyDnsError = "ARC_KEY_DNS_ERROR";
    }
}
