using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace EmailAuth.Core.Dns.Wire
{
    /// <summary>
    /// One query waiting on a shared <see cref="UdpDnsSocket"/>: its message (ID and question, RFC 5452 §9.1), its
    /// deadline and what was discarded meanwhile. Its task is the attempt's outcome, set once: by its answer, an
    /// error, its deadline (the socket's deadline timer) or its caller's cancellation (cancelled); then it leaves the
    /// socket. The discard fields are guarded by the socket's lock.
    /// </summary>
    internal sealed class UdpPendingQuery : TaskCompletionSource<DnsExchange>
    {
        private static readonly Action<object?> OnCancelled = state => ((UdpPendingQuery)state!).Cancelled();

        private readonly UdpDnsSocket _socket;
        private readonly CancellationToken _token;
        private CancellationTokenRegistration _registration; // guarded by this; disposed once the query has ended

        public UdpPendingQuery(UdpDnsSocket socket, DnsQueryMessage query, TimeSpan timeout, CancellationToken token)
            : base(TaskCreationOptions.RunContinuationsAsynchronously) // the receive loop must not run the caller's code
        {
            _socket = socket;
            _token = token;
            Query = query;
            Timeout = timeout;
            // Saturated: a timeout of years (the library takes any positive one) must not wrap to a past deadline.
            var ticks = timeout.TotalSeconds * Stopwatch.Frequency;
            var now = Stopwatch.GetTimestamp();
            Deadline = ticks >= long.MaxValue - now ? long.MaxValue : now + (long)ticks;
        }

        public DnsQueryMessage Query { get; }
        public TimeSpan Timeout { get; }
        /// <summary>When the attempt times out, in <see cref="Stopwatch"/> ticks.</summary>
        public long Deadline { get; }
        public int Discarded { get; set; }
        public string? LastDiscard { get; set; }

        /// <summary>Starts watching the caller's token (at once cancelled if it already is).</summary>
        public void Watch()
        {
            if (!_token.CanBeCanceled) return;
            var registration = _token.Register(OnCancelled, this);
            lock (this)
            {
                if (!Task.IsCompleted)
                {
                    _registration = registration;
                    return;
                }
            }
            registration.Dispose();
        }

        /// <summary>False when the query had already ended (first outcome wins). Never call it under the socket's lock.</summary>
        public bool Complete(DnsExchange outcome)
        {
            if (!TrySetResult(outcome)) return false;
            Ended();
            return true;
        }

        /// <summary>A defect in the exchange (not a socket error): the caller gets the exception, as from an async method.</summary>
        public void Fail(Exception e)
        {
            if (TrySetException(e)) Ended();
        }

        private void Cancelled()
        {
            if (TrySetCanceled(_token)) Ended();
        }

        private void Ended()
        {
            TokenRegistrations.Release(this, ref _registration);
            _socket.Release(this);
        }
    }
}
