using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace EmailAuth.Benchmarks
{
    /// <summary>
    /// A UDP DNS server on 127.0.0.1 that answers every query <see cref="Delay"/> late: it waits, forwards the datagram to
    /// the real server behind it (knotd) and relays the answer. Queries are handled concurrently, so the delay is latency,
    /// not a queue. The proxy gives each forwarded query its own message ID and
    /// maps the answer back. Threads with blocking socket calls (receive, delay-then-forward, relay answers): the
    /// delay is the same for every query, so arrival order is due order and one queue does; async receives, and before
    /// them a timer and a task per query, cost as much CPU as the client being measured. A lost answer is simply not
    /// relayed; the client's own timeout and retry apply. Run it in its own process (<see cref="DelayingDnsProxyProcess"/>)
    /// so that the client's GC pauses do not stall the "server" too.
    /// </summary>
    internal sealed class DelayingDnsProxy : IDelayingDnsProxy
    {
        private readonly Socket _socket;
        // Several upstream sockets: knotd has a socket per UDP worker (SO_REUSEPORT picks one by the sender's address),
        // each with the default 212 KB buffer. From one socket every query landed in one of them, and a burst of a few
        // hundred queries (64 audits resuming at once) overflowed it: a drop cost a client a 5 s timeout and a retry.
        private readonly Socket[] _upstreamSockets = new Socket[8];
        private readonly IPEndPoint _upstream;
        private volatile bool _stopping;
        // Forwarded query ID -> who asked and with which ID (65,536 slots, reused round-robin: far more than in flight).
        private readonly Asker?[] _pending = new Asker?[65536];
        private readonly BlockingCollection<(long Due, byte[] Query, EndPoint Client)> _delayed = new BlockingCollection<(long, byte[], EndPoint)>();
        private int _nextId;
        private int _queries;

        public DelayingDnsProxy(IPEndPoint upstream, TimeSpan delay)
        {
            _upstream = upstream;
            Delay = delay;
            _socket = Bound();
            Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
            Start(ReceiveLoop, "receive");
            Start(DelayLoop, "delay");
            for (var i = 0; i < _upstreamSockets.Length; i++)
            {
                var upstreamSocket = _upstreamSockets[i] = Bound();
                Start(() => UpstreamLoop(upstreamSocket), "relay");
            }
        }

        public TimeSpan Delay { get; }
        public int Port { get; }
        public string Endpoint => $"127.0.0.1:{Port}";
        public int Queries => Volatile.Read(ref _queries);
        public TimeSpan? Cpu => null; // this process's

        private static Socket Bound()
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            // Bursts of ThrottleLimit × a few queries (and their answers) arrive at once: a default-sized buffer
            // (212 KB) overflowed on a loaded machine, and each datagram dropped cost a client a timeout and a retry.
            // (Capped by net.core.rmem_max.)
            socket.ReceiveBufferSize = 4 << 20;
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            return socket;
        }

        private static void Start(ThreadStart loop, string name) =>
            new Thread(loop) { IsBackground = true, Name = "DelayingDnsProxy " + name }.Start();

        private void ReceiveLoop()
        {
            var buffer = new byte[65535];
            while (!_stopping)
            {
                EndPoint from = new IPEndPoint(IPAddress.Any, 0);
                int length;
                try { length = _socket.ReceiveFrom(buffer, ref from); }
                catch (SocketException) { continue; }
                catch (ObjectDisposedException) { return; }
                Interlocked.Increment(ref _queries);
                if (length < 12) continue;
                _delayed.Add((Stopwatch.GetTimestamp() + (long)(Delay.TotalSeconds * Stopwatch.Frequency), buffer.AsSpan(0, length).ToArray(), from));
            }
        }

        /// <summary>Forwards each query when its delay is over, in arrival order.</summary>
        private void DelayLoop()
        {
            try
            {
                foreach (var item in _delayed.GetConsumingEnumerable())
                {
                    var wait = item.Due - Stopwatch.GetTimestamp();
                    if (wait > 0) Thread.Sleep(TimeSpan.FromTicks(wait * TimeSpan.TicksPerSecond / Stopwatch.Frequency + 1));
                    var id = (ushort)Interlocked.Increment(ref _nextId);
                    Volatile.Write(ref _pending[id], new Asker(item.Client, (ushort)(item.Query[0] << 8 | item.Query[1])));
                    item.Query[0] = (byte)(id >> 8);
                    item.Query[1] = (byte)id;
                    try { _upstreamSockets[id % _upstreamSockets.Length].SendTo(item.Query, _upstream); }
                    catch (SocketException) { }
                }
            }
            catch (ObjectDisposedException) { }
        }

        private void UpstreamLoop(Socket upstreamSocket)
        {
            var buffer = new byte[65535];
            while (!_stopping)
            {
                EndPoint from = new IPEndPoint(IPAddress.Any, 0);
                int length;
                try { length = upstreamSocket.ReceiveFrom(buffer, ref from); }
                catch (SocketException) { continue; }
                catch (ObjectDisposedException) { return; }
                if (length < 12) continue;
                var id = buffer[0] << 8 | buffer[1];
                if (Interlocked.Exchange(ref _pending[id], null) is not Asker asker) continue;
                buffer[0] = (byte)(asker.Id >> 8);
                buffer[1] = (byte)asker.Id;
                try { _socket.SendTo(buffer, 0, length, SocketFlags.None, asker.Client); }
                catch (SocketException) { }
            }
        }

        private sealed record Asker(EndPoint Client, ushort Id);

        public void Dispose()
        {
            _stopping = true;
            _delayed.CompleteAdding();
            _socket.Dispose();
            foreach (var upstreamSocket in _upstreamSockets) upstreamSocket?.Dispose();
        }
    }

    /// <summary>A slow DNS server in this process (<see cref="DelayingDnsProxy"/>) or its own (<see cref="DelayingDnsProxyProcess"/>).</summary>
    internal interface IDelayingDnsProxy : IDisposable
    {
        string Endpoint { get; }

        /// <summary>Datagrams received so far.</summary>
        int Queries { get; }

        /// <summary>The CPU of the proxy's own process so far; null when it runs in this one.</summary>
        TimeSpan? Cpu { get; }
    }
}
