namespace EmailAuth.Core.Dns
{
    /// <summary>The RR types EmailAuth reads (RFC 1035 §3.2.2, RFC 3596, RFC 7208 §3.1 for the obsolete SPF type).</summary>
    public enum DnsRecordType
    {
        A = 1,
        NS = 2,
        CNAME = 5,
        SOA = 6,
        PTR = 12,
        MX = 15,
        TXT = 16,
        AAAA = 28,
        /// <summary>Type 99, obsolete since RFC 7208 §3.1; only queried to warn about it.</summary>
        SPF = 99,
    }
}
