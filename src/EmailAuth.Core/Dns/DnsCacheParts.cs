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
        public InFlightQuery(CachingDnsResolver cache, CacheKey key)
        {
            Cache = cache;
            Key = key;
        }

        public CachingDnsResolver Cache { get; }
        public CacheKey Key { get; }

        /// <summary>The task of the callers that cannot cancel; made when the first joins (guarded by the cache's lock).</summary>
        private TaskCompletionSource<DnsAnswer>? _patient;
        /// <summary>
        /// Cancels the upstream query once every caller has left; null when the first caller cannot cancel: the query then
        /// runs to its end whoever joins later, so no source (and no token registration upstream) is needed.
        /// </summary>
        public CancellationTokenSource? Cancellation { get; set; }

        /// <summary>Callers that may still cancel; guarded by the cache's lock.</summary>
        public int CancellableWaiters { get; set; }

        /// <summary>A caller that cannot cancel waits, so the query must run to its end; guarded by the cache's lock.</summary>
        public bool HasPatientWaiter => _patient != null || PatientTraced;

        /// <summary>A traced caller that cannot cancel waits on a waiter of its own; guarded by the cache's lock.</summary>
        public bool PatientTraced { get; set; }

        /// <summary>The upstream query has ended (set under the cache's lock, as it leaves the in-flight table).</summary>
        public bool Ended { get; set; }

        /// <summary>A caller that cannot cancel joins: the shared task every such caller gets. Under the cache's lock.</summary>
        public Task<DnsAnswer> JoinPatient() =>
            (_patient ??= new TaskCompletionSource<DnsAnswer>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        /// <summary>
        /// Callers with a waiter of their own; guarded by the cache's lock. The first in a field (most questions have
        /// one caller), a list only for more.
        /// </summary>
        private CacheWaiter? _waiter;
        private List<CacheWaiter>? _moreWaiters;

        /// <summary>Only while the flight is the key's current one, so never after <see cref="TakeWaiters"/>.</summary>
        public void Join(CacheWaiter waiter)
        {
            if (_waiter == null && _moreWaiters == null) _waiter = waiter;
            else (_moreWaiters ??= new List<CacheWaiter>()).Add(waiter);
        }

        public void Drop(CacheWaiter waiter)
        {
            if (_waiter == waiter) _waiter = null;
            else _moreWaiters?.Remove(waiter);
        }

        /// <summary>The waiters to complete when the query ends (called once, under the cache's lock).</summary>
        public void TakeWaiters(out CacheWaiter? first, out List<CacheWaiter>? more)
        {
            first = _waiter;
            more = _moreWaiters;
            _waiter = null;
            _moreWaiters = null;
        }

        private Task<DnsAnswer>? _upstream;

        /// <summary>Calls the cache's Finish when <paramref name="upstream"/> ends, on the thread that ends it (one delegate, no state machine).</summary>
        public void WhenDone(Task<DnsAnswer> upstream)
        {
            _upstream = upstream;
            upstream.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(UpstreamDone);
        }

        private void UpstreamDone() => Cache.Finish(Key, this, _upstream!);

        public void Complete(DnsAnswer answer) => _patient?.TrySetResult(answer);

        public void Fail(Exception e)
        {
            if (_patient == null) return;
            if (e is OperationCanceledException) _patient.TrySetCanceled();
            else _patient.TrySetException(e);
        }
    }
}
