using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace EmailAuth.Core.Dns
{
    /// <summary>
    /// Records every query of one evaluation (thread-safe), so a cmdlet can show with -Verbose
    /// exactly what was asked and answered. Wrap a shared (cached) resolver once per evaluation.
    /// </summary>
    public sealed class TracingDnsResolver : IDnsResolver, IDnsQueryTiming
    {
        private readonly IDnsResolver _inner;
        private readonly List<DnsTraceEntry> _entries = new List<DnsTraceEntry>(16); // an audit's queries: one array, not 4, 8, 16

        public TracingDnsResolver(IDnsResolver inner)
        {
            _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        }

        public TimeSpan WorstCaseQueryTime => DnsQueryTiming.Of(_inner);

        public IReadOnlyList<DnsTraceEntry> Entries
        {
            get { lock (_entries) return _entries.ToArray(); }
        }

        /// <summary>
        /// The inner answer, recorded. An answer that is there at once (a cache hit) is recorded without a state
        /// machine; a pending one from a <see cref="CachingDnsResolver"/> is recorded by the cache as it completes the
        /// caller's task (no continuation here); another pending one waits in <see cref="RecordWhenDoneAsync"/>.
        /// </summary>
        public Task<DnsAnswer> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken = default)
        {
            var start = Stopwatch.GetTimestamp();
            Task<DnsAnswer> task;
            var traced = false;
            try
            {
                task = _inner is CachingDnsResolver cache
                    ? cache.QueryAsync(name, type, cancellationToken, this, start, out traced)
                    : _inner.QueryAsync(name, type, cancellationToken);
            }
            catch (Exception e) // as from an async method: in the task (cancelled for OperationCanceledException), not thrown here
            {
                return FailedAsync(e);
            }
            if (traced) return task;
            if (task.Status != TaskStatus.RanToCompletion) return RecordWhenDoneAsync(task, start);
            Record(task.Result, start);
            return task;
        }

        private async Task<DnsAnswer> RecordWhenDoneAsync(Task<DnsAnswer> pending, long start)
        {
            var answer = await pending.ConfigureAwait(false);
            Record(answer, start);
            return answer;
        }

#pragma warning disable CS1998 // no await: the exception goes into the task as an async method puts it there
        private static async Task<DnsAnswer> FailedAsync(Exception e)
        {
            ExceptionDispatchInfo.Capture(e).Throw();
            throw e; // unreachable
        }
#pragma warning restore CS1998

        /// <summary>Adds the answer's entry; <paramref name="start"/> is when the query started (Stopwatch ticks).</summary>
        internal void Record(DnsAnswer answer, long start)
        {
            var elapsed = TimeSpan.FromTicks((Stopwatch.GetTimestamp() - start) * TimeSpan.TicksPerSecond / Stopwatch.Frequency);
            lock (_entries) _entries.Add(new DnsTraceEntry(answer, elapsed));
        }
    }
}
