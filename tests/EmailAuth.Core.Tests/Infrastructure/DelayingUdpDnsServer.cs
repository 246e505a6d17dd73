using System;
using System.Net;
using System.Threading.Tasks;

namespace EmailAuth.Core.Tests.Infrastructure
{
    /// <summary>
    /// A UDP DNS server on 127.0.0.1 for concurrency tests: each query is answered (an A record) after a delay the test
    /// chooses per query, maybe twice (the second a late duplicate, after its query has ended), or never.
    /// Replies are sent from their own tasks (<see cref="RawUdpDnsServer.SendAsync"/>), so a delayed answer holds back no other.
    /// </summary>
    public sealed class DelayingUdpDnsServer : IDisposable
    {
        private readonly RawUdpDnsServer _server;

        /// <param name="plan">For a query: null to stay silent, else the delay before the answer and whether to send it twice.</param>
        public DelayingUdpDnsServer(Func<byte[], (TimeSpan Delay, bool Twice)?> plan)
        {
            RawUdpDnsServer? server = null; // assigned before the test can know the port, so before any query
            _server = server = new RawUdpDnsServer((query, client) =>
            {
                if (plan(query) is { } p) _ = ReplyAsync(server!, query, client, p.Delay, p.Twice);
                return Array.Empty<byte[]>();
            });
        }

        private static async Task ReplyAsync(RawUdpDnsServer server, byte[] query, IPEndPoint client, TimeSpan delay, bool twice)
        {
            var reply = RawDnsReply.A(query, "192.0.2.1");
            await server.SendAsync(reply, client, delay);
            if (twice) await server.SendAsync(reply, client, delay + TimeSpan.FromMilliseconds(20));
        }

        public int Port => _server.Port;
        public string Endpoint => _server.Endpoint;
        public int QueriesReceived => _server.QueriesReceived;

        public void Dispose() => _server.Dispose();
    }
}
