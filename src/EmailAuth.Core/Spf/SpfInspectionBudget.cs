namespace EmailAuth.Core.Spf
{
    /// <summary>
    /// What one <see cref="SpfRecordInspector.InspectAsync"/> call (one domain of Get-SpfRecord) may ask DNS, so
    /// that inspecting a domain nobody here controls never turns into thousands of queries. Past any limit the
    /// walk sends nothing more and reports <see cref="SpfFindingCodes.InspectionIncomplete"/> with the counts it
    /// reached; DnsLookupCount and VoidLookupCount are exact up to there. Time is bounded separately by
    /// <see cref="SpfEvaluationOptions.OverallTimeout"/> (<see cref="SpfRecordInspector.Limits"/>).
    /// </summary>
    public sealed class SpfInspectionBudget
    {
        /// <summary>
        /// DNS queries in all: each lookup counts the messages it cost (retries, failover, CNAME hops a server
        /// did not follow), at least one. A tree within RFC 7208 §4.6.4 needs about 30: the TXT and type-99
        /// queries at the top, then per DNS-querying term one TXT (include, redirect) or up to two address queries.
        /// </summary>
        public int MaxQueries { get; set; } = 100;

        /// <summary>
        /// Names of a/mx/exists terms looked up per record: a record naming more already exceeds §4.6.4's ten
        /// DNS-querying terms on its own, and receivers never get past the tenth.
        /// </summary>
        public int MaxNamesPerRecord { get; set; } = 10;

        /// <summary>
        /// Lookups answering NXDOMAIN or no data (§4.6.4 void lookups) after which nothing more is asked:
        /// receivers stop at the third; listing a few more lets the owner fix them in one pass.
        /// </summary>
        public int MaxVoidNames { get; set; } = 10;
    }
}
