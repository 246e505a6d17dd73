using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using RecordType = ARSoft.Tools.Net.Dns.RecordType;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Spf;
using EmailAuth.Core.Tests.Infrastructure;
using Xunit;

namespace EmailAuth.Core.Tests.Spf
{
    /// <summary>
    /// check_host() counts every query it sends, CNAME hops a server did not follow included, against
    /// SpfEvaluationOptions.MaxDnsQueries. Counts are what a real server on 127.0.0.1 received.
    /// </summary>
    public class SpfQueryLimitTests
    {
        private const string Zone = "cname.test";

        private static SpfEvaluator Evaluator(LoggingZoneServer server, SpfEvaluationOptions? options = null) =>
            new SpfEvaluator(new CachingDnsResolver(new LiveDnsResolver(new DnsResolverOptions
            {
                Servers = new[] { server.Endpoint },
                Timeout = TimeSpan.FromSeconds(10), // The server answers: generous.
            })), options);

        /// <summary>
        /// Ten mx terms within §4.6.4, each naming ten MX hosts, each host at the end of a CNAME chain of
        /// <paramref name="links"/> links that the server answers one hop per response.
        /// </summary>
        private static LoggingZoneServer MxCnameZone(int links)
        {
            var server = new LoggingZoneServer(Zone)
                .Txt(Zone, "v=spf1 " + string.Join(" ", Enumerable.Range(0, 10).Select(m => $"mx:m{m}.{Zone}")) + " -all");
            for (var m = 0; m < 10; m++)
            {
                for (var h = 0; h < 10; h++)
                {
                    var host = $"h{m}-{h}.{Zone}";
                    server.Mx($"m{m}.{Zone}", (ushort)(h + 1), host);
                    for (var i = 0; i < links; i++) server.Cname(i == 0 ? host : $"l{i}.{host}", $"l{i + 1}.{host}");
                    server.A($"l{links}.{host}", "192.0.2.1");
                }
            }
            return server;
        }

        [Fact]
        public async Task Cname_hops_count_against_the_query_limit_of_one_evaluation()
        {
            // Each MX host costs 1 + 7 queries: 1 TXT + 10 × (1 MX + 10 × 8) = 811 queries without a limit.
            using var server = MxCnameZone(7);
            var options = new SpfEvaluationOptions();
            var r = await Evaluator(server, options).CheckHostAsync(IPAddress.Parse("198.51.100.99"), null, "alice@" + Zone, "mail.example.org");

            Assert.Equal(SpfResult.TempError, r.Result);
            Assert.Contains($"reached its limit of {options.MaxDnsQueries} DNS queries", r.Reason);
            Assert.Contains(server.Endpoint, r.Reason);
            // No query after the limit was reached; the lookup that crossed it finished its hops.
            Assert.InRange(server.Received.Count, options.MaxDnsQueries, options.MaxDnsQueries + CnameWalk.MaxHopQueries);
            Assert.InRange(r.DnsLookupCount, 1, 10); // Not the §4.6.4 term limit.
        }

        [Fact]
        public async Task The_per_name_hop_limit_is_a_temperror_naming_the_server()
        {
            using var server = MxCnameZone(12);
            var r = await Evaluator(server).CheckHostAsync(IPAddress.Parse("198.51.100.99"), null, "alice@" + Zone, "mail.example.org");
            Assert.Equal(SpfResult.TempError, r.Result);
            Assert.Contains(server.Endpoint, r.Reason);
            Assert.Contains($"{CnameWalk.MaxHopQueries} CNAME hop queries per name", r.Reason);
            // TXT, MX of m0, then the first host: 1 + 8 hops; nothing after the temperror.
            Assert.Equal(1 + 1 + 1 + CnameWalk.MaxHopQueries, server.Received.Count);
        }

        [Fact]
        public async Task A_lower_limit_stops_sooner_and_cached_lookups_still_count()
        {
            using var server = new LoggingZoneServer(Zone)
                .Txt(Zone, "v=spf1 " + string.Join(" ", Enumerable.Range(0, 8).Select(i => $"a:h{i}.{Zone}")) + " -all");
            for (var i = 0; i < 8; i++) server.A($"h{i}.{Zone}", "192.0.2.1");
            var options = new SpfEvaluationOptions { MaxDnsQueries = 5 };
            var evaluator = Evaluator(server, options);
            var first = await evaluator.CheckHostAsync(IPAddress.Parse("198.51.100.99"), null, "alice@" + Zone, "h");
            Assert.Equal(SpfResult.TempError, first.Result);
            Assert.Contains("before querying A h4." + Zone, first.Reason);
            Assert.Equal(5, server.Received.Count); // TXT and h0..h3.

            // From the cache nothing is sent, but each lookup still counts one: the same result.
            var second = await evaluator.CheckHostAsync(IPAddress.Parse("198.51.100.99"), null, "alice@" + Zone, "h");
            Assert.Equal(first.Reason, second.Reason);
            Assert.Equal(5, server.Received.Count);
        }
    }
}
