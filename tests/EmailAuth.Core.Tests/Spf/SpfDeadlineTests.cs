using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using RecordType = ARSoft.Tools.Net.Dns.RecordType;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Spf;
using EmailAuth.Core.Tests.Infrastructure;
using Xunit;

namespace EmailAuth.Core.Tests.Spf
{
    /// <summary>
    /// The overall time limit agrees with the resolver's timeout: a failing query gets its retry and its
    /// temperror names the server. Asserted on results and on the queries a server on 127.0.0.1 received.
    /// </summary>
    public class SpfDeadlineTests
    {
        private const string Zone = "dl.test";

        /// <summary>Answered queries must not time out on a loaded machine; silent ones last this long per attempt.</summary>
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

        private static IDnsResolver Resolver(params string[] servers) =>
            new CachingDnsResolver(new LiveDnsResolver(new DnsResolverOptions { Servers = servers, Timeout = Timeout, Retries = 1 }));

        /// <summary>
        /// A resolver that already holds the server's answered TXT record. The 1 s per attempt is for the silent A
        /// queries; on a loaded machine the first answer of a just-started server can take longer than that, which
        /// made the answered query time out too and the result depend on the machine (a flake of the full Core run).
        /// So the answer is asked first, again until it comes (bounded), and the timed part sees only silence.
        /// </summary>
        private static async Task<IDnsResolver> ResolverWithTxtAnswered(string server)
        {
            // Failures not kept: a timed-out first try must not be served from the cache to the next.
            var resolver = new CachingDnsResolver(new LiveDnsResolver(new DnsResolverOptions { Servers = new[] { server }, Timeout = Timeout, Retries = 1 }))
            {
                ErrorTtl = TimeSpan.Zero,
            };
            for (var attempt = 0; attempt < 30; attempt++)
                if (!(await resolver.QueryAsync(Zone, DnsRecordType.TXT)).IsError) return resolver;
            throw new InvalidOperationException($"The test server {server} did not answer TXT {Zone} in 30 tries.");
        }

        [Fact]
        public void The_limit_is_twice_the_worst_case_query_time_and_at_least_the_configured_one()
        {
            TimeSpan Limit(int timeoutSec, int servers, TimeSpan configured) => SpfDeadline.For(
                new TracingDnsResolver(new CachingDnsResolver(new LiveDnsResolver(new DnsResolverOptions
                {
                    Servers = Enumerable.Range(1, servers).Select(i => $"192.0.2.{i}").ToArray(),
                    Timeout = TimeSpan.FromSeconds(timeoutSec),
                }))), configured);

            var rfc = TimeSpan.FromSeconds(20);
            Assert.Equal(rfc, Limit(1, 1, rfc));
            Assert.Equal(rfc, Limit(5, 1, rfc));                        // 2 × 5 s × 2 attempts
            Assert.Equal(TimeSpan.FromSeconds(44), Limit(11, 1, rfc));  // was cut at 20 s, before the retry ended
            Assert.Equal(TimeSpan.FromSeconds(240), Limit(60, 1, rfc));
            Assert.Equal(TimeSpan.FromSeconds(40), Limit(5, 2, rfc));   // each attempt goes to both servers
            Assert.Equal(System.Threading.Timeout.InfiniteTimeSpan, Limit(5, 1, System.Threading.Timeout.InfiniteTimeSpan));
            Assert.Equal(rfc, SpfDeadline.For(new RecordSetResolver(Array.Empty<DnsRecord>()), rfc));
        }

