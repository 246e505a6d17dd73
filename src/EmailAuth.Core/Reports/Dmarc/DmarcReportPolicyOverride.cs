namespace EmailAuth.Core.Reports.Dmarc
{
    /// <summary>A policy_evaluated &lt;reason&gt;: why the receiver applied another disposition (forwarded, local_policy, ...).</summary>
    public sealed class DmarcReportPolicyOverride
    {
        public string Type { get; set; } = string.Empty;
        public string? Comment { get; set; }
        public override string ToString() => Comment is null ? Type : $"{Type}: {Comment}";
    }
}
