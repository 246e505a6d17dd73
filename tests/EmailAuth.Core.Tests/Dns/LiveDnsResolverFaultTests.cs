using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Tests.Infrastructure;
using Xunit;

namespace EmailAuth.Core.Tests.Dns
{
    /// <summary>LiveDnsResolver against misbehaving servers on 127.0.0.1: ARSoft's in-process server and raw UDP sockets.</summary>
    public class LiveDnsResolverFaultTests
    {
        private static LiveDnsResolver Resolver(int retries, bool tcpFallback, TimeSpan timeout, params string[] servers) => new LiveDnsResolver(new DnsResolverOptions
        {
            Servers = servers,
            Timeout = timeout,
            Retries = retries,
            UseTcpFallback = tcpFallback,
        });

        /// <summary>For servers that answer: a generous timeout, since the assertions are about the answer, not its speed.</summary>
        private static LiveDnsResolver Resolver(params string[] servers) => Resolver(0, true, TestTimeouts.Answering, servers);

        private static string NoAnswerWithin(TimeSpan timeout) => $"no answer within {timeout.TotalMilliseconds:0} ms";

        private static DnsMessage Answer(DnsMessage query, Action<DnsMessage> fill)
        {
            var response = query.CreateResponseInstance();
            response.ReturnCode = ReturnCode.NoError;
            fill(response);
            return response;
        }

        private static ScriptedDnsServer WorkingServer() => new ScriptedDnsServer((q, _) => Answer(q, r =>
            r.AnswerRecords.Add(new ARecord(q.Questions[0].Name, 60, IPAddress.Parse("192.0.2.7")))));

        [Theory]
        [InlineData(ReturnCode.ServerFailure, DnsAnswerStatus.ServerFailure, "server failure (SERVFAIL)")]
        [InlineData(ReturnCode.Refused, DnsAnswerStatus.Refused, "query refused (REFUSED)")]
        [InlineData(ReturnCode.NotImplemented, DnsAnswerStatus.Error, "(RCODE 4)")]
        [InlineData(ReturnCode.FormatError, DnsAnswerStatus.Error, "(RCODE 1)")]
        public async Task Failure_rcodes_are_errors_naming_the_server(ReturnCode rcode, DnsAnswerStatus status, string message)
        {
            using var server = ScriptedDnsServer.Failing(rcode);
            var answer = await Resolver(server.Endpoint).QueryAsync("example.test", DnsRecordType.TXT);
            Assert.Equal(status, answer.Status);
            Assert.True(answer.IsError);
            Assert.False(answer.IsVoid);
            Assert.Equal(server.Endpoint, answer.Server);
            Assert.StartsWith(server.Endpoint + ": ", answer.ErrorMessage);
            Assert.EndsWith(message, answer.ErrorMessage);
        }

        [Fact]
        public async Task A_server_that_answers_slowly_still_answers_within_the_test_timeout()
        {
            // A busy machine can hold a reply for seconds: tests of what a server answers must not turn into timeouts.
            using var slow = new ScriptedDnsServer((q, _) =>
            {
                Thread.Sleep(2500);
                return Answer(q, r => r.AnswerRecords.Add(new ARecord(q.Questions[0].Name, 60, IPAddress.Parse("192.0.2.7"))));
            });
            var answer = await Resolver(slow.Endpoint).QueryAsync("example.test", DnsRecordType.A);
            Assert.Equal(DnsAnswerStatus.Success, answer.Status);
        }

        [Fact]
        public async Task A_server_that_never_answers_times_out_after_the_retries()
        {
            using var silent = RawUdpDnsServer.Silent();
            var answer = await Resolver(1, true, TestTimeouts.Silence, silent.Endpoint).QueryAsync("example.test", DnsRecordType.A);
            Assert.Equal(DnsAnswerStatus.Timeout, answer.Status);
            Assert.Equal(silent.Endpoint, answer.Server);
            Assert.Equal($"{silent.Endpoint}: {NoAnswerWithin(TestTimeouts.Silence)}", answer.ErrorMessage);
            Assert.Equal(2, TestTimeouts.WaitForCount(() => silent.QueriesReceived, 2)); // The first attempt and one retry.
        }

