using System;
using System.IO;
using EmailAuth.Core.Dns;

namespace EmailAuth.Core.Tests.Infrastructure
{
    /// <summary>knotd serving tests/Fixtures/zones/records/test.zone (the "test." TLD) for the BIMI, TLS-RPT and MX inspectors.</summary>
    public sealed class RecordsZonesFixture : IDisposable
    {
        private readonly Lazy<KnotServer> _knot = new Lazy<KnotServer>(() => new KnotServer(new[] { ("test", ZoneFile) }));

        public static string ZoneFile => Path.Combine(AppContext.BaseDirectory, "Fixtures", "zones", "records", "test.zone");

        public KnotServer Knot => _knot.Value;

        public IDnsResolver Resolver() =>
            new LiveDnsResolver(new DnsResolverOptions { Servers = new[] { Knot.Endpoint }, Timeout = TestTimeouts.Answering });

        public void Dispose()
        {
            if (_knot.IsValueCreated) _knot.Value.Dispose();
        }
    }
}
