using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Dns;
using EmailAuth.Core.MtaSts;
using EmailAuth.Core.Tests.Infrastructure;
using EmailAuth.Core.Tests.MtaSts;

namespace EmailAuth.Core.Tests.Audit
{
    /// <summary>
    /// MTA-STS coverage cases: the TXT record and MX hosts from knotd (sts.test), the policy over HTTPS from a scripted
    /// server on 127.0.0.1 with a test CA (the fetch failures of RFC 8461 §3.3), or as text (-PolicyPath).
    /// </summary>
    public static partial class FindingCodeCases
    {
        private const string GoodPolicy = "version: STSv1\r\nmode: enforce\r\nmx: mx1.good.sts.test\r\nmx: *.good.sts.test\r\nmax_age: 1209600\r\n";

        /// <summary>Runs the inspector; the options' FetchTimeout defaults to 10 s, the generous timeout for answering servers.</summary>
        private static async Task<IEnumerable<Finding>> Sts(IDnsResolver resolver, string domain, MtaStsOptions options, int port, TestPki? pki = null)
        {
            var client = new MtaStsHttpsClient(pki?.Root, port);
            return (await new MtaStsInspector(resolver, client).InspectAsync(domain, options, CancellationToken.None)).Findings;
        }

        /// <summary>A port on 127.0.0.1 where nothing listens (bound, then released).</summary>
        private static int ClosedPort()
        {
            var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            var port = ((IPEndPoint)l.LocalEndpoint).Port;
            l.Stop();
            return port;
        }

        /// <summary>Fetches good.sts.test's policy from a server answering <paramref name="respond"/>.</summary>
        private static FindingCodeCase Fetch(string name, Func<string, byte[]> respond, bool trustTestCa = true, bool silent = false) =>
            Case("MTA-STS fetch: " + name, async f =>
            {
                using var pki = new TestPki();
                using var server = new LocalHttpsServer(pki.Leaf(new[] { "mta-sts.good.sts.test" }), pki.Root, respond) { Silent = silent };
                // Silence is the point of the timeout case: a short timeout only there.
                var options = new MtaStsOptions { FetchTimeout = silent ? TestTimeouts.Silence : TestTimeouts.Answering };
                return await Sts(f.MtaSts.Resolver(), "good.sts.test", options, server.Port, trustTestCa ? pki : null);
            });

        /// <summary>Inspects <paramref name="domain"/> with the policy given as text (Get-MtaStsPolicy -PolicyPath).</summary>
        private static FindingCodeCase PolicyText(string name, string domain, string policy) =>
            Case($"MTA-STS policy text {domain}: {name}", async f =>
                await Sts(f.MtaSts.Resolver(), domain, new MtaStsOptions { PolicyText = policy, PolicySource = "policy.txt" }, ClosedPort()));

        private static IEnumerable<FindingCodeCase> MtaStsCases()
        {
            // TXT discovery (RFC 8461 §3.1); the fetch goes to a closed port where a fetch is attempted at all.
            foreach (var d in new[] { "plain.sts.test", "badtxt.sts.test", "multi.sts.test", "nohost.sts.test" })
                yield return Case("MTA-STS " + d, async f => await Sts(f.MtaSts.Resolver(), d, new MtaStsOptions(), ClosedPort()));
            yield return Case("MTA-STS good.sts.test offline", async f => await Sts(f.MtaSts.Resolver(), "good.sts.test", new MtaStsOptions { Offline = true }, ClosedPort()));
            yield return Case("MTA-STS failing.test (SERVFAIL)", async f => await Sts(f.Failing(), "failing.test", new MtaStsOptions(), ClosedPort()));
            yield return Case("MTA-STS mxfail.test (TXT answered, MX SERVFAIL)", async f =>
                await Sts(f.StsTxtOnly(), "mxfail.test", new MtaStsOptions { PolicyText = GoodPolicy }, ClosedPort()));

            // Fetch failures (RFC 8461 §3.3).
            yield return Case("MTA-STS fetch: nothing listening", async f => await Sts(f.MtaSts.Resolver(), "good.sts.test", new MtaStsOptions(), ClosedPort()));
            yield return Case("MTA-STS fetch: plain TCP, no TLS", async f =>
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                var serve = Task.Run(async () =>
                {
                    using var client = await listener.AcceptTcpClientAsync();
                    var reply = Encoding.ASCII.GetBytes("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
                    await client.GetStream().WriteAsync(reply, 0, reply.Length);
                });
                try
                {
                    return await Sts(f.MtaSts.Resolver(), "good.sts.test", new MtaStsOptions(), port);
                }
                finally
                {
                    listener.Stop();
                    try { await serve; } catch (Exception e) when (e is SocketException || e is ObjectDisposedException || e is System.IO.IOException) { }
                }
            });
            yield return Fetch("untrusted CA", _ => LocalHttpsServer.Http(200, "text/plain", GoodPolicy), trustTestCa: false);
            yield return Fetch("redirect", _ => LocalHttpsServer.Http(302, "text/html", "moved", "Location: https://mta-sts.good.sts.test/p.txt\r\n"));
            yield return Fetch("404", _ => LocalHttpsServer.Http(404, "text/plain", "not found"));
            yield return Fetch("text/html", _ => LocalHttpsServer.Http(200, "text/html", GoodPolicy));
            yield return Fetch("over 64 KiB", _ => LocalHttpsServer.Http(200, "text/plain", GoodPolicy + new string('#', MtaStsHttpsClient.MaxPolicyBytes)));
            yield return Fetch("HTTP/2 status line", _ => Encoding.ASCII.GetBytes("HTTP/2 200\r\n\r\n"));
            yield return Fetch("silent server", _ => LocalHttpsServer.Http(200, "text/plain", GoodPolicy), silent: true);
            yield return Fetch("policy with testing mode and a short max_age",
                _ => LocalHttpsServer.Http(200, "text/plain", "version: STSv1\nmode: testing\nmx: *.good.sts.test\nmax_age: 3600\n"));

            // Policy syntax and meaning (RFC 8461 §3.2, §4.1, §5).
            yield return PolicyText("syntax, duplicate key, version not first", "good.sts.test",
                "mode: enforce\nversion: STSv1\nmode: enforce\nno colon here\nmx: mx1.good.sts.test\nmax_age: 604800\n");
            yield return PolicyText("bad version, mode, max_age; no mx", "good.sts.test", "version: STSv2\nmode: enforcing\nmax_age: forever\n");
            yield return PolicyText("no mx in enforce mode", "good.sts.test", "version: STSv1\nmode: enforce\nmax_age: 604800\n");
            yield return PolicyText("bad mx pattern", "good.sts.test", "version: STSv1\nmode: enforce\nmx: mx*.good.sts.test\nmx: *.good.sts.test\nmax_age: 604800\n");
            yield return PolicyText("mode none", "good.sts.test", "version: STSv1\nmode: none\nmax_age: 86400\n");
            yield return PolicyText("MX not covered, pattern unused", "other.sts.test",
                "version: STSv1\nmode: enforce\nmx: *.sts.test\nmx: mail.elsewhere.test\nmx: old.sts.test\nmax_age: 604800\n");
            yield return PolicyText("null MX", "nullmx.sts.test", "version: STSv1\nmode: enforce\nmx: mail.nullmx.sts.test\nmax_age: 604800\n");
            yield return PolicyText("policy without TXT", "notxt.sts.test", "version: STSv1\nmode: enforce\nmx: mx1.good.sts.test\nmax_age: 604800\n");
        }
    }
}
