namespace EmailAuth.Core.Reports.Input
{
    /// <summary>What a report stream holds, told by its first bytes (never by its name alone).</summary>
    public enum ReportContentKind
    {
        /// <summary>Neither XML nor JSON (binary, text, empty).</summary>
        Unknown,
        /// <summary>Starts with '&lt;' (after a byte-order mark and white space): a DMARC aggregate report, presumably.</summary>
        Xml,
        /// <summary>Starts with '{' or '[': a TLS-RPT report (RFC 8460 §4), presumably.</summary>
        Json,
    }
}
