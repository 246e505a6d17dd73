using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace EmailAuth.Core.Tests.Infrastructure
{
    /// <summary>
    /// A bare UDP socket on 127.0.0.1 standing in for a broken DNS server: it never answers (timeouts,
    /// failover) or answers with bytes the test makes up (malformed messages), below what a DNS library allows.
    /// </summary>
    public sealed class RawUdpDnsServer : IDisposable
    {
        private readonly UdpClient _socket;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private int _received;

        /// <param name="reply">The datagram to send back for a query, or null to stay silent.</param>
        public RawUdpDnsServer(Func<byte[], byte[]?> reply)
        {
            _socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            Port = ((IPEndPoint)_socket.Client.LocalEndPoint!).Port;
            _ = Task.Run(async () =>
            {
                try
                {
                    while (true)
                    {
                        var query = await _socket.ReceiveAsync(_stop.Token);
                        Interlocked.Increment(ref _received);
                        var answer = reply(query.Buffer);
                        if (answer != null) await _socket.SendAsync(answer, query.RemoteEndPoint, _stop.Token);
                    }
                }
                catch (Exception) when (_stop.IsCancellationRequested) { }
            });
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
