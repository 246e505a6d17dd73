using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace EmailAuth.Core.Tests.Infrastructure
{
    /// <summary>
    /// A UDP DNS server on 127.0.0.1 for concurrency tests: each query is answered (an A record) after a delay the test
    /// chooses per query, maybe twice (the second a late duplicate, after its query has ended), or never.
    /// Replies are sent from their own tasks, so a delayed answer holds back no other.
    /// </summary>
    public sealed class DelayingUdpDnsServer : IDisposable
    {
        private readonly UdpClient _socket;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private int _received;

        /// <param name="plan">For a query: null to stay silent, else the delay before the answer and whether to send it twice.</param>
        public DelayingUdpDnsServer(Func<byte[], (TimeSpan Delay, bool Twice)?> plan)
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
                        if (plan(query.Buffer) is { } p) _ = ReplyAsync(query.Buffer, query.RemoteEndPoint, p.Delay, p.Twice);
                    }
                }
                catch (Exception) when (_stop.IsCancellationRequested) { }
            });
        }

        private async Task ReplyAsync(byte[] query, IPEndPoint client, TimeSpan delay, bool twice)
        {
            try
            {
                var reply = RawDnsReply.A(query, "192.0.2.1");
                if (delay > TimeSpan.Zero) await Task.Delay(delay, _stop.Token);
                await _socket.SendAsync(reply, client, _stop.Token);
                if (twice)
                {
                    await Task.Delay(delay + TimeSpan.FromMilliseconds(20), _stop.Token);
                    await _socket.SendAsync(reply, client, _stop.Token);
                }
            }
            catch (Exception) when (_stop.IsCancellationRequested) { }
            catch (SocketException) { } // the client's port already closed
        }

        public int Port { get; }
        public string Endpoint => $"127.0.0.1:{Port}";
        public int QueriesReceived => Volatile.Read(ref _received);

        public void Dispose()
        {
            _stop.Cancel();
            _socket.Dispose();
        }
    }
}
