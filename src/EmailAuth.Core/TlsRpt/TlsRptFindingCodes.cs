namespace EmailAuth.Core.TlsRpt
{
    /// <summary>Stable codes of SMTP TLS Reporting findings (scripts and CI gates match on them; never rename).</summary>
    public static class TlsRptFindingCodes
    {
        /// <summary>Info: no TLS-RPT record at _smtp._tls.&lt;domain&gt;: senders report no TLS failures (RFC 8460 §3).</summary>
        public const string NoRecord = "TLSRPT_NO_RECORD";
        /// <summary>Error: more than one v=TLSRPTv1 record: senders do no reporting (RFC 8460 §3).</summary>
        public const string MultipleRecords = "TLSRPT_MULTIPLE_RECORDS";
        /// <summary>Error: a TXT at _smtp._tls does not start with exactly v=TLSRPTv1 (RFC 8460 §3): it is discarded.</summary>
        public const string BadVersion = "TLSRPT_BAD_VERSION";
        /// <summary>Error: a field is not name=value or appears twice: the record is syntactically invalid.</summary>
        public const string SyntaxError = "TLSRPT_SYNTAX_ERROR";
        /// <summary>Error: no rua= (or an empty one): there is nowhere to send reports.</summary>
        public const string NoRua = "TLSRPT_NO_RUA";
        /// <summary>Error: a rua URI is neither mailto: nor https: (RFC 8460 §3).</summary>
        public const string BadUriScheme = "TLSRPT_BAD_URI_SCHEME";
        /// <summary>Error: a mailto: URI without a valid mailbox.</summary>
        public const string MalformedMailto = "TLSRPT_MALFORMED_MAILTO";
        /// <summary>Error: an http: (not https:) rua URI: RFC 8460 §3 allows https only.</summary>
        public const string HttpNotHttps = "TLSRPT_HTTP_NOT_HTTPS";
        /// <summary>Error: the DNS query failed: whether TLS-RPT is published is unknown (not "no record").</summary>
        public const string DnsError = "TLSRPT_DNS_ERROR";
    }
}
