using System;
using System.Threading;
using System.Threading.Tasks;

namespace EmailAuth.Core.Dns
{
    /// <summary>
    /// One caller of <see cref="CachingDnsResolver"/> that may cancel, waiting for a shared upstream query: its own
    /// task, completed by the query's end or by its token, whichever comes first. Cancelled, it leaves the query
    /// (<see cref="CachingDnsResolver.Leave"/>: the others keep waiting; the last to leave cancels the query).
    /// One object per waiting caller, instead of an async method racing two tasks with Task.WhenAny. A caller tracing
    /// its queries (<see cref="TracingDnsResolver"/>) has its answer recorded here, before its task completes, so the
    /// tracer needs no continuation of its own.
    /// </summary>
    internal sealed class CacheWaiter : TaskCompletionSource<DnsAnswer>
    {
        private static readonly Action<object?> OnCancelled = state => ((CacheWaiter)state!).Cancelled();

        private readonly InFlightQuery _flight; // knows its cache and key
        private readonly CancellationToken _token;
        private readonly TracingDnsResolver? _tracer;
        private readonly long _start; // when the traced query started (Stopwatch ticks)
        private CancellationTokenRegistration _registration; // guarded by this; disposed once the task has ended
        private int _ended; // 1 once an outcome won (answer, failure or cancellation): exactly one of them ends the task

        public CacheWaiter(InFlightQuery flight, CancellationToken token,
                           TracingDnsResolver? tracer = null, long start = 0)
            : base(TaskCreationOptions.RunContinuationsAsynchronously)
        {
            _flight = flight;
            _token = token;
            _tracer = tracer;
            _start = start;
        }

        private bool Win() => Interlocked.Exchange(ref _ended, 1) == 0;

        /// <summary>Starts watching the token (runs <see cref="Cancelled"/> at once if it is already cancelled).</summary>
        public void Watch()
        {
            if (!_token.CanBeCanceled) return; // a traced caller that cannot cancel
            var registration = _token.Register(OnCancelled, this);
            lock (this)
            {
                if (!Task.IsCompleted)
                {
                    _registration = registration;
                    return;
                }
            }
            registration.Dispose(); // the query ended first: nothing to watch
        }

        public void Complete(DnsAnswer answer)
        {
            if (!Win()) return;
            _tracer?.Record(answer, _start); // before the caller can see the answer (as a tracer awaiting it would)
            TrySetResult(answer);
            StopWatching();
        }

        public void Fail(Exception e)
        {
            if (!Win()) return;
            if (e is OperationCanceledException) TrySetCanceled();
            else TrySetException(e);
            StopWatching();
        }

        private void Cancelled()
        {
            if (!Win()) return;
            TrySetCanceled(_token);
            _flight.Cache.Leave(_flight.Key, _flight, this);
            StopWatching();
        }

        private void StopWatching() => TokenRegistrations.Release(this, ref _registration);
    }
}
