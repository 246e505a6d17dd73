using System;
using System.IO;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Tests.Infrastructure;

namespace EmailAuth.Core.Tests.Dmarc
{
    /// <summary>knotd serving tests/Fixtures/zones/dmarc/test.zone (the whole "test." TLD) for discovery tests.</summary>
    public sealed class DmarcZonesFixture : IDisposable
    {
        private readonly Lazy<KnotServer> _knot = new Lazy<KnotServer>(() => new KnotServer(new[] { ("test", ZoneFile) }));

        public static string ZoneFile => Path.Combine(AppContext.BaseDirectory, "Fixtures", "zones", "dmarc", "test.zone");

        public KnotServer Knot => _knot.Value;

        public IDnsResolver Resolver() =>
            new LiveDnsResolver(new DnsResolverOptions { Servers = new[] { Knot.Endpoint }, Timeout = TestTimeouts.Answering });

        public void Dispose()
        {
            if (_knot.IsValueCreated) _knot.Value.Dispose();
        }
    }
}
