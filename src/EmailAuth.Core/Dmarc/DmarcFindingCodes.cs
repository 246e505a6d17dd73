namespace EmailAuth.Core.Dmarc
{
    /// <summary>Stable codes of DMARC findings (scripts and CI gates match on them; never rename).</summary>
    public static class DmarcFindingCodes
    {
        // Discovery (Get-DmarcPolicy).
        /// <summary>Error: no DMARC record at the name, its Organizational Domain or a Public Suffix Domain: receivers apply no DMARC.</summary>
        public const string NoRecord = "DMARC_NO_RECORD";
        /// <summary>Error: more than one TXT record at one _dmarc name starts with v=DMARC1: all are discarded (RFC 7489 §6.6.3).</summary>
        public const string MultipleRecords = "DMARC_MULTIPLE_RECORDS";
        /// <summary>Error: a v=DMARC1 record is published at the domain itself (or under a doubled name) instead of _dmarc.&lt;domain&gt;.</summary>
        public const string RecordWrongName = "DMARC_RECORD_WRONG_NAME";
        /// <summary>Error: a DNS query failed (timeout, SERVFAIL, REFUSED): the policy is unknown (a temporary error, not "no record").</summary>
        public const string DnsError = "DMARC_DNS_ERROR";
        /// <summary>Info: the policy comes from the Organizational Domain or a Public Suffix Domain, not the name itself.</summary>
        public const string InheritedPolicy = "DMARC_INHERITED_POLICY";
        /// <summary>Warning: the DNS tree walk (RFC 9989) and the Public Suffix List (RFC 7489) give different Organizational Domains.</summary>
        public const string OrgDomainMethodsDisagree = "DMARC_ORG_DOMAIN_METHODS_DISAGREE";
        /// <summary>Warning: rua/ruf names another organization's domain that has no &lt;policy-domain&gt;._report._dmarc.&lt;destination&gt; record (RFC 7489 §7.1).</summary>
        public const string ExternalDestinationUnauthorized = "DMARC_EXTERNAL_DESTINATION_UNAUTHORIZED";
        /// <summary>Warning: a rua/ruf mailbox domain has no MX record: report mail may not be deliverable.</summary>
        public const string ReportDomainNoMx = "DMARC_REPORT_DOMAIN_NO_MX";

        // Record syntax (ConvertFrom-DmarcRecord and Get-DmarcPolicy).
        /// <summary>Error: the text does not start with v=DMARC1 (exact case, RFC 9989): receivers ignore it.</summary>
        public const string NotDmarcRecord = "DMARC_NOT_DMARC_RECORD";
        /// <summary>Warning: a part of the record is not tag=value; RFC 9989 receivers ignore it, RFC 7489 parsers may discard the record.</summary>
        public const string SyntaxError = "DMARC_SYNTAX_ERROR";
        /// <summary>Error: the same tag twice (a DKIM-style tag-list with duplicates is invalid, RFC 6376 §3.2).</summary>
        public const string DuplicateTag = "DMARC_DUPLICATE_TAG";
        /// <summary>Error for p/sp/np, Warning otherwise: a known tag with a value its grammar does not allow.</summary>
        public const string InvalidTagValue = "DMARC_INVALID_TAG_VALUE";
        /// <summary>Warning: no p= tag: RFC 9989 reads p=none; RFC 7489 receivers ignore the record unless rua= has a valid URI.</summary>
        public const string MissingPolicy = "DMARC_MISSING_POLICY";
        /// <summary>Info: p= is not the tag right after v=, as the RFC 7489 §6.4 grammar requires (RFC 9989 allows any order).</summary>
        public const string PolicyNotSecond = "DMARC_POLICY_NOT_SECOND";
        /// <summary>Warning: a tag neither RFC defines (ignored by receivers) — often a typo such as "rue=" or an upper-case name.</summary>
        public const string UnknownTag = "DMARC_UNKNOWN_TAG";
        /// <summary>Info: pct=, rf= or ri=: removed by RFC 9989 (RFC 7489 receivers still read them).</summary>
        public const string RemovedTag = "DMARC_REMOVED_TAG";
        /// <summary>Warning: a rua/ruf entry is not a valid URI (or a mailto: without a valid mailbox).</summary>
        public const string InvalidUri = "DMARC_INVALID_URI";
        /// <summary>Warning: a rua/ruf URI other than mailto: — receivers are only required to support mailto:.</summary>
        public const string UnsupportedUriScheme = "DMARC_UNSUPPORTED_URI_SCHEME";
        /// <summary>Info: a "!size" limit on a report URI: obsolete in RFC 9989 (reporters ignore it).</summary>
        public const string UriSizeLimit = "DMARC_URI_SIZE_LIMIT";
        /// <summary>Info: fo= without ruf= has no effect.</summary>
        public const string FailureOptionsWithoutRuf = "DMARC_FO_WITHOUT_RUF";

        // What the policy means.
        /// <summary>Warning: p=none asks receivers to do nothing with failing mail (monitoring only).</summary>
        public const string PolicyNone = "DMARC_POLICY_NONE";
        /// <summary>Warning: pct= below 100: RFC 7489 receivers apply the policy to that share of failing mail only.</summary>
        public const string PartialPercentage = "DMARC_PCT_BELOW_100";
        /// <summary>Warning: t=y: RFC 9989 receivers do not apply the policy (testing mode).</summary>
        public const string TestingMode = "DMARC_TESTING";
        /// <summary>Warning: sp= is weaker than p=: subdomains are easier to spoof than the domain.</summary>
        public const string SubdomainPolicyWeaker = "DMARC_SUBDOMAIN_POLICY_WEAKER";
        /// <summary>Warning: np= is weaker than p=: names that do not exist can be used in From.</summary>
        public const string NonexistentPolicyWeaker = "DMARC_NP_POLICY_WEAKER";
        /// <summary>Warning: no rua=: nobody receives aggregate reports, so enforcement cannot be reached safely.</summary>
        public const string NoAggregateReports = "DMARC_NO_RUA";
    }
}
