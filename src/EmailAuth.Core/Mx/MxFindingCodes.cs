namespace EmailAuth.Core.Mx
{
    /// <summary>Stable codes of MX findings (scripts and CI gates match on them; never rename).</summary>
    public static class MxFindingCodes
    {
        /// <summary>Warning (Error when the domain has no address either): no MX records; senders use the domain's A/AAAA (implicit MX, RFC 5321 §5.1).</summary>
        public const string NoRecords = "MX_NO_RECORDS";
        /// <summary>Error: the domain itself does not exist (NXDOMAIN).</summary>
        public const string DomainNotFound = "MX_DOMAIN_NXDOMAIN";
        /// <summary>Info: a null MX ("0 ."): the domain accepts no mail (RFC 7505).</summary>
        public const string NullMx = "MX_NULL";
        /// <summary>Error: a null MX together with other MX records (RFC 7505 §3 forbids it).</summary>
        public const string NullMxMixed = "MX_NULL_MIXED";
        /// <summary>Warning: an MX target is a CNAME (RFC 2181 §10.3, RFC 5321 §5.1: it must be a host name with addresses).</summary>
        public const string TargetIsCname = "MX_TARGET_CNAME";
        /// <summary>Error: an MX target is an IP address written as a name (RFC 5321 §5.1 / RFC 1035 §3.3.9: a domain name).</summary>
        public const string TargetIsIpLiteral = "MX_TARGET_IP_LITERAL";
        /// <summary>Error: an MX target exists but has neither A nor AAAA records.</summary>
        public const string TargetNoAddress = "MX_TARGET_NO_ADDRESS";
        /// <summary>Error: an MX target does not exist (NXDOMAIN).</summary>
        public const string TargetNotFound = "MX_TARGET_NXDOMAIN";
        /// <summary>Error (MX query) or Warning (a target's address query): a DNS failure; a temporary error, never "no MX".</summary>
        public const string DnsError = "MX_DNS_ERROR";
    }
}
