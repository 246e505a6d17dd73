using System.Collections.Generic;

namespace EmailAuth.Emulator
{
    public enum FaultKind
    {
        /// <summary>SESv2: 429 TooManyRequestsException; Route 53: 400 Throttling; STS: 400 Throttling.</summary>
        Throttle,
        /// <summary>Route 53: 400 PriorRequestNotComplete (SESv2/STS: throttling).</summary>
        PriorRequestNotComplete,
        /// <summary>500 InternalFailure.</summary>
        ServerError,
        /// <summary>503 ServiceUnavailable.</summary>
        Unavailable,
    }

    /// <summary>Faults to answer with instead of serving, per signing service ("ses", "route53", "sts"), in order.</summary>
    public sealed class FaultPlan
    {
        private readonly object _gate = new();
        private readonly Dictionary<string, Queue<FaultKind>> _queued = new();
        private readonly Dictionary<string, int> _everyNth = new();
        private readonly Dictionary<string, int> _seen = new();

        /// <summary>The next <paramref name="count"/> requests to <paramref name="service"/> fail with <paramref name="kind"/>.</summary>
        public void Enqueue(string service, FaultKind kind, int count = 1)
        {
            lock (_gate)
            {
                if (!_queued.TryGetValue(service, out var q)) _queued[service] = q = new Queue<FaultKind>();
                for (var i = 0; i < count; i++) q.Enqueue(kind);
            }
        }

        /// <summary>Every n-th request to the service is throttled (0 turns it off).</summary>
        public void ThrottleEvery(string service, int n)
        {
            lock (_gate) _everyNth[service] = n;
        }

        /// <summary>No queued faults, no periodic throttling.</summary>
        public void Clear()
        {
            lock (_gate)
            {
                _queued.Clear();
                _everyNth.Clear();
                _seen.Clear();
            }
        }

        internal FaultKind? Next(string service)
        {
            lock (_gate)
            {
                _seen[service] = _seen.GetValueOrDefault(service) + 1;
                if (_queued.TryGetValue(service, out var q) && q.Count > 0) return q.Dequeue();
                if (_everyNth.TryGetValue(service, out var n) && n > 0 && _seen[service] % n == 0) return FaultKind.Throttle;
                return null;
            }
        }
    }
}
