namespace EmailAuth.Core.Dns
{
    /// <summary>
    /// How a query ended. NxDomain and NoData are answers (RFC 2308: "void" in RFC 7208 §4.6.4);
    /// Timeout, ServerFailure, Refused and Error are failures and must never be read as "no record".
    /// </summary>
    public enum DnsAnswerStatus
    {
        /// <summary>RCODE 0 with at least one record of the asked type.</summary>
        Success,
        /// <summary>RCODE 0, the name exists but holds no record of the asked type.</summary>
        NoData,
        /// <summary>RCODE 3: the name does not exist.</summary>
        NxDomain,
        /// <summary>No answer within the timeout after all retries.</summary>
        Timeout,
        /// <summary>RCODE 2 (SERVFAIL).</summary>
        ServerFailure,
        /// <summary>RCODE 5 (REFUSED).</summary>
        Refused,
        /// <summary>Any other failure: FORMERR, malformed answer, CNAME loop, network error.</summary>
        Error,
    }
}
