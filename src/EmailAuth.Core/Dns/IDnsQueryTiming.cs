using System;

namespace EmailAuth.Core.Dns
{
    /// <summary>
    /// A resolver that knows how long one question can take before it fails, so that overall time limits
    /// built on top of it (RFC 7208 §4.6.4) can leave room for its retries instead of cutting them off.
    /// </summary>
    public interface IDnsQueryTiming
    {
        /// <summary>
        /// The longest one question can take before its answer or its failure: every attempt on every
        /// server. <see cref="TimeSpan.Zero"/> when answers never wait (zone data, memory).
        /// </summary>
        TimeSpan WorstCaseQueryTime { get; }
    }

    internal static class DnsQueryTiming
    {
        /// <summary>The resolver's <see cref="IDnsQueryTiming.WorstCaseQueryTime"/>, zero when it does not say.</summary>
        public static TimeSpan Of(IDnsResolver resolver) =>
            resolver is IDnsQueryTiming timing ? timing.WorstCaseQueryTime : TimeSpan.Zero;
    }
}
