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
        /// <summary>Overall time for one evaluation; exceeding it yields temperror (§4.6.4: at least 20 s).</summary>
        public TimeSpan OverallTimeout { get; set; } = TimeSpan.FromSeconds(20);
        /// <summary>The receiving host's domain for the %{r} macro in exp= (§7.3); "unknown" when not set.</summary>
        public string ReceivingDomain { get; set; } = "unknown";
        /// <summary>Collect <see cref="SpfCheckResult.Trace"/> (bounded); turn off for bulk evaluation.</summary>
        public bool IncludeTrace { get; set; } = true;
    }
}
