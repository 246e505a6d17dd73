using System;
using System.Linq;
using System.Threading.Tasks;
using ARSoft.Tools.Net.Dns;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Tests.Infrastructure;
using Xunit;

namespace EmailAuth.Core.Tests.Dns
{
    /// <summary>
    /// CNAME hops cost queries when a server answers one hop per response: LiveDnsResolver counts them
    /// (DnsAnswer.QueriesSent) and stops at CnameWalk.MaxHopQueries per name. Counts are what the server received.
    /// </summary>
    public class CnameHopQueryTests
    {
        private static LiveDnsResolver Resolver(LoggingZoneServer server) => new LiveDnsResolver(new DnsResolverOptions
        {
            Servers = new[] { server.Endpoint },
            Timeout = TimeSpan.FromSeconds(10), // The server answers: generous.
        });

        /// <summary>c0 → c1 → … → c{links}, the last with an A record.</summary>
        private static LoggingZoneServer Chain(int links)
        {
            var server = new LoggingZoneServer("hop.test");
            for (var i = 0; i < links; i++) server.Cname($"c{i}.hop.test", $"c{i + 1}.hop.test");
            return server.A($"c{links}.hop.test", "192.0.2.1");
        }

        [Fact]
        public async Task A_chain_within_the_hop_limit_is_followed_and_every_hop_is_counted()
        {
            using var server = Chain(CnameWalk.MaxHopQueries);
            var answer = await Resolver(server).QueryAsync("c0.hop.test", DnsRecordType.A);
            Assert.Equal(DnsAnswerStatus.Success, answer.Status);
            Assert.Equal(CnameWalk.MaxHopQueries, answer.CnameChain.Count);
            Assert.Equal(1 + CnameWalk.MaxHopQueries, server.Count(RecordType.A));
            Assert.Equal(server.Received.Count, answer.QueriesSent);
        }

        [Fact]
        public async Task A_longer_chain_stops_at_the_hop_limit_with_an_error_naming_the_server()
        {
            using var server = Chain(12);
            var answer = await Resolver(server).QueryAsync("c0.hop.test", DnsRecordType.A);
            Assert.Equal(DnsAnswerStatus.Error, answer.Status);
            Assert.True(answer.IsError);
            Assert.Equal(server.Endpoint, answer.Server);
            Assert.Contains($"limit of {CnameWalk.MaxHopQueries} CNAME hop queries per name", answer.ErrorMessage);
            // The first question and 8 hops; c9 is never asked for.
            Assert.Equal(1 + CnameWalk.MaxHopQueries, server.Received.Count);
            Assert.DoesNotContain(server.Received, q => q.Name == $"c{CnameWalk.MaxHopQueries + 1}.hop.test");
            Assert.Equal(server.Received.Count, answer.QueriesSent);
        }

        [Fact]
        public async Task Cached_answers_cost_no_query()
        {
            using var server = Chain(2);
            var cache = new CachingDnsResolver(Resolver(server));
            Assert.Equal(3, (await cache.QueryAsync("c0.hop.test", DnsRecordType.A)).QueriesSent);
            var again = await cache.QueryAsync("c0.hop.test", DnsRecordType.A);
            Assert.True(again.FromCache);
            Assert.Equal(0, again.QueriesSent);
            Assert.Equal(3, server.Received.Count);
        }
    }
}
