using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Dns.Wire;
using EmailAuth.Core.Tests.Infrastructure;
using Xunit;

namespace EmailAuth.Core.Tests.Dns
{
    /// <summary>
    /// Queries in flight to one server share a few UDP sockets (UdpDnsSocketPool) instead of a socket each: every
    /// datagram must still reach the query with its ID and question (RFC 5452 §9.1), several source ports are in use
    /// at once and none serves more than its share of queries (RFC 5452 §9.2).
    /// </summary>
    public class LiveDnsResolverSharedSocketTests
    {
        /// <summary>
        /// A server on 127.0.0.1 that holds every query until <paramref name="expected"/> have come (so they are all in
        /// flight at once), then answers them in reverse order through <paramref name="answer"/>.
        /// </summary>
        private sealed class HoldingServer : IDisposable
        {
            private readonly UdpClient _socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            private readonly CancellationTokenSource _stop = new CancellationTokenSource(TestTimeouts.Answering);

            public HoldingServer(int expected, Func<byte[], IReadOnlyList<(byte[] Query, IPEndPoint Client)>, IEnumerable<byte[]>> answer)
            {
                Endpoint = $"127.0.0.1:{((IPEndPoint)_socket.Client.LocalEndPoint!).Port}";
                Done = Task.Run(async () =>
                {
                    try
                    {
                        while (Received.Count < expected)
                        {
                            var r = await _socket.ReceiveAsync(_stop.Token);
                            Received.Add((r.Buffer, r.RemoteEndPoint));
                        }
                    }
                    catch (OperationCanceledException) { } // answer what came
                    foreach (var (query, client) in Enumerable.Reverse(Received))
                        foreach (var datagram in answer(query, Received))
                            await _socket.SendAsync(datagram, client);
                });
            }

            public string Endpoint { get; }
            public List<(byte[] Query, IPEndPoint Client)> Received { get; } = new List<(byte[], IPEndPoint)>();
            public Task Done { get; }

            public void Dispose()
            {
                _stop.Cancel();
                _socket.Dispose();
            }
        }

        private static LiveDnsResolver Resolver(string server) => new LiveDnsResolver(new DnsResolverOptions
        {
            Servers = new[] { server }, Timeout = TestTimeouts.Answering, Retries = 0,
        });

        /// <summary>h17.example.test → 10.0.0.17: each name has an address of its own.</summary>
        private static string AddressOf(byte[] query) => "10.0.0." + Encoding.ASCII.GetString(RawDnsReply.QuestionLabels(query)[0]).Substring(1);

        private static Task<DnsAnswer[]> AskAll(LiveDnsResolver resolver, int count) =>
            Task.WhenAll(Enumerable.Range(0, count).Select(i => resolver.QueryAsync($"h{i}.example.test", DnsRecordType.A)));

        [Fact]
        public async Task Concurrent_queries_share_a_few_source_ports_and_each_gets_its_own_answer()
        {
            const int count = 48;
            using var server = new HoldingServer(count, (q, _) => new[] { RawDnsReply.A(q, AddressOf(q)) });
            var answers = await AskAll(Resolver(server.Endpoint), count);
            await server.Done;

            for (var i = 0; i < count; i++)
            {
                Assert.Equal(DnsAnswerStatus.Success, answers[i].Status);
                Assert.Equal("10.0.0." + i, Assert.Single(answers[i].Records).Data);
            }
            // A socket per query would be 48 ports; RFC 5452 §9.2 still wants several ports for several queries.
            var ports = server.Received.Select(r => r.Client.Port).Distinct().Count();
            Assert.InRange(ports, 2, UdpDnsSocketPool.Slots);
        }

        [Fact]
        public async Task No_source_port_serves_more_than_its_share_of_queries()
        {
            // 16 at a time, answered at once: whatever the timing, 600 queries at 32 a port need at least 19 ports.
            const int count = 600;
            var ports = new System.Collections.Concurrent.ConcurrentBag<int>();
            using var server = new RawUdpDnsServer((q, client) =>
            {
                ports.Add(client.Port);
                return new[] { RawDnsReply.A(q, "192.0.2.7") };
            });
            var resolver = Resolver(server.Endpoint);
            var next = -1;
            var answers = new DnsAnswer[count];
            await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
            {
                for (int i; (i = Interlocked.Increment(ref next)) < count;)
                    answers[i] = await resolver.QueryAsync($"h{i}.example.test", DnsRecordType.A);
            })));

            Assert.All(answers, a => Assert.Equal(DnsAnswerStatus.Success, a.Status));
            var perPort = ports.GroupBy(p => p).Select(g => g.Count()).ToList();
            Assert.Equal(count, perPort.Sum());
            Assert.InRange(perPort.Max(), 1, UdpDnsSocketPool.QueriesPerSocket);
        }

        [Fact]
        public async Task A_reply_carrying_another_waiting_querys_ID_is_not_taken_as_its_answer()
        {
            // Each query is first sent a forged answer with the ID of another query waiting on the same socket (its
            // question is this query's, not the other's): it must be discarded, and every query gets its own answer.
            const int count = 16;
            using var server = new HoldingServer(count, (q, all) =>
            {
                var sameSocket = all.Where(r => r.Client.Equals(all.Single(x => x.Query == q).Client) && r.Query != q).ToList();
                var forged = sameSocket.Select(other => RawDnsReply.A(q, "203.0.113.66", id: RawDnsReply.Id(other.Query)));
                return forged.Concat(new[] { RawDnsReply.A(q, AddressOf(q)) });
            });
            var answers = await AskAll(Resolver(server.Endpoint), count);
            await server.Done;

            for (var i = 0; i < count; i++) Assert.Equal("10.0.0." + i, Assert.Single(answers[i].Records).Data);
        }

        [Fact]
        public async Task Cancelling_one_query_leaves_the_others_on_its_socket_to_their_answers()
        {
            const int count = 3 * UdpDnsSocketPool.Slots; // three queries per socket
            // h0 is never answered: only its cancellation ends it.
            using var server = new HoldingServer(count, (q, _) => AddressOf(q) == "10.0.0.0" ? Array.Empty<byte[]>() : new[] { RawDnsReply.A(q, AddressOf(q)) });
            var resolver = Resolver(server.Endpoint);
            using var cancel = new CancellationTokenSource();
            var tasks = Enumerable.Range(0, count).Select(i =>
                resolver.QueryAsync($"h{i}.example.test", DnsRecordType.A, i == 0 ? cancel.Token : CancellationToken.None)).ToList();
            await server.Done; // every query sent, the others answered
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tasks[0]);

            for (var i = 1; i < count; i++) Assert.Equal("10.0.0." + i, Assert.Single((await tasks[i]).Records).Data);
        }
    }
}
