using System;
using System.Linq;

namespace EmailAuth.Core.Dns
{
    /// <summary>The lifetime a cache gives an answer (read by <see cref="CachingDnsResolver"/>).</summary>
    internal static class DnsAnswerTtl
    {
        /// <summary>The resolver's <see cref="DnsAnswer.CacheTtl"/>, else the smallest record TTL of a positive answer, else null.</summary>
        public static TimeSpan? Of(DnsAnswer answer)
        {
            if (answer.CacheTtl is TimeSpan ttl) return ttl;
            if (answer.Status == DnsAnswerStatus.Success && answer.Records.Count > 0)
                return TimeSpan.FromSeconds(Math.Max(0, answer.Records.Min(r => r.Ttl)));
            return null;
        }
    }
}
