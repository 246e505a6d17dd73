using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
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

        /// <summary>The deadline timer's longest wait (a day); a later deadline is reached by re-arming.</summary>
        private const long MaxTimerMs = 24L * 60 * 60 * 1000;

        /// <summary>How long a socket no query waits on stays open for the next one.</summary>
        public static readonly TimeSpan IdleLinger = TimeSpan.FromMilliseconds(200);

        private readonly DnsServerAddress _server;
        private readonly UdpDnsSocketPool? _pool; // counts the sockets still open (tests: none may leak)
        private readonly Socket _socket;
        private readonly object _lock = new object();
        private readonly Dictionary<int, UdpPendingQuery> _pending = new Dictionary<int, UdpPendingQuery>();
        private byte[]? _buffer; // rented while the receive loop runs; only the loop uses it
        private SocketAsyncEventArgs? _receiveArgs; // the loop's, reused for every receive
        private Timer? _idle;    // closes the socket after IdleLinger without a query
        private Timer? _deadlines; // times out the waiting queries (ExpireDeadlines)
        private long _deadlineArmed = long.MaxValue; // when _deadlines fires, in Stopwatch ticks
        private int _reserved; // queries handed to this socket, ever
        private int _active;   // reserved and not finished
        private bool _closed;
        private bool _receiving;
        private string? _failure; // a socket error: every later query gets it at once

        /// <summary>Opens and connects the socket (UDP: no packet is sent, the system only fixes the peer). Throws SocketException.</summary>
        public UdpDnsSocket(DnsServerAddress server, UdpDnsSocketPool? pool = null)
        {
            _server = server;
            _pool = pool;
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

        /// <summary>
        /// One attempt on a reserved place: sends <paramref name="query"/> and waits for its answer until the deadline.
        /// Not an async method: the attempt is its <see cref="UdpPendingQuery"/>, whose task the receive loop, the
        /// socket's deadline timer or the caller's token completes (then it leaves the socket, <see cref="Release"/>).
        /// </summary>
        public Task<DnsExchange> AskAsync(DnsQueryMessage query, TimeSpan timeout, CancellationToken ct)
        {
            UdpPendingQuery? pending = null;
            string? refused;
            var close = false;
            var startReceiving = false;
            lock (_lock)
            {
                refused = _failure;
                for (var draw = 0; refused == null && _pending.ContainsKey(query.Id); draw++)
                {
                    if (draw == MaxIdDraws) refused = "no free query ID on the UDP socket";
                    else query = query.Again();
                }
                if (refused != null) ReleaseLocked(null, out close);
                else
                {
                    pending = new UdpPendingQuery(this, query, timeout, ct);
                    _pending.Add(query.Id, pending);
                    if (pending.Deadline < _deadlineArmed) ArmDeadlines(pending.Deadline);
                    if (!_receiving)
                    {
                        _receiving = true;
                        startReceiving = true;
                        _buffer = ArrayPool<byte>.Shared.Rent(MaxDatagram);
                        _receiveArgs = new SocketAsyncEventArgs { UserToken = this };
                        _receiveArgs.SetBuffer(_buffer, 0, MaxDatagram);
                        _receiveArgs.Completed += OnReceivedHandler;
                    }
                }
            }
            if (pending == null)
            {
                if (close) Close();
                return Task.FromResult(new DnsExchange(_server, DnsAnswerStatus.Error, refused!));
            }
            if (startReceiving) Receive(); // before the query goes out: its answer finds a receive waiting
            pending.Watch();
            try
            {
                // A datagram to a connected socket goes out at once (a full send buffer is the only wait): a plain
                // send, no Task per query. A socket error ends the attempt (reported); another exception is a defect.
                _socket.Send(query.ToBytes(), SocketFlags.None);
            }
            catch (SocketException e)
            {
                pending.Complete(new DnsExchange(_server, DnsAnswerStatus.Error, SocketErrors.Describe(e, "UDP")));
            }
            catch (Exception e)
            {
                pending.Fail(e);
            }
            return pending.Task;
        }

        /// <summary>
        /// One timer per socket ends the attempts whose deadline has come: armed for the earliest deadline waiting
        /// (queries on one socket share a timeout, so usually the first one's, once per socket: no timer per query).
        /// Called under the lock.
        /// </summary>
        private void ArmDeadlines(long deadline)
        {
            if (_closed) return;
            _deadlineArmed = deadline;
            var ticks = Math.Max(0, deadline - Stopwatch.GetTimestamp());
            // At most MaxTimerMs: Timer.Change throws beyond ~49 days, which here (under the lock, the query already in
            // the table) would leave the query waiting and the socket open for good. Fired early, the timer re-arms.
            var dueMs = (long)Math.Min(MaxTimerMs, Math.Ceiling(ticks * 1000.0 / Stopwatch.Frequency));
            _deadlines ??= new Timer(s => ((UdpDnsSocket)s!).ExpireDeadlines(), this, Timeout.Infinite, Timeout.Infinite);
            _deadlines.Change(dueMs, Timeout.Infinite);
        }

        /// <summary>The deadline timer fired: the attempts past their deadline time out; the timer is armed for the next.</summary>
        private void ExpireDeadlines()
        {
            List<KeyValuePair<UdpPendingQuery, string>>? expired = null;
            lock (_lock)
            {
                _deadlineArmed = long.MaxValue;
                if (_closed) return;
                var now = Stopwatch.GetTimestamp();
                var next = long.MaxValue;
                foreach (var pending in _pending.Values)
                {
                    if (pending.Deadline <= now)
                    {
                        (expired ??= new List<KeyValuePair<UdpPendingQuery, string>>()).Add(new KeyValuePair<UdpPendingQuery, string>(
                            pending, UdpDnsExchange.NoAnswer(pending.Timeout, pending.Discarded, pending.LastDiscard)));
                    }
                    else if (pending.Deadline < next) next = pending.Deadline;
                }
                if (next != long.MaxValue) ArmDeadlines(next);
            }
            if (expired == null) return;
            foreach (var e in expired) e.Key.Complete(new DnsExchange(_server, DnsAnswerStatus.Timeout, e.Value));
        }

        /// <summary>
        /// The query has ended: it leaves the table. The last one out closes a socket that has served its share (or
        /// failed); else the socket waits <see cref="IdleLinger"/> for another query before it closes.
        /// </summary>
        public void Release(UdpPendingQuery? pending)
        {
            bool close;
            lock (_lock) ReleaseLocked(pending, out close);
            if (close) Close();
        }

        private void ReleaseLocked(UdpPendingQuery? pending, out bool close)
        {
            close = false;
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
            close = true;
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
            lock (_lock) _deadlines?.Dispose();
            _socket.Dispose(); // ends the pending receive, and with it the loop (which returns the buffer)
            _pool?.SocketClosed();
        }

        /// <summary>Queries in this socket's table (tests: none may be left once every attempt has ended).</summary>
        internal int PendingCount
        {
            get { lock (_lock) return _pending.Count; }
        }

        /// <summary>Synchronous receive completions handled in a row before the loop moves to the thread pool (a flood must not hold one thread).</summary>
        private const int MaxReceivesInline = 32;

        /// <summary>
        /// One receive loop per socket, on reused <see cref="SocketAsyncEventArgs"/>: no Task, no state machine per
        /// datagram. A receive that completes at once is handled here (at most <see cref="MaxReceivesInline"/> in a
        /// row); one that is pending continues in <see cref="OnReceived"/>. Never called under the socket's lock.
        /// </summary>
        private void Receive()
        {
            var args = _receiveArgs!;
            for (var inline = 0; inline < MaxReceivesInline; inline++)
            {
                bool pending;
                try
                {
                    pending = _socket.ReceiveAsync(args);
                }
                catch (Exception e) when (e is SocketException || e is ObjectDisposedException)
                {
                    ReceiveFailed(SocketError.SocketError, e);
                    return;
                }
                if (pending || !Received(args)) return;
            }
            ThreadPool.UnsafeQueueUserWorkItem(s => ((UdpDnsSocket)s!).Receive(), this);
        }

        private static readonly EventHandler<SocketAsyncEventArgs> OnReceivedHandler = (_, args) => ((UdpDnsSocket)args.UserToken!).OnReceived(args);

        private void OnReceived(SocketAsyncEventArgs args)
        {
            if (Received(args)) Receive();
        }

        /// <summary>One receive has completed: its datagram dispatched; false when the loop ends (an error, or the socket closed).</summary>
        private bool Received(SocketAsyncEventArgs args)
        {
            if (args.SocketError != SocketError.Success)
            {
                // ICMP port unreachable and the like: the server's port, so every query here has the same answer.
                // Closing the socket aborts the pending receive (OperationAborted): then the loop just ends.
                ReceiveFailed(args.SocketError, null);
                return false;
            }
            try
            {
                Dispatch(_buffer!, args.BytesTransferred);
                return true;
            }
            catch (Exception e) // a defect must not leave the waiting queries to their timeouts silently
            {
                lock (_lock) _failure = "UDP: " + e.Message;
                EndReceiving();
                FailAll(_failure);
                return false;
            }
        }

        /// <summary>
        /// The receive failed (<paramref name="thrown"/>, else <paramref name="error"/>): the loop ends, and unless the
        /// socket was closed on purpose every waiting query gets the error (described only then).
        /// </summary>
        private void ReceiveFailed(SocketError error, Exception? thrown)
        {
            string? failure = null;
            lock (_lock)
            {
                if (!_closed)
                {
                    failure = thrown is ObjectDisposedException ? "UDP: " + thrown.Message
                            : SocketErrors.Describe(thrown as SocketException ?? new SocketException((int)error), "UDP");
                    _failure = failure;
                }
            }
            EndReceiving();
            if (failure != null) FailAll(failure);
        }

        /// <summary>The loop has ended, so no receive writes into the buffer any more: it goes back to the pool.</summary>
        private void EndReceiving()
        {
            var buffer = _buffer;
            _buffer = null;
            _receiveArgs?.Dispose();
            if (buffer != null) ArrayPool<byte>.Shared.Return(buffer);
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

            if (owner != null && owner.Query.Mismatch(reply!) == null)
            {
                owner.Complete(new DnsExchange(_server, reply!)); // outside the lock: the query then leaves the table
                return;
            }
            List<UdpPendingQuery> ended;
            lock (_lock)
            {
                if (owner != null)
                {
                    ended = Discard(owner, owner.Query.Mismatch(reply!)!, null);
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
