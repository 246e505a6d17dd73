namespace EmailAuth.Core.Reports.Summary
{
    /// <summary>The verdict on moving a domain's DMARC policy one step up (none → quarantine → reject); <see cref="DmarcReadinessRules"/>.</summary>
    public enum DmarcReadiness
    {
        /// <summary>Legitimate volume is aligned enough, over enough days and reporters.</summary>
        Ready,
        /// <summary>Legitimate sources still fail alignment (see <see cref="DmarcReportSummary.Blockers"/>).</summary>
        NotReady,
        /// <summary>Too few days, reporters or messages to decide.</summary>
        InsufficientData,
        /// <summary>The published policy is already p=reject.</summary>
        Enforcing,
    }
}
