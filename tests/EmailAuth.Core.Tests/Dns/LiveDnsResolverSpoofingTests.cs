using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Tests.Infrastructure;
using Xunit;

namespace EmailAuth.Core.Tests.Dns
{
    /// <summary>
    /// RFC 5452 §9.1: a UDP reply is the answer only when its ID, question, source address and port match the
    /// query. Anything else (spoofed, stray, late) is discarded and the resolver keeps waiting for the real answer.
    /// </summary>
    public class LiveDnsResolverSpoofingTests
    {
        private const string Real = "192.0.2.7";
        private const string Forged = "203.0.113.66";

        private static LiveDnsResolver Resolver(string server, TimeSpan timeout) => new LiveDnsResolver(new DnsResolverOptions
        {
            Servers = new[] { server }, Timeout = timeout, Retries = 0,
        });

        private static async Task<DnsAnswer> Ask(RawUdpDnsServer server) =>
            await Resolver(server.Endpoint, TestTimeouts.Answering).QueryAsync("www.example.test", DnsRecordType.A);

        [Fact]
        public async Task A_reply_with_a_wrong_ID_is_ignored_and_the_real_answer_taken()
        {
            using var server = new RawUdpDnsServer((q, _) => new[]
            {
                RawDnsReply.A(q, Forged, id: RawDnsReply.Id(q) ^ 0x5A5A),
                RawDnsReply.A(q, Real),
            });
            var answer = await Ask(server);
            Assert.Equal(DnsAnswerStatus.Success, answer.Status);
            Assert.Equal(Real, Assert.Single(answer.Records).Data);
            Assert.Equal(1, server.QueriesReceived); // Not asked again: the same wait took the real answer.
        }

        [Fact]
        public async Task A_reply_for_another_question_is_ignored()
        {
            using var server = new RawUdpDnsServer((q, _) =>
            {
                var other = RawDnsReply.A(q, Forged);
                other[14] = (byte)'x'; // The question "www.example.test" becomes "wxw.example.test".
                return new[] { other, RawDnsReply.A(q, Real) };
            });
            var answer = await Ask(server);
            Assert.Equal(Real, Assert.Single(answer.Records).Data);
        }

        [Fact]
        public async Task A_reply_from_another_port_is_not_the_answer()
        {
            // The forger knows the client's port, the ID and the question; it cannot send from the server's port.
            using var forger = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            using var server = new RawUdpDnsServer((q, client) =>
            {
                forger.Send(RawDnsReply.A(q, Forged), client);
                return new[] { RawDnsReply.A(q, Real) };
            });
            var answer = await Ask(server);
            Assert.Equal(Real, Assert.Single(answer.Records).Data);
        }

        [Fact]
        public async Task Only_wrong_replies_time_out_saying_what_was_discarded()
        {
            using var server = new RawUdpDnsServer((q, _) => new[] { RawDnsReply.A(q, Forged, id: RawDnsReply.Id(q) ^ 1) });
            // The wrong reply must arrive within the short timeout: a loaded machine may hold it longer, so ask again
            // (bounded) until one attempt saw it; a resolver that never counts it still fails below.
            DnsAnswer answer;
            var tries = 0;
            do answer = await Resolver(server.Endpoint, TestTimeouts.Silence).QueryAsync($"www{tries}.example.test", DnsRecordType.A);
            while (++tries < 10 && answer.Status == DnsAnswerStatus.Timeout && !answer.ErrorMessage!.Contains("discarded"));
            Assert.Equal(DnsAnswerStatus.Timeout, answer.Status);
            Assert.StartsWith($"{server.Endpoint}: no answer within {TestTimeouts.Silence.TotalMilliseconds:0} ms (1 reply(ies) discarded", answer.ErrorMessage);
            Assert.Contains(" instead of ", answer.ErrorMessage);
        }

        [Fact]
        public async Task A_flood_of_wrong_replies_is_bounded()
        {
            using var server = new RawUdpDnsServer((q, _) =>
                Enumerable.Range(1, 100).Select(i => RawDnsReply.A(q, Forged, id: RawDnsReply.Id(q) ^ i)).ToArray());
            var answer = await Ask(server);
            Assert.Equal(DnsAnswerStatus.Error, answer.Status);
            Assert.Contains("replies that do not answer the query", answer.ErrorMessage);
        }
            [Fact]
        public async Task Many_stray_replies_queued_before_the_answer_do_not_stop_the_receive_loop()
        {
            // 60 wrong replies (below the flood bound of 64) arrive at once, so most receives complete without
            // waiting: more than the receive loop handles inline before it moves to the thread pool.
            using var server = new RawUdpDnsServer((q, _) =>
                Enumerable.Range(1, 60).Select(i => RawDnsReply.A(q, Forged, id: RawDnsReply.Id(q) ^ i))
                    .Append(RawDnsReply.A(q, Real)).ToArray());
            var answer = await Ask(server);
            Assert.Equal(DnsAnswerStatus.Success, answer.Status);
            Assert.Equal(Real, Assert.Single(answer.Records).Data);
            Assert.Equal(1, server.QueriesReceived);
        }

        [Fact]
        public async Task A_socket_closed_while_receiving_after_its_idle_time_leaves_later_queries_a_new_one()
        {
            using var server = new RawUdpDnsServer((q, _) => new[] { RawDnsReply.A(q, Real) });
            var resolver = Resolver(server.Endpoint, TestTimeouts.Answering);
            Assert.Equal(DnsAnswerStatus.Success, (await resolver.QueryAsync("www.example.test", DnsRecordType.A)).Status);
            // The idle socket closes with its receive pending (aborted): that ends its loop, not the next query.
            await Task.Delay(EmailAuth.Core.Dns.Wire.UdpDnsSocket.IdleLinger * 3);
            var again = await resolver.QueryAsync("www.example.test", DnsRecordType.A);
            Assert.Equal(DnsAnswerStatus.Success, again.Status);
            Assert.Equal(Real, Assert.Single(again.Records).Data);
            Assert.Equal(2, server.QueriesReceived);
        }
    }
}
