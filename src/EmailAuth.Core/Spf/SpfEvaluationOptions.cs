using System;

namespace EmailAuth.Core.Spf
{
    /// <summary>Limits for check_host(); defaults are RFC 7208 §4.6.4's.</summary>
    public sealed class SpfEvaluationOptions
    {
        /// <summary>DNS-querying terms (include, a, mx, ptr, exists, redirect) before permerror.</summary>
        public int MaxDnsLookups { get; set; } = 10;
        /// <summary>Lookups answering NXDOMAIN or no data before permerror.</summary>
        public int MaxVoidLookups { get; set; } = 2;
        /// <summary>MX names resolved per mx mechanism, and PTR names checked per ptr term / %{p}.</summary>
        public int MaxNameLookupsPerTerm { get; set; } = 10;
        /// <summary>
        /// Overall time for one evaluation; exceeding it yields temperror (§4.6.4: at least 20 s). Raised to twice
        /// the resolver's worst-case query time when that is longer (<see cref="Dns.IDnsQueryTiming"/>: timeout ×
        /// (1 + retries) × servers), so a failing query gets its retries and its temperror names the server.
        /// Zero or <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>: no limit.
        /// </summary>
        public TimeSpan OverallTimeout { get; set; } = TimeSpan.FromSeconds(20);
        /// <summary>
        /// DNS queries one evaluation may send: each lookup counts the messages it cost (retries, failover, CNAME
        /// hops a server did not follow), at least one. §4.6.4's limits need at most 123 from a recursive resolver
        /// (1 TXT + 10 terms × (1 + 10 names) + 11 for %{p} + 1 for exp=). Reaching it: temperror, no further
        /// query; the lookup that crosses it may finish its CNAME hops (at most 8 more, see Dns.CnameWalk).
        /// </summary>
        public int MaxDnsQueries { get; set; } = 150;
        /// <summary>The receiving host's domain for the %{r} macro in exp= (§7.3); "unknown" when not set.</summary>
        public string ReceivingDomain { get; set; } = "unknown";
        /// <summary>Collect <see cref="SpfCheckResult.Trace"/> (bounded); turn off for bulk evaluation.</summary>
        public bool IncludeTrace { get; set; } = true;
    }
}
