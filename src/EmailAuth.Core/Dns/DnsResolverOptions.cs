using System;
using System.Collections.Generic;

namespace EmailAuth.Core.Dns
{
    /// <summary>How the live resolver talks to DNS servers.</summary>
    public sealed class DnsResolverOptions
    {
        /// <summary>Servers as "ip", "ip:port", "[ipv6]:port" or a bare IPv6 address. Empty: the system's resolvers.</summary>
        public IReadOnlyList<string> Servers { get; set; } = Array.Empty<string>();

        /// <summary>Time allowed for one attempt against one server.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>Retries after the first attempt (per query, across the servers).</summary>
        public int Retries { get; set; } = 1;

        /// <summary>Retry over TCP when a UDP answer is truncated (TC bit).</summary>
        public bool UseTcpFallback { get; set; } = true;
    }
}
