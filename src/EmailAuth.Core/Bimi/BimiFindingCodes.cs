namespace EmailAuth.Core.Bimi
{
    /// <summary>Stable codes of BIMI findings (scripts and CI gates match on them; never rename).</summary>
    public static class BimiFindingCodes
    {
        // Discovery.
        /// <summary>Info: no BIMI record at &lt;selector&gt;._bimi.&lt;domain&gt; nor at default._bimi.&lt;organizational domain&gt;.</summary>
        public const string NoRecord = "BIMI_NO_RECORD";
        /// <summary>Error: more than one v=BIMI1 record at one name: receivers show no logo.</summary>
        public const string MultipleRecords = "BIMI_MULTIPLE_RECORDS";
        /// <summary>Info: the record comes from default._bimi at the Organizational Domain (draft fallback).</summary>
        public const string OrganizationalDomainFallback = "BIMI_ORG_DOMAIN_FALLBACK";
        /// <summary>Error: a DNS query failed: BIMI (or its DMARC prerequisite) is unknown, not missing.</summary>
        public const string DnsError = "BIMI_DNS_ERROR";

        // Record syntax.
        /// <summary>Error: v= is not exactly "BIMI1" or is not the first tag: receivers ignore the record.</summary>
        public const string BadVersion = "BIMI_BAD_VERSION";
        /// <summary>Error: a part of the record is not tag=value, or a tag appears twice.</summary>
        public const string SyntaxError = "BIMI_SYNTAX_ERROR";
        /// <summary>Error: no l= tag (and no a=): nothing to show.</summary>
        public const string MissingLocation = "BIMI_MISSING_LOCATION";
        /// <summary>Error: l= is not an https: URL.</summary>
        public const string LocationNotHttps = "BIMI_LOCATION_NOT_HTTPS";
        /// <summary>Warning: l= does not end in .svg (the indicator must be an SVG Tiny PS document).</summary>
        public const string LocationNotSvg = "BIMI_LOCATION_NOT_SVG";
        /// <summary>Error: a= is not an https: URL.</summary>
        public const string AuthorityNotHttps = "BIMI_AUTHORITY_NOT_HTTPS";
        /// <summary>Info: l= and a= are empty: the domain declines to publish a logo.</summary>
        public const string Declined = "BIMI_DECLINED";
        /// <summary>Info: no a= evidence document: Gmail and Apple Mail show logos only with a VMC or CMC.</summary>
        public const string NoAuthority = "BIMI_NO_AUTHORITY";

        // DMARC prerequisites (draft §4.1 "Assertion Record" requirements; receivers' published rules).
        /// <summary>Error: no usable DMARC record applies to the domain.</summary>
        public const string DmarcMissing = "BIMI_DMARC_MISSING";
        /// <summary>Error: the DMARC policy that applies is p=none (BIMI needs quarantine or reject).</summary>
        public const string DmarcNotEnforced = "BIMI_DMARC_NOT_ENFORCED";
        /// <summary>Error: pct= below 100.</summary>
        public const string DmarcPctBelow100 = "BIMI_DMARC_PCT_BELOW_100";
        /// <summary>Error: sp=none at the policy domain.</summary>
        public const string DmarcSubdomainPolicyNone = "BIMI_DMARC_SP_NONE";
        /// <summary>Error: t=y (testing mode).</summary>
        public const string DmarcTesting = "BIMI_DMARC_TESTING";
    }
}
