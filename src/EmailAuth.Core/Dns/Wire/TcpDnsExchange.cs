using System;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace EmailAuth.Core.Dns.Wire
{
    /// <summary>
    /// One query over TCP (RFC 1035 §4.2.2, RFC 7766): a two-octet length, then the message, on a connection of its
    /// own. Connecting, sending and reading share one deadline. A connection the server closes or resets before the
    /// whole answer has come is reported as such, not as a timeout.
    /// </summary>
    internal static class TcpDnsExchange
    {
        public static async Task<DnsExchange> AskAsync(DnsServerAddress server, DnsQueryMessage query, TimeSpan timeout, CancellationToken ct)
        {
            var deadline = new Deadline(timeout);
            using var socket = new Socket(server.Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                var connect = socket.ConnectAsync(server.EndPoint);
                if (!await deadline.WaitAsync(connect, ct).ConfigureAwait(false))
                    return Timeout(server, timeout, "no TCP connection");
                await connect.ConfigureAwait(false); // throws when refused

                var message = query.ToBytes();
                var framed = new byte[message.Length + 2];
                framed[0] = (byte)(message.Length >> 8);
                framed[1] = (byte)message.Length;
                Array.Copy(message, 0, framed, 2, message.Length);
                var sent = 0;
                while (sent < framed.Length)
                {
                    var send = socket.SendAsync(new ArraySegment<byte>(framed, sent, framed.Length - sent), SocketFlags.None);
                    if (!await deadline.WaitAsync(send, ct).ConfigureAwait(false)) return Timeout(server, timeout, "the query could not be sent");
                    sent += await send.ConfigureAwait(false);
                }

                var prefix = new byte[2];
                var got = await ReadAsync(socket, prefix, deadline, ct).ConfigureAwait(false);
                if (got < 0) return Timeout(server, timeout, null);
                if (got == 0) return Error(server, "server closed the TCP connection without answering");
                if (got < 2) return Error(server, "server closed the TCP connection in the middle of the answer's length");
                var length = (prefix[0] << 8) | prefix[1];
                var buffer = new byte[length];
                got = await ReadAsync(socket, buffer, deadline, ct).ConfigureAwait(false);
                if (got < 0) return Timeout(server, timeout, $"{length}-octet answer incomplete");
                if (got < length) return Error(server, $"server closed the TCP connection in the middle of its answer ({got} of {length} octets)");

                DnsMessage reply;
                try
                {
                    reply = DnsMessageReader.Parse(buffer, length);
                }
                catch (DnsWireFormatException e)
                {
                    return Error(server, "malformed response over TCP: " + e.Message);
                }
                // One query per connection: anything but its answer is a broken server (TCP is not spoofed off-path).
                var mismatch = query.Mismatch(reply);
                return mismatch == null ? new DnsExchange(server, reply) : Error(server, "the TCP reply does not answer the query: " + mismatch);
            }
            catch (SocketException e)
            {
                return Error(server, SocketErrors.Describe(e, "TCP"));
            }
        }

        /// <summary>Fills <paramref name="buffer"/>; the octets read (fewer when the server closed), or -1 at the deadline.</summary>
        private static async Task<int> ReadAsync(Socket socket, byte[] buffer, Deadline deadline, CancellationToken ct)
        {
            var total = 0;
            while (total < buffer.Length)
            {
                var receive = socket.ReceiveAsync(new ArraySegment<byte>(buffer, total, buffer.Length - total), SocketFlags.None);
                if (!await deadline.WaitAsync(receive, ct).ConfigureAwait(false)) return -1;
                var n = await receive.ConfigureAwait(false);
                if (n == 0) break; // orderly close by the server
                total += n;
            }
            return total;
        }

        private static DnsExchange Timeout(DnsServerAddress server, TimeSpan timeout, string? detail) =>
            new DnsExchange(server, DnsAnswerStatus.Timeout,
                $"no answer within {timeout.TotalMilliseconds:0} ms over TCP" + (detail == null ? string.Empty : $" ({detail})"));

        private static DnsExchange Error(DnsServerAddress server, string message) => new DnsExchange(server, DnsAnswerStatus.Error, message);
    }
}
