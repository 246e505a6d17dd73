using System.Net.Sockets;
using System.Threading.Tasks;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Tests.Infrastructure;
using Xunit;

namespace EmailAuth.Core.Tests.Dns
{
    /// <summary>
    /// TCP after a truncated UDP answer (RFC 7766 §5) against servers that break the connection: the message says
    /// what happened, never "no answer within N ms" when the server hung up at once.
    /// </summary>
    public class LiveDnsResolverTcpTests
    {
        /// <summary>A UDP side answering every query truncated, and a TCP side on the same port running <paramref name="session"/>.</summary>
        private static (RawUdpDnsServer Udp, RawTcpDnsServer Tcp) Servers(System.Func<NetworkStream, Task> session)
        {
            var port = LoopbackPorts.FreeUdpAndTcpPort();
            return (new RawUdpDnsServer((q, _) => new[] { RawDnsReply.Truncated(q) }, port), new RawTcpDnsServer(port, session));
        }

        private static Task<DnsAnswer> Ask(RawUdpDnsServer udp) => new LiveDnsResolver(new DnsResolverOptions
        {
            Servers = new[] { udp.Endpoint }, Timeout = TestTimeouts.Answering, Retries = 0,
        }).QueryAsync("big.example.test", DnsRecordType.TXT);

        /// <summary>Reads the framed query (two-octet length, then the message), so that closing sends FIN, not RST.</summary>
        private static async Task ReadQuery(NetworkStream stream)
        {
            var prefix = new byte[2];
            await stream.ReadExactlyAsync(prefix);
            await stream.ReadExactlyAsync(new byte[(prefix[0] << 8) | prefix[1]]);
        }

        [Fact]
        public async Task A_server_closing_the_TCP_connection_without_answering_is_reported_as_such()
        {
            var (udp, tcp) = Servers(ReadQuery);
            using (udp)
            using (tcp)
            {
                var answer = await Ask(udp);
                Assert.Equal(DnsAnswerStatus.Error, answer.Status);
                Assert.Equal($"{udp.Endpoint}: server closed the TCP connection without answering", answer.ErrorMessage);
                Assert.Equal(1, tcp.Connections);
            }
        }

        [Fact]
        public async Task A_server_closing_at_once_is_reported_as_closed_or_reset()
        {
            // Closing before reading the query may send RST instead of FIN: either way, the server hung up.
            var (udp, tcp) = Servers(_ => Task.CompletedTask);
            using (udp)
            using (tcp)
            {
                var answer = await Ask(udp);
                Assert.Equal(DnsAnswerStatus.Error, answer.Status);
                Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(udp.Endpoint)}: server (closed|reset) the TCP connection without answering$", answer.ErrorMessage);
            }
        }

        [Fact]
        public async Task A_server_closing_in_the_middle_of_its_answer_is_reported_as_such()
        {
            var (udp, tcp) = Servers(async stream =>
            {
                await ReadQuery(stream);
                await stream.WriteAsync(new byte[] { 0, 100, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }); // 100 octets announced, 10 sent
            });
            using (udp)
            using (tcp)
            {
                var answer = await Ask(udp);
                Assert.Equal(DnsAnswerStatus.Error, answer.Status);
                Assert.Equal($"{udp.Endpoint}: server closed the TCP connection in the middle of its answer (10 of 100 octets)", answer.ErrorMessage);
            }
        }

        [Fact]
        public async Task A_refused_TCP_connection_is_reported_as_such()
        {
            // The UDP side answers truncated; nothing listens on the TCP port.
            using var udp = new RawUdpDnsServer((q, _) => new[] { RawDnsReply.Truncated(q) });
            var answer = await Ask(udp);
            Assert.Equal(DnsAnswerStatus.Error, answer.Status);
            Assert.Equal($"{udp.Endpoint}: TCP connection refused", answer.ErrorMessage);
        }
    }
}
