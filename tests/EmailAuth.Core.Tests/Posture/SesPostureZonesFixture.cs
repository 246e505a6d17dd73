using System;
using System.IO;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Tests.Infrastructure;

namespace EmailAuth.Core.Tests.Posture
{
    /// <summary>
    /// knotd serving tests/Fixtures/zones/sesposture: the "test." TLD (the identities' domains) and a "com." zone
    /// standing in for amazonses.com (its SPF record and Easy DKIM keys). Started on first use.
    /// </summary>
    public sealed class SesPostureZonesFixture : IDisposable
    {
        public static string ZoneFile(string zone) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "zones", "sesposture", zone + ".zone");

        private readonly Lazy<KnotServer> _knot = new Lazy<KnotServer>(() => new KnotServer(new[] { ("test", ZoneFile("test")), ("com", ZoneFile("com")) }));

        public KnotServer Knot => _knot.Value;

        public IDnsResolver Resolver() => new LiveDnsResolver(new DnsResolverOptions
        {
            Servers = new[] { Knot.Endpoint }, Timeout = TestTimeouts.Answering, Retries = 1,
        });

        public void Dispose()
        {
            if (_knot.IsValueCreated) _knot.Value.Dispose();
        }
    }
}
