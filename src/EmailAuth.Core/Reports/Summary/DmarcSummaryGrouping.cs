namespace EmailAuth.Core.Reports.Summary
{
    /// <summary>What Measure-DmarcReport writes: one summary per domain, one line per source, or one per day.</summary>
    public enum DmarcSummaryGrouping
    {
        Domain,
        Source,
        Day,
    }
}
