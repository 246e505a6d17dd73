using System;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace EmailAuth.Core.Dns.Wire
{
    /// <summary>
    /// One query over UDP. The socket is connected to the server, so the system delivers only datagrams from the
    /// server's address and port (RFC 5452 §9.1). A datagram that is not the answer (another ID, another question,
    /// not a DNS response: stray, late or spoofed) is discarded and the wait goes on until the deadline: one forged
    /// packet must not end the lookup (RFC 5452 §9.1), which is what DnsClient did (it throws on an ID mismatch).
    /// </summary>
    internal static class UdpDnsExchange
    {
        /// <summary>Discarded datagrams after which the attempt gives up (a flood; bounds the loop besides the deadline).</summary>
        public const int MaxDiscarded = 64;

        private const int MaxDatagram = 65535;

        public static async Task<DnsExchange> AskAsync(DnsServerAddress server, DnsQueryMessage query, TimeSpan timeout, CancellationToken ct)
        {
            var deadline = new Deadline(timeout);
            using var socket = new Socket(server.Address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            var discarded = 0;
            string? lastDiscard = null;
            try
            {
                socket.Connect(server.EndPoint); // UDP: no packet is sent, the system just fixes the peer.
                var bytes = query.ToBytes();
                await socket.SendAsync(new ArraySegment<byte>(bytes), SocketFlags.None).ConfigureAwait(false);
                var buffer = new byte[MaxDatagram];
                while (true)
                {
                    var receive = socket.ReceiveAsync(new ArraySegment<byte>(buffer), SocketFlags.None);
                    if (!await deadline.WaitAsync(receive, ct).ConfigureAwait(false))
                        return new DnsExchange(server, DnsAnswerStatus.Timeout, NoAnswer(timeout, discarded, lastDiscard));
                    var count = await receive.ConfigureAwait(false);

                    DnsMessage reply;
                    try
                    {
                        reply = DnsMessageReader.Parse(buffer, count);
                    }
                    catch (DnsWireFormatException e) when (!IdMatches(buffer, count, query))
                    {
                        lastDiscard = "unreadable: " + e.Message;
                        if (++discarded >= MaxDiscarded) return TooManyDiscarded(server, lastDiscard);
                        continue;
                    }
                    catch (DnsWireFormatException e)
                    {
                        // The right ID from the server's address and port: its answer, and a broken one.
                        return new DnsExchange(server, DnsAnswerStatus.Error, "malformed response: " + e.Message);
                    }
                    var mismatch = query.Mismatch(reply);
                    if (mismatch == null) return new DnsExchange(server, reply);
                    lastDiscard = mismatch;
                    if (++discarded >= MaxDiscarded) return TooManyDiscarded(server, lastDiscard);
                }
            }
            catch (SocketException e)
            {
                return new DnsExchange(server, DnsAnswerStatus.Error, SocketErrors.Describe(e, "UDP"));
            }
        }

        private static bool IdMatches(byte[] buffer, int count, DnsQueryMessage query) =>
            count >= 2 && ((buffer[0] << 8) | buffer[1]) == query.Id;

        /// <summary>"no answer within N ms", saying what was discarded meanwhile.</summary>
        public static string NoAnswer(TimeSpan timeout, int discarded, string? lastDiscard) =>
            $"no answer within {timeout.TotalMilliseconds:0} ms" +
            (discarded == 0 ? string.Empty : $" ({discarded} reply(ies) discarded as not answering the query, the last: {lastDiscard})");

        private static DnsExchange TooManyDiscarded(DnsServerAddress server, string? lastDiscard) =>
            new DnsExchange(server, DnsAnswerStatus.Error,
                $"{MaxDiscarded} replies that do not answer the query (spoofed or stray?), the last: {lastDiscard}; gave up (RFC 5452 §9.1)");
    }
}
