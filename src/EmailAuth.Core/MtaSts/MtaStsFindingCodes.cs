namespace EmailAuth.Core.MtaSts
{
    /// <summary>Stable codes of MTA-STS findings (scripts and CI gates match on them; never rename).</summary>
    public static class MtaStsFindingCodes
    {
        /// <summary>Info: no STS TXT record at _mta-sts.&lt;domain&gt; and no policy: the domain does not use MTA-STS (RFC 8461 §3.1).</summary>
        public const string NoTxt = "MTASTS_NO_TXT";
        /// <summary>Error: the STS TXT record does not follow the §3.1 grammar (v=STSv1 first, id= of 1-32 letters and digits).</summary>
        public const string TxtInvalid = "MTASTS_TXT_INVALID";
        /// <summary>Error: more than one TXT record beginning with v=STSv1: senders MUST assume no policy (RFC 8461 §3.1).</summary>
        public const string TxtMultiple = "MTASTS_TXT_MULTIPLE";
        /// <summary>Error: the TXT query for _mta-sts.&lt;domain&gt; failed (timeout, SERVFAIL): unknown, not "no policy".</summary>
        public const string DnsError = "MTASTS_DNS_ERROR";
        /// <summary>Warning: the MX query failed, so the policy could not be compared with the MX hosts.</summary>
        public const string MxDnsError = "MTASTS_MX_DNS_ERROR";
        /// <summary>Info: with -ZoneFile and no -PolicyPath the policy is not fetched over HTTPS (offline audit).</summary>
        public const string PolicyNotFetched = "MTASTS_POLICY_NOT_FETCHED";

        /// <summary>Error: mta-sts.&lt;domain&gt; has no address (or its lookup failed), so senders cannot fetch the policy.</summary>
        public const string FetchDnsFailed = "MTASTS_FETCH_DNS_FAILED";
        /// <summary>Error: no TCP connection to the policy host on port 443.</summary>
        public const string FetchConnectFailed = "MTASTS_FETCH_CONNECT_FAILED";
        /// <summary>Error: the TLS handshake failed for a reason other than the certificate.</summary>
        public const string FetchTlsFailed = "MTASTS_FETCH_TLS_FAILED";
        /// <summary>Error: the certificate does not validate for mta-sts.&lt;domain&gt; (name, chain, expiry; RFC 8461 §3.3, RFC 6125).</summary>
        public const string FetchCertificateInvalid = "MTASTS_FETCH_CERTIFICATE_INVALID";
        /// <summary>Error: the server answered with a redirect (3xx), which senders MUST NOT follow (RFC 8461 §3.3).</summary>
        public const string FetchRedirect = "MTASTS_FETCH_REDIRECT";
        /// <summary>Error: the HTTP status is not 200 (RFC 8461 §3.3).</summary>
        public const string FetchHttpStatus = "MTASTS_FETCH_HTTP_STATUS";
        /// <summary>Error: the media type is not text/plain (RFC 8461 §3.2).</summary>
        public const string FetchContentType = "MTASTS_FETCH_CONTENT_TYPE";
        /// <summary>Error: the policy body is over 64 KiB, the limit senders SHOULD apply (RFC 8461 §3.3).</summary>
        public const string FetchTooLarge = "MTASTS_FETCH_TOO_LARGE";
        /// <summary>Error: the connection, handshake or response did not finish within the timeout (RFC 8461 §3.3).</summary>
        public const string FetchTimeout = "MTASTS_FETCH_TIMEOUT";
        /// <summary>Error: the response is not well-formed HTTP/1.1 (status line, headers, chunks).</summary>
        public const string FetchProtocolError = "MTASTS_FETCH_PROTOCOL_ERROR";

        /// <summary>Error: a valid STS TXT record announces a policy that could not be fetched: senders see no policy.</summary>
        public const string TxtWithoutPolicy = "MTASTS_TXT_WITHOUT_POLICY";
        /// <summary>Warning: a policy is served but there is no valid STS TXT record, so senders never discover it (RFC 8461 §3.3).</summary>
        public const string PolicyWithoutTxt = "MTASTS_POLICY_WITHOUT_TXT";

        /// <summary>Error: a policy line is not "key: value" (RFC 8461 §3.2 grammar), or holds characters the grammar forbids.</summary>
        public const string PolicySyntax = "MTASTS_POLICY_SYNTAX";
        /// <summary>Error: a key other than mx appears twice.</summary>
        public const string PolicyDuplicateKey = "MTASTS_POLICY_DUPLICATE_KEY";
        /// <summary>Error: version is missing or not STSv1 (RFC 8461 §3.2).</summary>
        public const string PolicyVersionInvalid = "MTASTS_POLICY_VERSION_INVALID";
        /// <summary>Warning: version is not the first line; the RFC's examples and some senders expect it there.</summary>
        public const string PolicyVersionNotFirst = "MTASTS_POLICY_VERSION_NOT_FIRST";
        /// <summary>Error: mode is missing or not enforce, testing or none (RFC 8461 §3.2).</summary>
        public const string PolicyModeInvalid = "MTASTS_POLICY_MODE_INVALID";
        /// <summary>Error: max_age is missing, not an integer, or over 31557600 (RFC 8461 §3.2).</summary>
        public const string PolicyMaxAgeInvalid = "MTASTS_POLICY_MAX_AGE_INVALID";
        /// <summary>Error: no mx line in a policy whose mode is enforce or testing (RFC 8461 §3.2).</summary>
        public const string PolicyMxMissing = "MTASTS_POLICY_MX_MISSING";
        /// <summary>Error: an mx pattern is not a host name, or has a wildcard other than a whole left-most "*." label (RFC 8461 §3.2, §4.1).</summary>
        public const string PolicyMxPatternInvalid = "MTASTS_POLICY_MX_PATTERN_INVALID";

        /// <summary>Info: mode testing: failures are reported (TLS-RPT) but mail is still delivered (RFC 8461 §5).</summary>
        public const string ModeTesting = "MTASTS_MODE_TESTING";
        /// <summary>Warning: mode none: the policy is being withdrawn; senders apply no MTA-STS (RFC 8461 §5, §8.3).</summary>
        public const string ModeNone = "MTASTS_MODE_NONE";
        /// <summary>Warning: max_age under one day; the RFC suggests weeks or more (RFC 8461 §3.2).</summary>
        public const string MaxAgeShort = "MTASTS_MAX_AGE_SHORT";
        /// <summary>Error in enforce mode (Warning in testing): an MX host matches no mx pattern, so policy-aware senders refuse to deliver to it (RFC 8461 §4.1).</summary>
        public const string MxNotCovered = "MTASTS_MX_NOT_COVERED";
        /// <summary>Info: an mx pattern matches none of the domain's MX hosts (stale entry, or a backup not yet in DNS).</summary>
        public const string MxPatternUnused = "MTASTS_MX_PATTERN_UNUSED";
        /// <summary>Info: the domain publishes a null MX (RFC 7505): it accepts no mail, so MTA-STS has nothing to protect.</summary>
        public const string NullMx = "MTASTS_NULL_MX";
    }
}
