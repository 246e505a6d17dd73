using System;
using System.Collections.Generic;
using System.Diagnostics;
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
        private readonly List<DnsTraceEntry> _entries = new List<DnsTraceEntry>();

        public TracingDnsResolver(IDnsResolver inner)
        {
            _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        }

        public TimeSpan WorstCaseQueryTime => DnsQueryTiming.Of(_inner);

        public IReadOnlyList<DnsTraceEntry> Entries
        {
            get { lock (_entries) return _entries.ToArray(); }
        }

        public async Task<DnsAnswer> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken = default)
        {
            var sw = Stopwatch.StartNew();
            var answer = await _inner.QueryAsync(name, type, cancellationToken).ConfigureAwait(false);
            lock (_entries) _entries.Add(new DnsTraceEntry(answer, sw.Elapsed));
            return answer;
        }
    }
}
