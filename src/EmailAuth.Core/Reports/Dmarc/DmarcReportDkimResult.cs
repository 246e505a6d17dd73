namespace EmailAuth.Core.Reports.Dmarc
{
    /// <summary>An auth_results &lt;dkim&gt; entry: one DKIM signature as the receiver verified it (not DMARC-aligned by itself).</summary>
    public sealed class DmarcReportDkimResult
    {
        /// <summary>The signature's d=.</summary>
        public string Domain { get; set; } = string.Empty;
        /// <summary>The signature's s=; optional in RFC 7489, required by RFC 9990.</summary>
        public string? Selector { get; set; }
        /// <summary>none, pass, fail, policy, neutral, temperror or permerror.</summary>
        public string Result { get; set; } = string.Empty;
        public string? HumanResult { get; set; }
        public override string ToString() => Selector is null ? $"{Domain}={Result}" : $"{Domain}/{Selector}={Result}";
    }
}
