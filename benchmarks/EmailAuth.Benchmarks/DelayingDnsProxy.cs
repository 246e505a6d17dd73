using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace EmailAuth.Benchmarks
{
    /// <summary>
    /// A UDP DNS server on 127.0.0.1 that answers every query <see cref="Delay"/> late: it waits, forwards the datagram to
    /// the real server behind it (knotd) and relays the answer. Queries are handled concurrently, so the delay is latency,
    /// not a queue. Each upstream wait is bounded (5 s); a lost answer is simply not relayed.
    /// </summary>
    internal sealed class DelayingDnsProxy : IDisposable
    {
        private static readonly TimeSpan UpstreamTimeout = TimeSpan.FromSeconds(5);
        private readonly UdpClient _socket;
        private readonly IPEndPoint _upstream;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private int _queries;

        public DelayingDnsProxy(IPEndPoint upstream, TimeSpan delay)
        {
            _upstream = upstream;
            Delay = delay;
            _socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            Port = ((IPEndPoint)_socket.Client.LocalEndPoint!).Port;
            _ = Task.Run(ReceiveLoopAsync);
        }

        public TimeSpan Delay { get; }
        public int Port { get; }
        public string Endpoint => $"127.0.0.1:{Port}";
        public int Queries => Volatile.Read(ref _queries);

        private async Task ReceiveLoopAsync()
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var query = await _socket.ReceiveAsync(_stop.Token);
                    Interlocked.Increment(ref _queries);
                    _ = Task.Run(() => AnswerAsync(query.Buffer, query.RemoteEndPoint));
                }
            }
            catch (Exception) when (_stop.IsCancellationRequested) { }
        }

        private async Task AnswerAsync(byte[] query, IPEndPoint client)
        {
            try
            {
                await Task.Delay(Delay, _stop.Token);
                using var upstream = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                timeout.CancelAfter(UpstreamTimeout);
                await upstream.SendAsync(query, _upstream, timeout.Token);
                var answer = await upstream.ReceiveAsync(timeout.Token);
                await _socket.SendAsync(answer.Buffer, client, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException || e is SocketException || e is ObjectDisposedException)
            {
                // Stopped, or the upstream did not answer in time: the client's own timeout and retry apply.
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _socket.Dispose();
        }
    }
}
