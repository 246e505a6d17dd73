using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Dns;

namespace EmailAuth.Core.Spf
{
    /// <summary>
    /// The overall time limit of one evaluation or inspection (RFC 7208 §4.6.4: a limit on elapsed time that
    /// SHOULD allow at least 20 s; temperror past it). At the deadline the pending query is cancelled, so no
    /// retry goes out after it, and abandoned even when the resolver ignores cancellation.
    /// </summary>
    internal sealed class SpfDeadline : IDisposable
    {
        private readonly CancellationToken _userToken;
        private readonly CancellationTokenSource _cts;
        private readonly long _end; // Stopwatch ticks; long.MaxValue when none

        public SpfDeadline(TimeSpan limit, CancellationToken userToken)
        {
            Limit = limit;
            _userToken = userToken;
            _cts = CancellationTokenSource.CreateLinkedTokenSource(userToken);
            if (IsFinite(limit))
            {
                _end = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
                _cts.CancelAfter(limit);
            }
            else _end = long.MaxValue;
        }

        public TimeSpan Limit { get; }

        /// <summary>
        /// The limit actually used: <paramref name="configured"/>, raised to twice the resolver's worst-case query
        /// time (<see cref="IDnsQueryTiming"/>: timeout × (1 + retries) × servers). A query that fails then still
        /// gets its retries and ends as a DNS timeout naming the server, even after earlier queries took as long.
        /// </summary>
        public static TimeSpan For(IDnsResolver resolver, TimeSpan configured)
        {
            if (!IsFinite(configured)) return configured;
            var derived = TimeSpan.FromTicks(2 * DnsQueryTiming.Of(resolver).Ticks);
            return derived > configured ? derived : configured;
        }

        /// <summary>Zero, negative, infinite or a day and more mean no limit.</summary>
        public static bool IsFinite(TimeSpan limit) =>
            limit > TimeSpan.Zero && limit != Timeout.InfiniteTimeSpan && limit < TimeSpan.FromDays(1);

        public bool HasPassed => _end != long.MaxValue && Stopwatch.GetTimestamp() >= _end;

        /// <summary>
        /// The resolver's answer, or <see cref="SpfTimeoutException"/> at the deadline. The user's cancellation
        /// throws <see cref="OperationCanceledException"/>; other resolver exceptions pass through. Not an async
        /// method: an answer that is there at once (a cache hit) is returned as it is, a pending one is raced
        /// against the deadline by one <see cref="SpfDeadlineWait"/>. Exceptions may be thrown here or from the task.
        /// </summary>
        public Task<DnsAnswer> QueryAsync(IDnsResolver resolver, string name, DnsRecordType type)
        {
            _userToken.ThrowIfCancellationRequested();
            if (HasPassed || _cts.IsCancellationRequested) throw new SpfTimeoutException($"before querying {type} {name}");
            Task<DnsAnswer> task;
            try
            {
                task = resolver.QueryAsync(name, type, _cts.Token);
            }
            catch (OperationCanceledException) when (!_userToken.IsCancellationRequested)
            {
                throw new SpfTimeoutException($"before querying {type} {name}");
            }
            if (task.Status == TaskStatus.RanToCompletion) return task;
            return new SpfDeadlineWait(this, task, name, type).Task;
        }

        internal CancellationToken Token => _cts.Token;

        /// <summary>
        /// What a resolver's task that ended without an answer becomes: the user's cancellation stays one, a
        /// cancellation by the deadline is <see cref="SpfTimeoutException"/>, other exceptions are themselves.
        /// </summary>
        internal Exception Outcome(OperationCanceledException cancelled, string name, DnsRecordType type) =>
            !_userToken.IsCancellationRequested && _cts.IsCancellationRequested
                ? new SpfTimeoutException($"waiting for {type} {name}")
                : (Exception)cancelled;

        /// <summary>The deadline (or the user's cancellation, or Dispose) stopped a pending query.</summary>
        internal Exception Stopped(string name, DnsRecordType type) =>
            _userToken.IsCancellationRequested
                ? new OperationCanceledException(_userToken)
                : new SpfTimeoutException($"waiting for {type} {name}");

        /// <summary>Cancels whatever is still pending (abandoned queries send nothing more) and frees the timer.</summary>
        public void Dispose()
        {
            _cts.Cancel();
            _cts.Dispose();
        }
    }
}
