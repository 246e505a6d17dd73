using System;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Dns;

namespace EmailAuth.Core.Spf
{
    /// <summary>
    /// One pending query of an <see cref="SpfDeadline"/>: its task ends with the resolver's answer or, at the deadline,
    /// with <see cref="SpfTimeoutException"/> (<see cref="OperationCanceledException"/> when the user cancelled),
    /// whichever comes first; a resolver that ignores cancellation is abandoned, its late outcome observed and dropped.
    /// One object and one registration per pending query, instead of an async method racing two tasks with Task.WhenAny.
    /// </summary>
    internal sealed class SpfDeadlineWait : TaskCompletionSource<DnsAnswer>
    {
        private static readonly Action<object?> OnStopped = state => ((SpfDeadlineWait)state!).Stop();

        private readonly SpfDeadline _deadline;
        private readonly Task<DnsAnswer> _query;
        private readonly string _name;
        private readonly DnsRecordType _type;
        private CancellationTokenRegistration _registration; // guarded by this; disposed once the task has ended
        private int _decided; // 1 once the answer or the stop has won (the stop's outcome is set on the thread pool)

        public SpfDeadlineWait(SpfDeadline deadline, Task<DnsAnswer> query, string name, DnsRecordType type)
        {
            _deadline = deadline;
            _query = query;
            _name = name;
            _type = type;
            var registration = deadline.Token.Register(OnStopped, this);
            lock (this)
            {
                if (Volatile.Read(ref _decided) == 0)
                {
                    _registration = registration;
                    registration = default;
                }
            }
            registration.Dispose(); // a no-op unless the token was cancelled meanwhile
            // Runs on the thread that completes the query: the caller's continuation runs there too, as after an await.
            query.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(Done);
        }

        /// <summary>The query ended: its answer, or its exception as <see cref="SpfDeadline.Outcome"/> maps it (a late one is dropped).</summary>
        private void Done()
        {
            DnsAnswer? answer = null;
            Exception? failure = null;
            try
            {
                answer = _query.GetAwaiter().GetResult(); // observes a fault even when the deadline came first
            }
            catch (OperationCanceledException e)
            {
                failure = _deadline.Outcome(e, _name, _type);
            }
            catch (Exception e)
            {
                failure = e;
            }
            if (Interlocked.Exchange(ref _decided, 1) != 0) return; // abandoned at the deadline
            StopWatching();
            if (failure == null) TrySetResult(answer!);
            else if (failure is OperationCanceledException c) TrySetCanceled(c.CancellationToken);
            else TrySetException(failure);
        }

        /// <summary>
        /// The deadline's token was cancelled (deadline, user, Dispose): inside that Cancel call, so the caller's
        /// continuation is sent to the thread pool rather than run here.
        /// </summary>
        private void Stop()
        {
            if (Interlocked.Exchange(ref _decided, 1) != 0) return;
            var outcome = _deadline.Stopped(_name, _type); // decided now, as the token says now
            ThreadPool.QueueUserWorkItem(state =>
            {
                var wait = (SpfDeadlineWait)state!;
                wait.StopWatching();
                if (outcome is OperationCanceledException c) wait.TrySetCanceled(c.CancellationToken);
                else wait.TrySetException(outcome);
            }, this);
        }

        private void StopWatching() => TokenRegistrations.Release(this, ref _registration);
    }
}
