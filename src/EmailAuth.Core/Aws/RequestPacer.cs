using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace EmailAuth.Core.Aws
{
    /// <summary>
    /// Spaces request starts at least 1/rate apart, across every caller sharing the pacer.
    /// Route 53 allows 5 requests per second per account (DESIGN.md §5): one pacer per account,
    /// used for every attempt, retries included.
    /// </summary>
    public sealed class RequestPacer
    {
        private readonly object _gate = new object();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly long _intervalTicks;
        private long _nextSlotTicks;
        private long _granted;

        public RequestPacer(double requestsPerSecond)
        {
            if (!(requestsPerSecond > 0) || double.IsInfinity(requestsPerSecond))
                throw new ArgumentOutOfRangeException(nameof(requestsPerSecond), requestsPerSecond, "The rate must be a positive number of requests per second.");
            RequestsPerSecond = requestsPerSecond;
            _intervalTicks = (long)(TimeSpan.TicksPerSecond / requestsPerSecond);
        }

        /// <summary>Route 53's documented limit.</summary>
        public const double Route53RequestsPerSecond = 5;

        public double RequestsPerSecond { get; }

        /// <summary>How many requests were let through.</summary>
        public long Granted => Interlocked.Read(ref _granted);

        /// <summary>Waits for the next free slot. A cancelled wait gives its slot back only by leaving a gap, never by bunching.</summary>
        public Task WaitAsync(CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long delayTicks;
            lock (_gate)
            {
                var now = _clock.Elapsed.Ticks;
                var slot = Math.Max(now, _nextSlotTicks);
                _nextSlotTicks = slot + _intervalTicks;
                delayTicks = slot - now;
            }
            Interlocked.Increment(ref _granted);
            return delayTicks <= 0 ? Task.CompletedTask : Task.Delay(TimeSpan.FromTicks(delayTicks), cancellationToken);
        }
    }
}
