using System;
using System.Threading;
using System.Threading.Tasks;

namespace EmailAuth.Core.Dns
{
    /// <summary>
    /// One caller of <see cref="CachingDnsResolver"/> that may cancel, waiting for a shared upstream query: its own
    /// task, completed by the query's end or by its token, whichever comes first. Cancelled, it leaves the query
    /// (<see cref="CachingDnsResolver.Leave"/>: the others keep waiting; the last to leave cancels the query).
    /// One object per waiting caller, instead of an async method racing two tasks with Task.WhenAny.
    /// </summary>
    internal sealed class CacheWaiter : TaskCompletionSource<DnsAnswer>
    {
        private static readonly Action<object?> OnCancelled = state => ((CacheWaiter)state!).Cancelled();

        private readonly CachingDnsResolver _cache;
        private readonly CacheKey _key;
        private readonly InFlightQuery _flight;
        private readonly CancellationToken _token;
        private CancellationTokenRegistration _registration; // guarded by this; disposed once the task has ended

        public CacheWaiter(CachingDnsResolver cache, CacheKey key, InFlightQuery flight, CancellationToken token)
            : base(TaskCreationOptions.RunContinuationsAsynchronously)
        {
            _cache = cache;
            _key = key;
            _flight = flight;
            _token = token;
        }

        /// <summary>Starts watching the token (runs <see cref="Cancelled"/> at once if it is already cancelled).</summary>
        public void Watch()
        {
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
            if (TrySetResult(answer)) StopWatching();
        }

        public void Fail(Exception e)
        {
            if (e is OperationCanceledException ? TrySetCanceled() : TrySetException(e)) StopWatching();
        }

        private void Cancelled()
        {
            if (!TrySetCanceled(_token)) return;
            _cache.Leave(_key, _flight, this);
            StopWatching();
        }

        private void StopWatching()
        {
            CancellationTokenRegistration registration;
            lock (this)
            {
                registration = _registration;
                _registration = default;
            }
            registration.Dispose();
        }
    }
}
