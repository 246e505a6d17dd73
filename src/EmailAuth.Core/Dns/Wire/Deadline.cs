using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace EmailAuth.Core.Dns.Wire
{
    /// <summary>
    /// The end of one attempt: every socket operation of the attempt waits at most until then, so an attempt
    /// lasts its timeout however many datagrams arrive. netstandard2.0 sockets take no cancellation token,
    /// so a pending operation is raced against a timer and abandoned (its socket is disposed by the caller).
    /// </summary>
    internal readonly struct Deadline
    {
        private readonly long _end;

        public Deadline(TimeSpan timeout)
        {
            Timeout = timeout;
            _end = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        }

        public TimeSpan Timeout { get; }

        public TimeSpan Remaining =>
            TimeSpan.FromTicks(Math.Max(0, (_end - Stopwatch.GetTimestamp()) * TimeSpan.TicksPerSecond / Stopwatch.Frequency));

        /// <summary>True when <paramref name="operation"/> completed before the deadline; throws when the caller cancelled.</summary>
        public async Task<bool> WaitAsync(Task operation, CancellationToken ct)
        {
            var remaining = Remaining;
            if (!operation.IsCompleted && remaining > TimeSpan.Zero)
            {
                using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var delay = Task.Delay(remaining, timer.Token);
                await Task.WhenAny(operation, delay).ConfigureAwait(false);
                timer.Cancel(); // stops the timer when the operation won
            }
            if (operation.IsCompleted) return true;
            // The operation is abandoned: its socket is about to be disposed, which faults it. Observe that fault.
            _ = operation.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            ct.ThrowIfCancellationRequested();
            return false;
        }
    }
}
