namespace EmailAuth.Core.Reports.Dmarc
{
    /// <summary>An auth_results &lt;spf&gt; entry: the SPF check the receiver made (not DMARC-aligned by itself).</summary>
    public sealed class DmarcReportSpfResult
    {
        public string Domain { get; set; } = string.Empty;
        /// <summary>helo or mfrom; null when absent (RFC 9990 drops scope).</summary>
        public string? Scope { get; set; }
        /// <summary>none, neutral, pass, fail, softfail, temperror or permerror.</summary>
        public string Result { get; set; } = string.Empty;
        public string? HumanResult { get; set; }
        public override string ToString() => $"{Domain}={Result}";
    }
}
