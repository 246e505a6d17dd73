using System;
using System.Linq;
using System.Runtime.CompilerServices;

namespace EmailAuth.Core.Dns
{
    /// <summary>
    /// How long an answer may be cached, as its resolver saw it: what <see cref="DnsAnswer"/> cannot carry
    /// (CNAME TTLs, the SOA of a negative answer). Attached beside the immutable answer, read by
    /// <see cref="CachingDnsResolver"/>; answers without it fall back to their records' TTLs.
    /// </summary>
    internal static class DnsAnswerTtl
    {
        private static readonly ConditionalWeakTable<DnsAnswer, object> Ttls = new ConditionalWeakTable<DnsAnswer, object>();

        public static DnsAnswer With(this DnsAnswer answer, TimeSpan ttl)
        {
            Ttls.Add(answer, ttl);
            return answer;
        }

        /// <summary>The attached TTL, else the smallest record TTL of a positive answer, else null.</summary>
        public static TimeSpan? Of(DnsAnswer answer)
        {
            if (Ttls.TryGetValue(answer, out var ttl)) return (TimeSpan)ttl;
            if (answer.Status == DnsAnswerStatus.Success && answer.Records.Count > 0)
                return TimeSpan.FromSeconds(Math.Max(0, answer.Records.Min(r => r.Ttl)));
            return null;
        }
    }
}