        [Fact]
        public async Task A_malformed_answer_is_an_error_naming_the_server()
        {
            // The query's ID, QR set, one answer announced, then three bytes where a record should be.
            using var garbage = new RawUdpDnsServer(q => new byte[] { q[0], q[1], 0x81, 0x80, 0, 0, 0, 1, 0, 0, 0, 0, 0xc0, 0x0c, 0x00 });
            var answer = await Resolver(garbage.Endpoint).QueryAsync("example.test", DnsRecordType.A);
            Assert.Equal(DnsAnswerStatus.Error, answer.Status);
            Assert.Equal(garbage.Endpoint, answer.Server);
            Assert.StartsWith(garbage.Endpoint + ": ", answer.ErrorMessage);
        }

        [Fact]
        public async Task Truncated_UDP_answer_is_asked_again_over_TCP()
        {
            using var server = new ScriptedDnsServer((q, transport) => Answer(q, r =>
            {
                if (transport == TransportProtocol.Udp) { r.IsTruncated = true; return; }
                for (var i = 1; i <= 100; i++) r.AnswerRecords.Add(new ARecord(q.Questions[0].Name, 60, IPAddress.Parse($"192.0.2.{i}")));
            }));
            var answer = await Resolver(server.Endpoint).QueryAsync("many.example.test", DnsRecordType.A);
            Assert.Equal(DnsAnswerStatus.Success, answer.Status);
            Assert.Equal(100, answer.Records.Count);
            Assert.Equal((1, 1), (server.UdpQueries, server.TcpQueries));

            var noFallback = await Resolver(0, false, TestTimeouts.Answering, server.Endpoint).QueryAsync("many.example.test", DnsRecordType.A);
            Assert.Equal(DnsAnswerStatus.Error, noFallback.Status);
            Assert.Contains("truncated", noFallback.ErrorMessage);
            Assert.Equal((2, 1), (server.UdpQueries, server.TcpQueries));
        }

        [Fact]
        public async Task Fails_over_from_a_dead_server_to_the_next()
        {
            // Nothing listens on the first port: the ICMP port unreachable fails it at once (no timeout to wait for).
            var dead = $"127.0.0.1:{LoopbackPorts.ClosedUdpPort()}";
            using var live = WorkingServer();
            var answer = await Resolver(dead, live.Endpoint).QueryAsync("example.test", DnsRecordType.A);
            Assert.Equal(DnsAnswerStatus.Success, answer.Status);
            Assert.Equal("192.0.2.7", Assert.Single(answer.Records).Data);
            Assert.Equal(live.Endpoint, answer.Server);
        }

        [Fact]
        public async Task A_port_nothing_listens_on_is_an_error_saying_so()
        {
            var dead = $"127.0.0.1:{LoopbackPorts.ClosedUdpPort()}";
            var answer = await Resolver(dead).QueryAsync("example.test", DnsRecordType.A);
            Assert.Equal(DnsAnswerStatus.Error, answer.Status);
            Assert.Equal($"{dead}: port unreachable: no DNS server listens there (ICMP)", answer.ErrorMessage);
        }

        [Fact]
        public async Task Fails_over_from_a_SERVFAIL_server_to_the_next()
        {
            using var failing = ScriptedDnsServer.Failing(ReturnCode.ServerFailure);
            using var live = WorkingServer();
            var answer = await Resolver(failing.Endpoint, live.Endpoint).QueryAsync("example.test", DnsRecordType.A);
            Assert.Equal(DnsAnswerStatus.Success, answer.Status);
            Assert.Equal(live.Endpoint, answer.Server);
        }

