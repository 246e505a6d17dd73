using System;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace EmailAuth.Core.Dns.Wire
{
    /// <summary>
    /// The UDP sockets a resolver keeps to one server: up to <see cref="Slots"/> at once, each shared by the queries in
    /// flight, replaced after <see cref="QueriesPerSocket"/> queries and closed when idle (see <see cref="UdpDnsSocket"/>). RFC 5452 §9.2:
    /// several source ports at once for several outstanding queries, each an unpredictable port chosen by the system,
    /// used for a bounded number of queries, with random IDs. A cmdlet's successive queries share the sockets the same
    /// way (at most <see cref="QueriesPerSocket"/>, none more than <see cref="UdpDnsSocket.IdleLinger"/> apart).
    /// Safe to share between threads.
    /// </summary>
    internal sealed class UdpDnsSocketPool
    {
        /// <summary>Sockets (source ports) in use at once, at most.</summary>
        public const int Slots = 8;

        /// <summary>Queries one socket (one source port) serves before it is replaced.</summary>
        public const int QueriesPerSocket = 32;

        private readonly DnsServerAddress _server;
        private readonly UdpDnsSocket?[] _slots = new UdpDnsSocket?[Slots];
        private int _next;

        private int _open; // sockets made and not yet closed, in the slots or replaced

        public UdpDnsSocketPool(DnsServerAddress server) => _server = server;

        /// <summary>Sockets still open, replaced ones included (tests: all close once idle).</summary>
        internal int OpenSockets => Volatile.Read(ref _open);

        /// <summary>Queries waiting on the sockets in the slots (tests).</summary>
        internal int PendingInSlots
        {
            get
            {
                var n = 0;
                lock (_slots) foreach (var socket in _slots) n += socket?.PendingCount ?? 0;
                return n;
            }
        }

        internal void SocketClosed() => Interlocked.Decrement(ref _open);

        /// <summary>One UDP attempt: the query on one of the shared sockets, its answer or why there is none.</summary>
        public Task<DnsExchange> AskAsync(DnsQueryMessage query, TimeSpan timeout, CancellationToken ct)
        {
            var slot = (int)((uint)Interlocked.Increment(ref _next) % Slots);
            UdpDnsSocket socket;
            lock (_slots)
            {
                var current = _slots[slot];
                if (current == null || !current.TryReserve())
                {
                    try
                    {
                        current = new UdpDnsSocket(_server, this);
                        Interlocked.Increment(ref _open);
                    }
                    catch (SocketException e)
                    {
                        _slots[slot] = null;
                        return Task.FromResult(new DnsExchange(_server, DnsAnswerStatus.Error, SocketErrors.Describe(e, "UDP")));
                    }
                    current.TryReserve();
                    _slots[slot] = current;
                }
                socket = current;
            }
            return socket.AskAsync(query, timeout, ct);
        }
    }
}