        [Fact]
        public async Task A_failing_query_gets_its_retry_and_the_temperror_names_the_server()
        {
            using var server = new LoggingZoneServer(Zone).Txt(Zone, $"v=spf1 a:h.{Zone} -all").SilentFor(RecordType.A);
            // As -TimeoutSec 11 against the 20 s default: the configured limit ends before the retry would.
            var options = new SpfEvaluationOptions { OverallTimeout = TimeSpan.FromSeconds(1.5) };
            var r = await new SpfEvaluator(await ResolverWithTxtAnswered(server.Endpoint), options)
                .CheckHostAsync(IPAddress.Parse("192.0.2.10"), null, "alice@" + Zone, "mail.example.org");

            Assert.Equal(SpfResult.TempError, r.Result);
            Assert.Contains($"Timeout from {server.Endpoint} for A h.{Zone}", r.Reason);
            Assert.DoesNotContain("overall time limit", r.Reason);
            Assert.Equal(2, server.Count(RecordType.A)); // The first attempt and its retry.
        }

        [Fact]
        public async Task Get_SpfRecord_work_is_bounded_by_the_time_limit()
        {
            // Twenty a: names on a server that answers TXT but never A: 20 × 2 attempts without a limit.
            using var server = new LoggingZoneServer(Zone)
                .Txt(Zone, "v=spf1 " + string.Join(" ", Enumerable.Range(1, 20).Select(i => $"a:h{i}.{Zone}")) + " -all")
                .SilentFor(RecordType.A);
            var inspector = new SpfRecordInspector(await ResolverWithTxtAnswered(server.Endpoint))
            {
                Limits = new SpfEvaluationOptions { OverallTimeout = TimeSpan.FromSeconds(1) }, // Raised to 2 × 2 s.
            };
            var info = await inspector.InspectAsync(Zone);

            // Each attempt waits at least 1 s, so at most four fit in the 4 s limit, and none is sent after it.
            Assert.InRange(server.Count(RecordType.A), 1, 4);
            var incomplete = Assert.Single(info.Findings, f => f.Code == SpfFindingCodes.InspectionIncomplete);
            Assert.Contains("time limit of 4 s", incomplete.Message);
            Assert.Contains("20 DNS-querying terms", incomplete.Message);
            // h1 times out after its retry, naming the server; h2's retry is cut by the deadline (timers may race).
            Assert.Contains(info.Findings, f => f.Code == SpfFindingCodes.DnsError && f.Message.Contains($"Timeout from {server.Endpoint} for A h1.{Zone}"));
            Assert.InRange(info.Findings.Count(f => f.Code == SpfFindingCodes.DnsError), 1, 2);
            Assert.False(info.IsValid);
            Assert.Equal(20, info.DnsLookupCount);
        }

        [Fact]
        public async Task A_TXT_timeout_ends_the_lookup_without_a_type_99_query()
        {
            using var server = new LoggingZoneServer(Zone).SilentFor(RecordType.Txt, (RecordType)99 /* SPF, obsolete (RFC 7208 §3.1) */);
            var info = await new SpfRecordInspector(new LiveDnsResolver(new DnsResolverOptions
            {
                Servers = new[] { server.Endpoint },
                Timeout = TimeSpan.FromMilliseconds(300), // Silence is the point.
                Retries = 1,
            })).InspectAsync(Zone);

            Assert.Null(info.Record);
            var f = Assert.Single(info.Findings, x => x.Code == SpfFindingCodes.DnsError);
            Assert.Contains($"Timeout from {server.Endpoint} for TXT {Zone}", f.Message);
            Assert.Equal(2, server.Count(RecordType.Txt));
            Assert.Equal(0, server.Count((RecordType)99 /* SPF, obsolete (RFC 7208 §3.1) */));
        }

        [Fact]
        public async Task Cancellation_still_throws()
        {
            using var server = new LoggingZoneServer(Zone).SilentFor(RecordType.Txt);
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new SpfRecordInspector(Resolver(server.Endpoint)).InspectAsync(Zone, cts.Token));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new SpfEvaluator(Resolver(server.Endpoint))
                .CheckHostAsync(IPAddress.Parse("192.0.2.10"), Zone, "a@" + Zone, "h", new CancellationTokenSource(TimeSpan.FromMilliseconds(200)).Token));
        }
    }
}
