using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Dns;

namespace EmailAuth.Benchmarks
{
    /// <summary>
    /// Records when each query started and ended, to count the sequential lookups of one audit: the longest chain of
    /// queries each of which started after the previous one had ended (the critical path, in round trips).
    /// </summary>
    internal sealed class QueryTimeline : IDnsResolver
    {
        private readonly IDnsResolver _inner;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly List<(TimeSpan Start, TimeSpan End, string Name)> _queries = new List<(TimeSpan, TimeSpan, string)>();

        public QueryTimeline(IDnsResolver inner) => _inner = inner;

        public int Count { get { lock (_queries) return _queries.Count; } }

        /// <summary>The timeline's clock, to pass to <see cref="CriticalPath"/>.</summary>
        public TimeSpan Now => _clock.Elapsed;

        public async Task<DnsAnswer> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken = default)
        {
            var start = _clock.Elapsed;
            var answer = await _inner.QueryAsync(name, type, cancellationToken).ConfigureAwait(false);
            lock (_queries) _queries.Add((start, _clock.Elapsed, $"{type} {name}"));
            return answer;
        }

        /// <summary>The longest chain among the queries started at or after <paramref name="since"/>, first to last.</summary>
        public IReadOnlyList<string> CriticalPath(TimeSpan since)
        {
            List<(TimeSpan Start, TimeSpan End, string Name)> q;
            lock (_queries) q = _queries.Where(x => x.Start >= since).OrderBy(x => x.End).ToList();
            var length = new int[q.Count];
            var previous = new int[q.Count];
            for (var i = 0; i < q.Count; i++)
            {
                length[i] = 1;
                previous[i] = -1;
                for (var j = 0; j < i; j++)
                    if (q[j].End <= q[i].Start && length[j] + 1 > length[i]) { length[i] = length[j] + 1; previous[i] = j; }
            }
            var path = new List<string>();
            if (q.Count == 0) return path;
            var k = Array.IndexOf(length, length.Max());
            for (; k >= 0; k = previous[k]) path.Add(q[k].Name);
            path.Reverse();
            return path;
        }
    }
}
