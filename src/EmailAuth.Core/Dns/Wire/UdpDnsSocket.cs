using System;
using System.Buffers;
using System.Collections.Generic;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace EmailAuth.Core.Dns.Wire
{
    /// <summary>
    /// One UDP socket connected to one server and shared by the queries in flight to it, so a batch does not pay a
    /// socket (create, bind, connect, register, close) per query. Connected, the system delivers only datagrams from
    /// the server's address and port (RFC 5452 §9.1); each datagram goes to the waiting query with its ID, and is its
    /// answer only when the question matches too (<see cref="DnsQueryMessage.Mismatch"/>). Anything else (stray,
    /// late, spoofed, unreadable) is discarded and the wait goes on: one forged packet must not end a lookup
    /// (RFC 5452 §9.1). A datagram naming no waiting query counts as discarded for every query waiting here.
    /// IDs are random (RFC 5452 §9.2) and unique among the queries waiting on this socket. The socket serves at most
    /// <see cref="UdpDnsSocketPool.QueriesPerSocket"/> queries (its port, chosen at random by the system, is not
    /// kept long); it is closed once it has served them and none waits, or when it has stayed idle for
    /// <see cref="IdleLinger"/> (a batch's next question usually comes sooner; an abandoned resolver's sockets close).
    /// </summary>
    internal sealed class UdpDnsSocket
    {
        /// <summary>Fresh IDs tried when the random one is taken by a waiting query (at most 64 wait: a clash is rare).</summary>
        private const int MaxIdDraws = 16;

        private const int MaxDatagram = 65535;

        /// <summary>How long a socket no query waits on stays open for the next one.</summary>
        public static readonly TimeSpan IdleLinger = TimeSpan.FromMilliseconds(200);

        private readonly DnsServerAddress _server;
        private readonly Socket _socket;
        private readonly object _lock = new object();
        private readonly Dictionary<int, UdpPendingQuery> _pending = new Dictionary<int, UdpPendingQuery>();
        private byte[]? _buffer; // rented while the receive loop runs; only the loop uses it
        private Timer? _idle;    // closes the socket after IdleLinger without a query
        private int _reserved; // queries handed to this socket, ever
        private int _active;   // reserved and not finished
        private bool _closed;
        private bool _receiving;
        private string? _failure; // a socket error: every later query gets it at once

        /// <summary>Opens and connects the socket (UDP: no packet is sent, the system only fixes the peer). Throws SocketException.</summary>
        public UdpDnsSocket(DnsServerAddress server)
        {
            _server = server;
            _socket = new Socket(server.Address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                _socket.Connect(server.EndPoint);
            }
            catch
            {
                _socket.Dispose();
                throw;
            }
        }

        /// <summary>Takes a place for one query; false when the socket has served its share, failed or closed.</summary>
        public bool TryReserve()
        {
            lock (_lock)
            {
                if (_closed || _failure != null || _reserved >= UdpDnsSocketPool.QueriesPerSocket) return false;
                _reserved++;
                _active++;
                return true;
            }
        }

        /// <summary>One attempt on a reserved place: sends <paramref name="query"/> and waits for its answer until the deadline.</summary>
        public async Task<DnsExchange> AskAsync(DnsQueryMessage query, TimeSpan timeout, CancellationToken ct)
        {
            UdpPendingQuery? pending = null;
            try
            {
                using var deadline = new CancellationTokenSource(timeout);
                lock (_lock)
                {
                    if (_failure != null) return new DnsExchange(_server, DnsAnswerStatus.Error, _failure);
                    for (var draw = 0; _pending.ContainsKey(query.Id); draw++)
                    {
                        if (draw == MaxIdDraws) return new DnsExchange(_server, DnsAnswerStatus.Error, "no free query ID on the UDP socket");
                        query = query.Again();
                    }
                    pending = new UdpPendingQuery(query);
                    _pending.Add(query.Id, pending);
                    if (!_receiving)
                    {
                        _receiving = true;
                        _buffer = ArrayPool<byte>.Shared.Rent(MaxDatagram);
                        _ = ReceiveLoopAsync();
                    }
                }
                var bytes = query.ToBytes();
                try
                {
                    await _socket.SendAsync(new ArraySegment<byte>(bytes), SocketFlags.None).ConfigureAwait(false);
                }
                catch (SocketException e)
                {
                    return new DnsExchange(_server, DnsAnswerStatus.Error, SocketErrors.Describe(e, "UDP"));
                }
                using (deadline.Token.Register(p => TimedOut((UdpPendingQuery)p!, timeout), pending))
                using (ct.Register(p => ((UdpPendingQuery)p!).Complete(null), pending))
                {
                    var outcome = await pending.Outcome.ConfigureAwait(false);
                    if (outcome != null) return outcome;
                }
                ct.ThrowIfCancellationRequested();
                throw new InvalidOperationException("a UDP query ended without an outcome"); // unreachable: null means cancelled
            }
            finally
            {
                Release(pending);
            }
        }

        private void TimedOut(UdpPendingQuery pending, TimeSpan timeout)
        {
            string message;
            lock (_lock) message = UdpDnsExchange.NoAnswer(timeout, pending.Discarded, pending.LastDiscard);
            pending.Complete(new DnsExchange(_server, DnsAnswerStatus.Timeout, message));
        }

        /// <summary>
        /// The query has ended: it leaves the table. The last one out closes a socket that has served its share (or
        /// failed); else the socket waits <see cref="IdleLinger"/> for another query before it closes.
        /// </summary>
        private void Release(UdpPendingQuery? pending)
        {
            lock (_lock)
            {
                if (pending != null && _pending.TryGetValue(pending.Query.Id, out var current) && current == pending)
                    _pending.Remove(pending.Query.Id);
                if (--_active > 0 || _closed) return;
                if (_reserved < UdpDnsSocketPool.QueriesPerSocket && _failure == null)
                {
                    _idle ??= new Timer(s => ((UdpDnsSocket)s!).CloseIfIdle(), this, Timeout.Infinite, Timeout.Infinite);
                    _idle.Change(IdleLinger, Timeout.InfiniteTimeSpan);
                    return;
                }
                _closed = true;
            }
            Close();
        }

        private void CloseIfIdle()
        {
            lock (_lock)
            {
                if (_active > 0 || _closed) return;
                _closed = true;
            }
            Close();
        }

        private void Close()
        {
            _idle?.Dispose();
            _socket.Dispose(); // ends the pending receive, and with it the loop (which returns the buffer)
        }

        private async Task ReceiveLoopAsync()
        {
            try
            {
                await ReceiveAllAsync().ConfigureAwait(false);
            }
            finally
            {
                // The loop has ended, so no receive writes into the buffer any more.
                ArrayPool<byte>.Shared.Return(_buffer!);
                _buffer = null;
            }
        }

        private async Task ReceiveAllAsync()
        {
            var buffer = _buffer!;
            while (true)
            {
                int count;
                try
                {
                    count = await _socket.ReceiveAsync(new ArraySegment<byte>(buffer, 0, MaxDatagram), SocketFlags.None).ConfigureAwait(false);
                }
                catch (Exception e) when (e is SocketException || e is ObjectDisposedException)
                {
                    lock (_lock)
                    {
                        if (_closed) return;
                        // ICMP port unreachable and the like: the server's port, so every query here has the same answer.
                        _failure = e is SocketException se ? SocketErrors.Describe(se, "UDP") : "UDP: " + e.Message;
                    }
                    FailAll(_failure);
                    return;
                }
                try
                {
                    Dispatch(buffer, count);
                }
                catch (Exception e) // a defect must not leave the waiting queries to their timeouts silently
                {
                    lock (_lock) _failure = "UDP: " + e.Message;
                    FailAll(_failure);
                    return;
                }
            }
        }

        /// <summary>Hands one datagram to the query it answers, or counts it as discarded.</summary>
        private void Dispatch(byte[] buffer, int count)
        {
            var id = count >= 2 ? (buffer[0] << 8) | buffer[1] : -1;
            UdpPendingQuery? owner;
            lock (_lock) _pending.TryGetValue(id, out owner);

            DnsMessage? reply = null;
            string? unreadable = null;
            try
            {
                reply = DnsMessageReader.Parse(buffer, count);
            }
            catch (DnsWireFormatException e)
            {
                // The right ID from the server's address and port: its answer, and a broken one.
                if (owner != null) { owner.Complete(new DnsExchange(_server, DnsAnswerStatus.Error, "malformed response: " + e.Message)); return; }
                unreadable = "unreadable: " + e.Message;
            }

            List<UdpPendingQuery> ended;
            lock (_lock)
            {
                if (owner != null)
                {
                    var mismatch = owner.Query.Mismatch(reply!);
                    if (mismatch == null) { owner.Complete(new DnsExchange(_server, reply!)); return; }
                    ended = Discard(owner, mismatch, null);
                }
                else
                {
                    ended = new List<UdpPendingQuery>();
                    foreach (var waiting in _pending.Values)
                        Discard(waiting, unreadable ?? waiting.Query.Mismatch(reply!) ?? "not this query's answer", ended);
                }
            }
            foreach (var p in ended) p.Complete(UdpDnsExchange.TooManyDiscarded(_server, p.LastDiscard));
        }

        /// <summary>Counts a discarded datagram against <paramref name="pending"/>; past the bound it ends (RFC 5452 §9.1 flood).</summary>
        private static List<UdpPendingQuery> Discard(UdpPendingQuery pending, string why, List<UdpPendingQuery>? ended)
        {
            ended ??= new List<UdpPendingQuery>();
            pending.LastDiscard = why;
            if (++pending.Discarded >= UdpDnsExchange.MaxDiscarded) ended.Add(pending);
            return ended;
        }

        private void FailAll(string failure)
        {
            List<UdpPendingQuery> waiting;
            lock (_lock) waiting = new List<UdpPendingQuery>(_pending.Values);
            foreach (var p in waiting) p.Complete(new DnsExchange(_server, DnsAnswerStatus.Error, failure));
        }
    }
}
