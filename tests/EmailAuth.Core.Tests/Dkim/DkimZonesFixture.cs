using System;
using System.IO;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Tests.Infrastructure;

namespace EmailAuth.Core.Tests.Dkim
{
    /// <summary>One knotd serving tests/Fixtures/zones/dkim/*.zone; started on first use so skipped tests need no knotd.</summary>
    public sealed class DkimZonesFixture : IDisposable
    {
        public static readonly string[] Zones = { "dkim.test", "sesdkim.test" };

        public static string ZoneFile(string zone) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "zones", "dkim", zone + ".zone");

        private readonly Lazy<KnotServer> _knot = new Lazy<KnotServer>(() => new KnotServer(Array.ConvertAll(Zones, z => (z, ZoneFile(z)))));

        public KnotServer Knot => _knot.Value;

        public LiveDnsResolver Resolver() => new LiveDnsResolver(new DnsResolverOptions
        {
            Servers = new[] { Knot.Endpoint }, Timeout = TestTimeouts.Answering, Retries = 1,
        });

        public void Dispose()
        {
            if (_knot.IsValueCreated) _knot.Value.Dispose();
        }
    }
}
