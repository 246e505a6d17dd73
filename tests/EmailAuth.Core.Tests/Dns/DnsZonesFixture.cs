using System;
using System.IO;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Tests.Infrastructure;

namespace EmailAuth.Core.Tests.Dns
{
    /// <summary>One knotd for a test class, serving tests/Fixtures/zones/dns/*.zone; started on first use so skipped tests need no knotd.</summary>
    public sealed class DnsZonesFixture : IDisposable
    {
        private static readonly string[] Zones = { "dns.test", "other.test", "2.0.192.in-addr.arpa" };
        private readonly Lazy<KnotServer> _knot = new Lazy<KnotServer>(() => new KnotServer(Array.ConvertAll(Zones,
            z => (z, Path.Combine(AppContext.BaseDirectory, "Fixtures", "zones", "dns", z + ".zone")))));

        public KnotServer Knot => _knot.Value;

        public LiveDnsResolver Resolver(bool tcpFallback = true) => new LiveDnsResolver(new DnsResolverOptions
        {
            Servers = new[] { Knot.Endpoint },
            Timeout = TestTimeouts.Answering,
            Retries = 1,
            UseTcpFallback = tcpFallback,
        });

        public void Dispose()
        {
            if (_knot.IsValueCreated) _knot.Value.Dispose();
        }
    }
}