        [Fact]
        public async Task When_every_server_fails_the_message_names_each()
        {
            var dead = $"127.0.0.1:{LoopbackPorts.ClosedUdpPort()}";
            using var failing = ScriptedDnsServer.Failing(ReturnCode.ServerFailure);
            var answer = await Resolver(dead, failing.Endpoint).QueryAsync("example.test", DnsRecordType.A);
            Assert.Equal(DnsAnswerStatus.ServerFailure, answer.Status);
            Assert.Equal(failing.Endpoint, answer.Server);
            Assert.Equal($"{dead}: port unreachable: no DNS server listens there (ICMP); {failing.Endpoint}: server failure (SERVFAIL)", answer.ErrorMessage);
        }

        [Fact]
        public async Task Fails_over_from_a_silent_server_after_its_timeout()
        {
            using var silent = RawUdpDnsServer.Silent();
            using var failing = ScriptedDnsServer.Failing(ReturnCode.ServerFailure);
            // Silence is the point, so the timeout is short; what the second server answers in that time is not:
            // that it was asked after the first timed out is.
            var answer = await Resolver(0, true, TestTimeouts.Silence, silent.Endpoint, failing.Endpoint).QueryAsync("example.test", DnsRecordType.A);
            Assert.StartsWith($"{silent.Endpoint}: {NoAnswerWithin(TestTimeouts.Silence)}; {failing.Endpoint}: ", answer.ErrorMessage);
            Assert.Equal(1, TestTimeouts.WaitForCount(() => failing.UdpQueries, 1));
        }

        [Fact]
        public async Task A_recursive_resolvers_whole_chain_is_read_from_one_answer()
        {
            using var recursive = new ScriptedDnsServer((q, _) => Answer(q, r =>
            {
                r.AnswerRecords.Add(new CNameRecord(q.Questions[0].Name, 300, DomainName.Parse("Mid.Other.test")));
                r.AnswerRecords.Add(new CNameRecord(DomainName.Parse("mid.other.test"), 60, DomainName.Parse("end.third.test")));
                r.AnswerRecords.Add(new TxtRecord(DomainName.Parse("end.third.test"), 120, new[] { "v=spf1 ", "-all" }));
            }));
            var answer = await Resolver(recursive.Endpoint).QueryAsync("start.example.test", DnsRecordType.TXT);
            Assert.Equal(DnsAnswerStatus.Success, answer.Status);
            Assert.Equal(new[] { "Mid.Other.test", "end.third.test" }, answer.CnameChain);
            Assert.Equal("v=spf1 -all", Assert.Single(answer.Records).Data);
            Assert.Equal(1, recursive.UdpQueries);
            Assert.Equal(TimeSpan.FromSeconds(60), DnsAnswerTtl.Of(answer)); // The shortest TTL along the chain.
        }

        [Fact]
        public async Task A_recursive_resolvers_negative_answer_at_the_end_of_a_chain_is_not_asked_again()
        {
            using var recursive = new ScriptedDnsServer((q, _) => Answer(q, r =>
            {
                r.AnswerRecords.Add(new CNameRecord(q.Questions[0].Name, 300, DomainName.Parse("end.other.test")));
                r.AuthorityRecords.Add(new SoaRecord(DomainName.Parse("other.test"), 900, DomainName.Parse("ns.other.test"),
                    DomainName.Parse("hostmaster.other.test"), 1, 3600, 600, 86400, 30));
            }));
            var answer = await Resolver(recursive.Endpoint).QueryAsync("start.example.test", DnsRecordType.TXT);
            Assert.Equal(DnsAnswerStatus.NoData, answer.Status);
            Assert.Equal(new[] { "end.other.test" }, answer.CnameChain);
            Assert.Equal(1, recursive.UdpQueries);
            Assert.Equal(TimeSpan.FromSeconds(30), DnsAnswerTtl.Of(answer)); // RFC 2308 §5: the SOA MINIMUM.
        }

