using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace EmailAuth.Core.Tests.Infrastructure
{
    /// <summary>
    /// A bare UDP socket on 127.0.0.1 standing in for a broken DNS server: it never answers (timeouts,
    /// failover) or answers with datagrams the test makes up (malformed messages, replies with a wrong ID,
    /// several replies to one query), below what a DNS library allows.
    /// </summary>
    public sealed class RawUdpDnsServer : IDisposable
    {
        private readonly UdpClient _socket;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private int _received;

        /// <param name="replies">The datagrams to send back, in order, for a query from a client (none: stay silent).</param>
        /// <param name="port">0 for any free port.</param>
        public RawUdpDnsServer(Func<byte[], IPEndPoint, IReadOnlyList<byte[]>> replies, int port = 0)
        {
            _socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
            Port = ((IPEndPoint)_socket.Client.LocalEndPoint!).Port;
            _ = Task.Run(async () =>
            {
                try
                {
                    while (true)
                    {
                        var query = await _socket.ReceiveAsync(_stop.Token);
                        Interlocked.Increment(ref _received);
                        foreach (var datagram in replies(query.Buffer, query.RemoteEndPoint))
                            await _socket.SendAsync(datagram, query.RemoteEndPoint, _stop.Token);
                    }
                }
                catch (Exception) when (_stop.IsCancellationRequested) { }
            });
        }

        /// <param name="reply">The datagram to send back for a query, or null to stay silent.</param>
        public RawUdpDnsServer(Func<byte[], byte[]?> reply)
            : this((q, _) => reply(q) is byte[] r ? new[] { r } : Array.Empty<byte[]>()) { }

        /// <summary>
        /// Sends a datagram of the test's own after <paramref name="delay"/> (a delayed or late reply); ends quietly once
        /// the server is disposed or when the client's port has closed.
        /// </summary>
        public async Task SendAsync(byte[] datagram, IPEndPoint to, TimeSpan delay = default)
        {
            try
            {
                if (delay > TimeSpan.Zero) await Task.Delay(delay, _stop.Token);
                await _socket.SendAsync(datagram, to, _stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested) { }
            catch (SocketException) { }
        }

        /// <summary>Reads queries and never answers.</summary>
        public static RawUdpDnsServer Silent() => new RawUdpDnsServer(_ => null);

        public int Port { get; }
        public string Endpoint => $"127.0.0.1:{Port}";

        /// <summary>Datagrams received so far (one per attempt).</summary>
        public int QueriesReceived => Volatile.Read(ref _received);

        public void Dispose()
        {
            _stop.Cancel();
            _socket.Dispose();
        }
    }
}
