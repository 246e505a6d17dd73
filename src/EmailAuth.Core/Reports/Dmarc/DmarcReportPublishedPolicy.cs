namespace EmailAuth.Core.Reports.Dmarc
{
    /// <summary>policy_published of an aggregate report: the DMARC record the reporter applied (RFC 7489 appendix C, RFC 9990 §3).</summary>
    public sealed class DmarcReportPublishedPolicy
    {
        public string Domain { get; set; } = string.Empty;
        /// <summary>adkim: r or s; null when the report omits it.</summary>
        public string? AlignmentDkim { get; set; }
        public string? AlignmentSpf { get; set; }
        /// <summary>p: none, quarantine or reject.</summary>
        public string Policy { get; set; } = string.Empty;
        public string? SubdomainPolicy { get; set; }
        /// <summary>RFC 9990 np; null in RFC 7489 reports.</summary>
        public string? NonexistentDomainPolicy { get; set; }
        /// <summary>pct (RFC 7489); null when absent (RFC 9990 drops it).</summary>
        public int? Pct { get; set; }
        /// <summary>RFC 9990 testing (t=y); null when absent.</summary>
        public string? Testing { get; set; }
        public string? FailureOptions { get; set; }
        /// <summary>RFC 9990 discovery_method: psl or treewalk; null when absent.</summary>
        public string? DiscoveryMethod { get; set; }

        /// <summary>The policy in DMARC record notation, e.g. "p=none; sp=none; adkim=r; aspf=r; pct=100".</summary>
        public override string ToString()
        {
            var parts = new System.Collections.Generic.List<string> { "p=" + Policy };
            if (SubdomainPolicy != null) parts.Add("sp=" + SubdomainPolicy);
            if (NonexistentDomainPolicy != null) parts.Add("np=" + NonexistentDomainPolicy);
            if (AlignmentDkim != null) parts.Add("adkim=" + AlignmentDkim);
            if (AlignmentSpf != null) parts.Add("aspf=" + AlignmentSpf);
            if (Pct != null) parts.Add("pct=" + Pct);
            if (Testing != null) parts.Add("t=" + Testing);
            if (FailureOptions != null) parts.Add("fo=" + FailureOptions);
            return string.Join("; ", parts);
        }
    }
}
