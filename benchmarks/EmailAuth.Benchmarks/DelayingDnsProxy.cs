using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace EmailAuth.Benchmarks
{
    /// <summary>
    /// A UDP DNS server on 127.0.0.1 that answers every query <see cref="Delay"/> late: it waits, forwards the datagram to
    /// the real server behind it (knotd) and relays the answer. Queries are handled concurrently, so the delay is latency,
    /// not a queue. One upstream socket serves every query: the proxy gives each forwarded query its own message ID and
    /// maps the answer back (a socket per query cost more CPU than the client being measured). The delay is one queue
    /// served by one thread (the delay is the same for all, so arrival order is due order), not a timer and a task per
    /// query, which cost this process about as much CPU as the client's own work. A lost answer is simply not
    /// relayed; the client's own timeout and retry apply.
    /// </summary>
    internal sealed class DelayingDnsProxy : IDisposable
    {
        private readonly UdpClient _socket;
        private readonly UdpClient _upstreamSocket;
        private readonly IPEndPoint _upstream;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        // Forwarded query ID -> who asked and with which ID (65,536 slots, reused round-robin: far more than in flight).
        private readonly Asker?[] _pending = new Asker?[65536];
        private readonly ConcurrentQueue<(long Due, byte[] Query, IPEndPoint Client)> _delayed = new ConcurrentQueue<(long, byte[], IPEndPoint)>();
        private readonly SemaphoreSlim _arrived = new SemaphoreSlim(0);
        private int _nextId;
        private int _queries;

        public DelayingDnsProxy(IPEndPoint upstream, TimeSpan delay)
        {
            _upstream = upstream;
            Delay = delay;
            _socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            _upstreamSocket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            // Bursts of ThrottleLimit × a few queries (and their answers) arrive at once: a default-sized buffer
            // (212 KB) overflowed on the loaded machine, and each datagram dropped cost a client 5 s timeout and a retry.
            _socket.Client.ReceiveBufferSize = 4 << 20;
            _upstreamSocket.Client.ReceiveBufferSize = 4 << 20;
            Port = ((IPEndPoint)_socket.Client.LocalEndPoint!).Port;
            _ = Task.Run(ReceiveLoopAsync);
            _ = Task.Run(UpstreamLoopAsync);
            new Thread(DelayLoop) { IsBackground = true, Name = "DelayingDnsProxy" }.Start();
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
                    if (query.Buffer.Length < 12) continue;
                    _delayed.Enqueue((Stopwatch.GetTimestamp() + (long)(Delay.TotalSeconds * Stopwatch.Frequency), query.Buffer, query.RemoteEndPoint));
                    _arrived.Release();
                }
            }
            catch (Exception) when (_stop.IsCancellationRequested) { }
        }

        /// <summary>Forwards each query when its delay is over, in arrival order.</summary>
        private void DelayLoop()
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    _arrived.Wait(_stop.Token); // one count per queued query
                    _delayed.TryDequeue(out var item);
                    var wait = item.Due - Stopwatch.GetTimestamp();
                    if (wait > 0) Thread.Sleep(TimeSpan.FromTicks(wait * TimeSpan.TicksPerSecond / Stopwatch.Frequency + 1));
                    var id = (ushort)Interlocked.Increment(ref _nextId);
                    Volatile.Write(ref _pending[id], new Asker(item.Client, (ushort)(item.Query[0] << 8 | item.Query[1])));
                    item.Query[0] = (byte)(id >> 8);
                    item.Query[1] = (byte)id;
                    try { _upstreamSocket.Client.SendTo(item.Query, _upstream); }
                    catch (SocketException) { }
                }
            }
            catch (Exception e) when (e is OperationCanceledException || e is ObjectDisposedException) { }
        }

        private async Task UpstreamLoopAsync()
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var answer = await _upstreamSocket.ReceiveAsync(_stop.Token);
                    var buffer = answer.Buffer;
                    if (buffer.Length < 12) continue;
                    var id = buffer[0] << 8 | buffer[1];
                    if (Interlocked.Exchange(ref _pending[id], null) is not Asker asker) continue;
                    buffer[0] = (byte)(asker.Id >> 8);
                    buffer[1] = (byte)asker.Id;
                    try { await _socket.SendAsync(buffer, asker.Client, _stop.Token); }
                    catch (SocketException) { }
                }
            }
            catch (Exception) when (_stop.IsCancellationRequested) { }
        }

        private sealed record Asker(IPEndPoint Client, ushort Id);

        public void Dispose()
        {
            _stop.Cancel();
            _socket.Dispose();
            _upstreamSocket.Dispose();
        }
    }
}
