using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace EmailAuth.Core.Dns
{
    /// <summary>
    /// TTL-respecting cache over another resolver, safe to share between threads. Identical concurrent
    /// queries are coalesced into one upstream query; a caller that cancels leaves the others waiting, and
    /// the upstream query is cancelled only when every caller has gone. Answers served from the cache have
    /// <see cref="DnsAnswer.FromCache"/> set. Case-insensitive names (RFC 4343). Least recently used entries
    /// are evicted beyond <see cref="MaxEntries"/>.
    /// </summary>
    /// <remarks>
    /// How long an answer is kept:
    /// <list type="bullet">
    /// <item>Success: the smallest TTL of its records and of the CNAMEs followed (RFC 1035 §3.2.1, RFC 2181 §5.2),
    /// at most <see cref="MaxTtl"/>. TTL 0 is not cached (RFC 1035 §3.2.1).</item>
    /// <item>NXDOMAIN / NODATA: the SOA's TTL capped by its MINIMUM field when the resolver saw the SOA
    /// (RFC 2308 §5), else <see cref="DefaultNegativeTtl"/>.</item>
    /// <item>Timeout, SERVFAIL, REFUSED, errors: <see cref="ErrorTtl"/>, see there.</item>
    /// </list>
    /// </remarks>
    public sealed class CachingDnsResolver : IDnsResolver, IDnsQueryTiming
    {
        public const int DefaultMaxEntries = 10000;

        private readonly object _lock = new object();
        private readonly Dictionary<CacheKey, LinkedListNode<CacheEntry>> _entries = new Dictionary<CacheKey, LinkedListNode<CacheEntry>>();
        private readonly LinkedList<CacheEntry> _recency = new LinkedList<CacheEntry>(); // Most recently used first.
        private readonly Dictionary<CacheKey, InFlightQuery> _inFlight = new Dictionary<CacheKey, InFlightQuery>();
        private readonly Func<DateTime> _utcNow;

        public CachingDnsResolver(IDnsResolver inner) : this(inner, DefaultMaxEntries) { }

        public CachingDnsResolver(IDnsResolver inner, int maxEntries) : this(inner, maxEntries, () => DateTime.UtcNow) { }

        /// <param name="utcNow">The clock deciding expiry (tests move it instead of sleeping).</param>
        internal CachingDnsResolver(IDnsResolver inner, int maxEntries, Func<DateTime> utcNow)
        {
            Inner = inner ?? throw new ArgumentNullException(nameof(inner));
            if (maxEntries < 1) throw new ArgumentOutOfRangeException(nameof(maxEntries), maxEntries, "At least one entry.");
            MaxEntries = maxEntries;
            _utcNow = utcNow ?? throw new ArgumentNullException(nameof(utcNow));
        }

        public IDnsResolver Inner { get; }
        public int MaxEntries { get; }

        /// <summary>A miss waits as long as the inner resolver does.</summary>
        public TimeSpan WorstCaseQueryTime => DnsQueryTiming.Of(Inner);

        /// <summary>Upper bound on any TTL: an audit should not look at data older than this.</summary>
        public TimeSpan MaxTtl { get; set; } = TimeSpan.FromHours(1);

        /// <summary>Negative answers whose SOA the resolver did not report (RFC 2308 §5 needs the SOA).</summary>
        public TimeSpan DefaultNegativeTtl { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>
        /// Failures are kept briefly: long enough that a batch of checks sharing a broken include or a dead
        /// server does not wait out the timeout once per check, short enough that re-running a command a few
        /// seconds later asks again. RFC 2308 §7 allows up to 5 minutes for SERVFAIL and dead servers.
        /// Zero disables caching failures (concurrent identical queries are still coalesced).
        /// </summary>
        public TimeSpan ErrorTtl { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>Entries held, expired or not.</summary>
        public int Count
        {
            get { lock (_lock) return _entries.Count; }
        }

        /// <summary>Upstream queries still in flight (tests: none once every caller has ended or left).</summary>
        internal int InFlightCount
        {
            get { lock (_lock) return _inFlight.Count; }
        }

        public void Clear()
        {
            lock (_lock)
            {
                _entries.Clear();
                _recency.Clear();
            }
        }

        public Task<DnsAnswer> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken = default) =>
            QueryAsync(name, type, cancellationToken, null, 0, out _);

        /// <summary>
        /// The query for <paramref name="tracer"/>: a caller that may cancel waits on a <see cref="CacheWaiter"/>, which
        /// records its answer in the trace (<paramref name="traced"/> true); else the tracer records it itself.
        /// </summary>
        internal Task<DnsAnswer> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken,
                                            TracingDnsResolver? tracer, long traceStart, out bool traced)
        {
            traced = false;
            if (name == null) throw new ArgumentNullException(nameof(name));
            cancellationToken.ThrowIfCancellationRequested();
            var key = new CacheKey(DnsName.Normalize(name), type);
            InFlightQuery flight;
            CacheWaiter? waiter = null;
            Task<DnsAnswer>? patient = null;
            var start = false;
            lock (_lock)
            {
                if (_entries.TryGetValue(key, out var node))
                {
                    if (node.Value.Expires > _utcNow())
                    {
                        _recency.Remove(node);
                        _recency.AddFirst(node);
                        return Task.FromResult(node.Value.Answer);
                    }
                    Remove(node);
                }
                if (!_inFlight.TryGetValue(key, out flight!))
                {
                    _inFlight[key] = flight = new InFlightQuery(this, key);
                    if (cancellationToken.CanBeCanceled) flight.Cancellation = new CancellationTokenSource();
                    start = true;
                }
                if (cancellationToken.CanBeCanceled || tracer != null)
                {
                    // A traced caller waits on its own waiter (which records its answer), even one that cannot cancel:
                    // that one keeps the query running to its end, as a patient caller does.
                    if (cancellationToken.CanBeCanceled) flight.CancellableWaiters++;
                    else flight.PatientTraced = true;
                    waiter = new CacheWaiter(flight, cancellationToken, tracer, traceStart);
                    traced = tracer != null;
                    flight.Join(waiter);
                }
                else patient = flight.JoinPatient();
            }
            if (start) Run(key, name, type, flight);
            if (waiter == null) return patient!;
            waiter.Watch(); // after the lock: a token cancelled meanwhile calls Leave at once
            return waiter.Task;
        }

        /// <summary>
        /// Sends the shared query upstream; its end is handled by <see cref="Finish"/>, at once when the answer is
        /// already there (zone data), else as the task's continuation (no async method: one delegate per flight).
        /// </summary>
        private void Run(CacheKey key, string name, DnsRecordType type, InFlightQuery flight)
        {
            Task<DnsAnswer> upstream;
            try
            {
                upstream = Inner.QueryAsync(name, type, flight.Cancellation?.Token ?? CancellationToken.None);
            }
            catch (Exception e)
            {
                upstream = FailedTask(e);
            }
            if (upstream.IsCompleted) Finish(key, flight, upstream);
            else flight.WhenDone(upstream);
        }

        private static Task<DnsAnswer> FailedTask(Exception e)
        {
            var failed = new TaskCompletionSource<DnsAnswer>();
            if (e is OperationCanceledException) failed.SetCanceled();
            else failed.SetException(e);
            return failed.Task;
        }

        /// <summary>The shared query has ended: the answer is stored and every caller still waiting gets it (or its exception).</summary>
        internal void Finish(CacheKey key, InFlightQuery flight, Task<DnsAnswer> upstream)
        {
            CacheWaiter? first;
            List<CacheWaiter>? more;
            DnsAnswer answer;
            try
            {
                answer = upstream.GetAwaiter().GetResult();
                lock (_lock)
                {
                    EndFlight(key, flight);
                    Store(key, answer);
                    flight.TakeWaiters(out first, out more);
                    flight.Ended = true;
                }
            }
            catch (Exception e) // the query's exception (never cached), or a defect storing its answer: every waiter gets it
            {
                lock (_lock)
                {
                    EndFlight(key, flight);
                    flight.TakeWaiters(out first, out more);
                    flight.Ended = true;
                }
                flight.Fail(e);
                first?.Fail(e);
                if (more != null) foreach (var w in more) w.Fail(e);
                return;
            }
            flight.Complete(answer);
            first?.Complete(answer);
            if (more != null) foreach (var w in more) w.Complete(answer);
        }

        /// <summary>A cancelled caller leaves; the last one to leave cancels the upstream query.</summary>
        internal void Leave(CacheKey key, InFlightQuery flight, CacheWaiter waiter)
        {
            lock (_lock)
            {
                flight.Drop(waiter);
                if (--flight.CancellableWaiters > 0 || flight.HasPatientWaiter || flight.Ended) return;
                EndFlight(key, flight); // A later caller starts afresh rather than joining a cancelled query.
            }
            flight.Cancellation!.Cancel(); // not null: the first caller could cancel, else a patient one would still wait
        }

        private void EndFlight(CacheKey key, InFlightQuery flight)
        {
            if (_inFlight.TryGetValue(key, out var current) && current == flight) _inFlight.Remove(key);
        }

        private void Store(CacheKey key, DnsAnswer answer)
        {
            var ttl = TtlOf(answer);
            if (ttl > MaxTtl) ttl = MaxTtl;
            if (ttl <= TimeSpan.Zero) return;
            if (_entries.TryGetValue(key, out var old)) Remove(old);
            var node = _recency.AddFirst(new CacheEntry(key, answer.AsCached(), _utcNow() + ttl));
            _entries[key] = node;
            while (_entries.Count > MaxEntries) Remove(_recency.Last!);
        }

        private TimeSpan TtlOf(DnsAnswer answer) =>
            answer.IsError ? ErrorTtl : DnsAnswerTtl.Of(answer) ?? DefaultNegativeTtl;

        private void Remove(LinkedListNode<CacheEntry> node)
        {
            _recency.Remove(node);
            _entries.Remove(node.Value.Key);
        }
    }
}
