using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace EmailAuth.Core.Dns
{
    /// <summary>A cache key: name compared case-insensitively (RFC 4343) and type.</summary>
    internal readonly struct CacheKey : IEquatable<CacheKey>
    {
        public CacheKey(string name, DnsRecordType type)
        {
            Name = name;
            Type = type;
        }

        public string Name { get; }
        public DnsRecordType Type { get; }

        public bool Equals(CacheKey other) => Type == other.Type && DnsName.Comparer.Equals(Name, other.Name);
        public override bool Equals(object? obj) => obj is CacheKey k && Equals(k);
        public override int GetHashCode() => DnsName.Comparer.GetHashCode(Name) * 31 + (int)Type;
    }

    /// <summary>A cached answer (already marked FromCache) and when it expires.</summary>
    internal sealed class CacheEntry
    {
        public CacheEntry(CacheKey key, DnsAnswer answer, DateTime expires)
        {
            Key = key;
            Answer = answer;
            Expires = expires;
        }

        public CacheKey Key { get; }
        public DnsAnswer Answer { get; }
        public DateTime Expires { get; }
    }

    /// <summary>One upstream query shared by every caller asking the same question meanwhile.</summary>
    internal sealed class InFlightQuery
    {
        /// <summary>The task of the callers that cannot cancel; made when the first joins (guarded by the cache's lock).</summary>
        private TaskCompletionSource<DnsAnswer>? _patient;
        public CancellationTokenSource Cancellation { get; } = new CancellationTokenSource();

        /// <summary>Callers that may still cancel; guarded by the cache's lock.</summary>
        public int CancellableWaiters { get; set; }

        /// <summary>A caller that cannot cancel waits, so the query must run to its end; guarded by the cache's lock.</summary>
        public bool HasPatientWaiter => _patient != null;

        /// <summary>The upstream query has ended (set under the cache's lock, as it leaves the in-flight table).</summary>
        public bool Ended { get; set; }

        /// <summary>A caller that cannot cancel joins: the shared task every such caller gets. Under the cache's lock.</summary>
        public Task<DnsAnswer> JoinPatient() =>
            (_patient ??= new TaskCompletionSource<DnsAnswer>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        /// <summary>Callers that may cancel, each with a task of its own; guarded by the cache's lock.</summary>
        private List<CacheWaiter>? _waiters;

        /// <summary>Only while the flight is the key's current one, so never after <see cref="TakeWaiters"/>.</summary>
        public void Join(CacheWaiter waiter) => (_waiters ??= new List<CacheWaiter>()).Add(waiter);

        public void Drop(CacheWaiter waiter) => _waiters?.Remove(waiter);

        /// <summary>The waiters to complete when the query ends (called once, under the cache's lock).</summary>
        public List<CacheWaiter>? TakeWaiters()
        {
            var waiters = _waiters;
            _waiters = null;
            return waiters;
        }

        private CachingDnsResolver? _cache;
        private CacheKey _key;
        private Task<DnsAnswer>? _upstream;

        /// <summary>Calls the cache's Finish when <paramref name="upstream"/> ends, on the thread that ends it (one delegate, no state machine).</summary>
        public void WhenDone(Task<DnsAnswer> upstream, CachingDnsResolver cache, CacheKey key)
        {
            _cache = cache;
            _key = key;
            _upstream = upstream;
            upstream.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(UpstreamDone);
        }

        private void UpstreamDone() => _cache!.Finish(_key, this, _upstream!);

        public void Complete(DnsAnswer answer) => _patient?.TrySetResult(answer);

        public void Fail(Exception e)
        {
            if (_patient == null) return;
            if (e is OperationCanceledException) _patient.TrySetCanceled();
            else _patient.TrySetException(e);
        }
    }
}
