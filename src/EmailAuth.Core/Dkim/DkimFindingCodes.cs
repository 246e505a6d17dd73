namespace EmailAuth.Core.Dkim
{
    /// <summary>Stable codes of DKIM key findings (scripts and CI gates match on them; never rename).</summary>
    public static class DkimFindingCodes
    {
        /// <summary>Error: no TXT record at &lt;selector&gt;._domainkey.&lt;domain&gt; (RFC 6376 §3.6.2.2: PERMFAIL no key).</summary>
        public const string NoRecord = "DKIM_NO_RECORD";
        /// <summary>Error: more than one TXT record at the key name; verifiers may pick any one (RFC 6376 §3.6.2.2).</summary>
        public const string MultipleRecords = "DKIM_MULTIPLE_RECORDS";
        /// <summary>Error: the key lookup failed (timeout, SERVFAIL, REFUSED): TEMPFAIL, not a missing key (RFC 6376 §6.1.2).</summary>
        public const string DnsError = "DKIM_DNS_ERROR";
        /// <summary>Error: the record is not a valid tag-list (RFC 6376 §3.2): bad tag, missing '=', duplicate tag.</summary>
        public const string SyntaxError = "DKIM_SYNTAX_ERROR";
        /// <summary>Error: v= is not "DKIM1" or not the first tag (RFC 6376 §3.6.1: the record MUST be discarded).</summary>
        public const string VersionInvalid = "DKIM_VERSION_INVALID";
        /// <summary>Error: the p= tag is missing (REQUIRED, RFC 6376 §3.6.1).</summary>
        public const string NoPublicKey = "DKIM_NO_PUBLIC_KEY";
        /// <summary>Warning: p= is empty: the key is revoked and every signature with this selector fails (RFC 6376 §3.6.1).</summary>
        public const string KeyRevoked = "DKIM_KEY_REVOKED";
        /// <summary>Error: p= is not base64, or does not decode to a key of its k= type (RSA DER; ed25519 32 bytes, RFC 8463 §4.2).</summary>
        public const string KeyInvalid = "DKIM_KEY_INVALID";
        /// <summary>Error: k= names a key type other than rsa or ed25519 (RFC 6376 §3.6.1, RFC 8463).</summary>
        public const string KeyTypeUnknown = "DKIM_KEY_TYPE_UNKNOWN";
        /// <summary>Critical: an RSA key under 1024 bits; verifiers MUST NOT accept its signatures (RFC 8301 §3.2).</summary>
        public const string KeyTooShort = "DKIM_KEY_TOO_SHORT";
        /// <summary>Warning: an RSA key of 1024 to 2047 bits; signers SHOULD use 2048 (RFC 8301 §3.2; SES Easy DKIM defaults to 2048).</summary>
        public const string KeyUnder2048 = "DKIM_KEY_UNDER_2048";
        /// <summary>Warning: an RSA key over 4096 bits; verifiers need only handle 1024–4096 (RFC 8301 §3.2).</summary>
        public const string KeyOver4096 = "DKIM_KEY_OVER_4096";
        /// <summary>Info: an ed25519 key; many receivers verify only RSA, so sign with an RSA key too (RFC 8463 §5).</summary>
        public const string Ed25519Only = "DKIM_ED25519_KEY";
        /// <summary>Error: h= lists no sha256: the key cannot verify rsa-sha256 or ed25519-sha256 (RFC 6376 §3.6.1, RFC 8301 §3.1).</summary>
        public const string NoSha256 = "DKIM_NO_SHA256";
        /// <summary>Error: s= lists neither "*" nor "email": the key is not for e-mail (RFC 6376 §3.6.1).</summary>
        public const string ServiceNotEmail = "DKIM_SERVICE_NOT_EMAIL";
        /// <summary>Warning: t=y: the domain is testing DKIM; verifiers may treat failures as unsigned (RFC 6376 §3.6.1).</summary>
        public const string Testing = "DKIM_TESTING";
        /// <summary>Error: the key name is a CNAME whose target has no TXT record (dangling; e.g. a deleted SES identity).</summary>
        public const string CnameDangling = "DKIM_CNAME_DANGLING";
        /// <summary>Info: with -ZoneFile, the CNAME target lies outside the zone files given, so the key could not be checked offline.</summary>
        public const string CnameNotChecked = "DKIM_CNAME_NOT_CHECKED";
        /// <summary>Warning: a TXT key at a name SES Easy DKIM manages through a CNAME; the copy breaks when SES rotates keys.</summary>
        public const string TxtInsteadOfCname = "DKIM_TXT_INSTEAD_OF_CNAME";
        /// <summary>Error: no key at the name, but one at &lt;name&gt;.&lt;domain&gt;: the zone's suffix was appended twice.</summary>
        public const string DoubledSuffix = "DKIM_DOUBLED_SUFFIX";
    }
}
