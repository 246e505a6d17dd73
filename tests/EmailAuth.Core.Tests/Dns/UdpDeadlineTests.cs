using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Dns.Wire;
using EmailAuth.Core.Tests.Infrastructure;
using Xunit;

namespace EmailAuth.Core.Tests.Dns
{
    /// <summary>
    /// The queries waiting on one shared UDP socket time out by one timer per socket (UdpDnsSocket), armed for the
    /// earliest deadline and re-armed for the next: each query still gets its whole timeout, no more bound to the
    /// first query's deadline than to a timer of its own.
    /// </summary>
    public class UdpDeadlineTests
    {
        [Fact]
        public async Task Queries_sharing_a_socket_each_time_out_after_their_own_timeout()
        {
            var clients = new ConcurrentDictionary<string, int>(); // question's first label -> client port
            using var silent = new RawUdpDnsServer((query, client) =>
            {
                clients[System.Text.Encoding.ASCII.GetString(query, 13, query[12])] = client.Port;
                return Array.Empty<byte[]>();
            });
            var timeout = TestTimeouts.Silence;
            var resolver = new LiveDnsResolver(new DnsResolverOptions { Servers = new[] { silent.Endpoint }, Timeout = timeout, Retries = 0 });

            async Task<(DnsAnswer Answer, TimeSpan Elapsed)> Ask(int i)
            {
                var watch = Stopwatch.StartNew();
                var answer = await resolver.QueryAsync($"h{i}.example.test", DnsRecordType.A);
                return (answer, watch.Elapsed);
            }

            // h0 on the pool's first socket; UdpDnsSocketPool.Slots later, h8 goes to the same socket, with a later deadline.
            // The socket is h8's only while h0 still waits (else it may have closed after its idle time): a loaded machine
            // can hold the half-timeout delay past h0's deadline, so then the scenario starts again (bounded).
            Task<(DnsAnswer Answer, TimeSpan Elapsed)> first;
            for (var start = 0; ; start++)
            {
                first = Ask(0);
                await Task.Delay(timeout / 2);
                if (!first.IsCompleted) break;
                Assert.True(start < 20, "h0 ended before the later queries could join its socket, 20 times");
                await first;
                resolver = new LiveDnsResolver(new DnsResolverOptions { Servers = new[] { silent.Endpoint }, Timeout = timeout, Retries = 0 });
                clients.Clear();
            }
            var later = Enumerable.Range(1, UdpDnsSocketPool.Slots).Select(Ask).ToList();
            var all = await Task.WhenAll(later.Prepend(first)).WaitAsync(TestTimeouts.Answering); // a missed re-arm hangs: fail instead

            Assert.Equal(UdpDnsSocketPool.Slots + 1, TestTimeouts.WaitForCount(() => clients.Count, UdpDnsSocketPool.Slots + 1));
            Assert.Equal(clients["h0"], clients[$"h{UdpDnsSocketPool.Slots}"]);
            foreach (var (answer, elapsed) in all)
            {
                Assert.Equal(DnsAnswerStatus.Timeout, answer.Status);
                Assert.Equal($"{silent.Endpoint}: no answer within {timeout.TotalMilliseconds:0} ms", answer.ErrorMessage);
                // A lower bound only (a loaded machine makes it later, never earlier): not ended by an earlier query's deadline.
                Assert.True(elapsed >= timeout, $"{answer.QueryName} timed out after {elapsed.TotalMilliseconds:0} ms, before its {timeout.TotalMilliseconds:0} ms");
            }
        }

        [Fact]
        public async Task A_timeout_longer_than_a_timer_can_wait_still_waits_for_the_answer_and_leaves_no_socket_open()
        {
            // The library takes any positive timeout: 60 days is past what a Timer can be set to (it threw under the
            // socket's lock, leaving the query in its table and the socket open for good); TimeSpan.MaxValue wrapped the
            // deadline into the past (an instant timeout). The deadline timer waits at most a day at a time instead.
            using var server = new RawUdpDnsServer((q, _) => new[] { RawDnsReply.A(q, "192.0.2.1") });
            foreach (var timeout in new[] { TimeSpan.FromDays(60), TimeSpan.MaxValue })
            {
                var resolver = new LiveDnsResolver(new DnsResolverOptions { Servers = new[] { server.Endpoint }, Timeout = timeout, Retries = 0 });
                var answer = await resolver.QueryAsync("long.example.test", DnsRecordType.A).WaitAsync(TestTimeouts.Answering);
                Assert.True(answer.Status == DnsAnswerStatus.Success, $"{timeout}: {answer.Status} {answer.ErrorMessage}");
                Assert.Equal(0, await DnsConcurrencyStressTests.Eventually(() => resolver.PendingUdpQueries));
                Assert.Equal(0, await DnsConcurrencyStressTests.Eventually(() => resolver.OpenUdpSockets));
            }
        }
    }
}
