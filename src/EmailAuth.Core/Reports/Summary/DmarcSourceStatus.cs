namespace EmailAuth.Core.Reports.Summary
{
    /// <summary>What the reports say about one sending source of a domain, worst first in <see cref="DmarcReportSummary.Sources"/>.</summary>
    public enum DmarcSourceStatus
    {
        /// <summary>A known service, or a server of the domain itself, passes SPF or DKIM but not aligned with the From domain: it blocks enforcement.</summary>
        NotAligned,
        /// <summary>Neither SPF nor DKIM passes for anything of the domain's: spoofing, or a service nobody authorised.</summary>
        Unauthorized,
        /// <summary>Fails only as forwarded mail does (the domain's DKIM signature broke in transit, or the receiver said forwarded / mailing list): does not block.</summary>
        Forwarded,
        /// <summary>DMARC passes (SPF or DKIM aligned).</summary>
        Aligned,
    }
}