        [Fact]
        public async Task A_referral_is_an_error_not_a_void_answer()
        {
            using var delegating = new ScriptedDnsServer((q, _) => Answer(q, r =>
            {
                r.IsAuthoritiveAnswer = false;
                r.AuthorityRecords.Add(new NsRecord(DomainName.Parse("child.example.test"), 3600, DomainName.Parse("ns.child.example.test")));
            }));
            var answer = await Resolver(delegating.Endpoint).QueryAsync("www.child.example.test", DnsRecordType.A);
            Assert.Equal(DnsAnswerStatus.Error, answer.Status);
            Assert.Equal($"{delegating.Endpoint}: referral to child.example.test instead of an answer (not a recursive resolver?)", answer.ErrorMessage);
        }

        [Fact]
        public async Task Cancellation_stops_a_query_promptly()
        {
            using var silent = RawUdpDnsServer.Silent();
            var timeout = TimeSpan.FromMinutes(2);
            var resolver = new LiveDnsResolver(new DnsResolverOptions { Servers = new[] { silent.Endpoint }, Timeout = timeout, Retries = 0 });
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            var watch = Stopwatch.StartNew();
            var e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => resolver.QueryAsync("example.test", DnsRecordType.A, cts.Token));
            Assert.Equal(cts.Token, e.CancellationToken);
            // Not a speed claim: the cancellation, not the resolver's own 2-minute timeout, ended the query.
            Assert.True(watch.Elapsed < timeout / 2, $"took {watch.Elapsed}");

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => resolver.QueryAsync("example.test", DnsRecordType.A, new CancellationToken(true)));
        }

        [Fact]
        public async Task No_system_servers_is_an_error_answer()
        {
            var resolver = new LiveDnsResolver(new DnsResolverOptions(), () => Array.Empty<DnsServerAddress>());
            var answer = await resolver.QueryAsync("example.test", DnsRecordType.A);
            Assert.Equal(DnsAnswerStatus.Error, answer.Status);
            Assert.Contains("none found on this system", answer.ErrorMessage);

            var broken = new LiveDnsResolver(new DnsResolverOptions(), () => throw new InvalidOperationException("no resolv.conf"));
            Assert.Contains("no resolv.conf", (await broken.QueryAsync("example.test", DnsRecordType.A)).ErrorMessage);
        }

        [Fact]
        public async Task System_servers_are_used_when_none_are_configured()
        {
            using var live = WorkingServer();
            var resolver = new LiveDnsResolver(new DnsResolverOptions(), () => new[] { DnsServerAddress.Parse(live.Endpoint) });
            Assert.Equal(new[] { live.Endpoint }, resolver.Servers);
            Assert.Equal(DnsAnswerStatus.Success, (await resolver.QueryAsync("example.test", DnsRecordType.A)).Status);
        }

        [Fact]
        public async Task Bad_arguments_throw_and_bad_names_are_error_answers_without_a_query()
        {
            Assert.Throws<FormatException>(() => new LiveDnsResolver(new DnsResolverOptions { Servers = new[] { "dns.google" } }));
            Assert.Throws<ArgumentOutOfRangeException>(() => new LiveDnsResolver(new DnsResolverOptions { Timeout = TimeSpan.Zero }));
            using var server = WorkingServer();
            var resolver = Resolver(server.Endpoint);
            await Assert.ThrowsAsync<ArgumentNullException>(() => resolver.QueryAsync(null!, DnsRecordType.A));
            foreach (var bad in new[] { "", "a..b", new string('x', 64) + ".test", string.Join(".", Enumerable.Repeat("abcdefghi", 26)) })
            {
                var answer = await resolver.QueryAsync(bad, DnsRecordType.A);
                Assert.Equal(DnsAnswerStatus.Error, answer.Status);
                Assert.NotNull(answer.ErrorMessage);
            }
            Assert.Equal(0, server.UdpQueries);
        }
    }
}
