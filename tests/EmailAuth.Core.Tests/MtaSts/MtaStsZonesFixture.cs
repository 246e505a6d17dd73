using System;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Tests.Infrastructure;

namespace EmailAuth.Core.Tests.MtaSts
{
    /// <summary>
    /// knotd serving sts.test: every policy host (mta-sts.&lt;domain&gt;) points at 127.0.0.1, where each test starts its
    /// own HTTPS server on its own port. Started on first use so skipped tests need no knotd.
    /// </summary>
    public sealed class MtaStsZonesFixture : IDisposable
    {
        public const string Zone = @"$ORIGIN sts.test.
$TTL 300
@ SOA ns.sts.test. hostmaster.sts.test. 1 3600 600 86400 300
@ NS ns
ns A 127.0.0.1
; good: valid TXT, two MX hosts, policy host on loopback
_mta-sts.good TXT ""v=STSv1; id=20260101T01; ext=ignored""
good MX 10 mx1.good
good MX 20 mx2.good
mta-sts.good A 127.0.0.1
; the TXT record through a CNAME (RFC 8461 §3.1 allows it)
_mta-sts.cname CNAME _mta-sts.good
cname MX 10 mx1.good
mta-sts.cname A 127.0.0.1
; two STS records, plus an unrelated TXT that is discarded
_mta-sts.multi TXT ""v=STSv1; id=one""
_mta-sts.multi TXT ""v=STSv1; id=two""
_mta-sts.multi TXT ""some-verification=abc""
multi MX 10 mx1.good
mta-sts.multi A 127.0.0.1
; an invalid id (hyphen)
_mta-sts.badtxt TXT ""v=STSv1; id=2026-01-01""
badtxt MX 10 mx1.good
mta-sts.badtxt A 127.0.0.1
; a lowercase version: discarded by senders
_mta-sts.lower TXT ""v=stsv1; id=1""
lower MX 10 mx1.good
; TXT but no policy host address
_mta-sts.nohost TXT ""v=STSv1; id=1""
nohost MX 10 mx1.good
; a policy host but no TXT record
notxt MX 10 mx1.good
mta-sts.notxt A 127.0.0.1
; no MTA-STS at all
plain MX 10 mx1.good
; an MX the policy may not cover, and an implicit MX (no MX record, an A record)
_mta-sts.other TXT ""v=STSv1; id=1""
other MX 10 mail.elsewhere.test.
other MX 20 a.b.sts.test.
mta-sts.other A 127.0.0.1
_mta-sts.implicit TXT ""v=STSv1; id=1""
implicit A 192.0.2.1
mta-sts.implicit A 127.0.0.1
; null MX (RFC 7505)
_mta-sts.nullmx TXT ""v=STSv1; id=1""
nullmx MX 0 .
mta-sts.nullmx A 127.0.0.1
";

        private readonly Lazy<KnotServer> _knot = new Lazy<KnotServer>(() => KnotServer.FromText(new[] { ("sts.test", Zone) }));

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
