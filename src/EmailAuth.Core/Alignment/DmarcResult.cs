namespace EmailAuth.Core.Alignment
{
    /// <summary>The DMARC verdict for a message (RFC 7489 §11.2, RFC 8601 dmarc= values we can reach without a message).</summary>
    public enum DmarcResult
    {
        /// <summary>No DMARC policy applies to the From domain.</summary>
        None,
        /// <summary>SPF or DKIM passed with a domain aligned with the From domain.</summary>
        Pass,
        /// <summary>A policy applies and neither identifier passed aligned.</summary>
        Fail,
        /// <summary>A DNS failure left the policy or an Organizational Domain unknown; retry later.</summary>
        TempError,
    }
}
