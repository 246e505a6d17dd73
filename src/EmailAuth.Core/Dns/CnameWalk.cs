using System;
using System.Collections.Generic;
using System.Linq;
using EmailAuth.Core.Dns.Wire;

namespace EmailAuth.Core.Dns
{
    /// <summary>
    /// Follows a CNAME chain (RFC 1034 §3.6.2, §4.3.2) through the answer sections of one or more responses,
    /// from the query name to the records of the asked type; bounded and loop-safe. Names are in presentation form.
    /// </summary>
    internal sealed class CnameWalk
    {
        private readonly string _query;
        private readonly DnsRecordType _type;
        private readonly List<string> _chain = new List<string>();
        private readonly HashSet<string> _seen = new HashSet<string>(DnsName.Comparer);
        private readonly List<DnsRecord> _records = new List<DnsRecord>();

        public CnameWalk(string query, DnsRecordType type)
        {
            _query = query;
            _type = type;
            _seen.Add(query);
        }

        public IReadOnlyList<string> Chain => _chain.ToArray();
        public IReadOnlyList<DnsRecord> Records => _records;

        /// <summary>Smallest TTL of the CNAMEs followed, in seconds (long.MaxValue when none).</summary>
        public long TtlSeconds { get; private set; } = long.MaxValue;

        /// <summary>How long the whole answer may be cached: its CNAMEs and records alike.</summary>
        public TimeSpan Ttl => TimeSpan.FromSeconds(Math.Max(0, _records.Select(r => (long)r.Ttl).DefaultIfEmpty(long.MaxValue).Concat(new[] { TtlSeconds }).Min()));

        /// <summary>
        /// Walks <paramref name="answers"/> from <paramref name="from"/>: collects the asked records at the
        /// end of the chain into <see cref="Records"/> and returns the last name reached. A loop or an
        /// over-long chain sets <paramref name="error"/>.
        /// </summary>
        public string Follow(string from, IReadOnlyList<DnsWireRecord> answers, out string? error)
        {
            error = null;
            var owner = from;
            while (true)
            {
                _records.AddRange(answers.Where(rr => rr.Is(_type) && DnsName.Equals(rr.Name, owner)).Select(rr => rr.Record!));
                if (_records.Count > 0 || _type == DnsRecordType.CNAME) return owner;

                var cname = answers.FirstOrDefault(rr => rr.Is(DnsRecordType.CNAME) && DnsName.Equals(rr.Name, owner));
                if (cname == null) return owner;
                var target = cname.Record!.Data;
                if (!_seen.Add(target))
                {
                    error = $"CNAME loop: {string.Join(" -> ", new[] { _query }.Concat(_chain).Concat(new[] { target }))}";
                    return owner;
                }
                if (_chain.Count >= RecordSetResolver.MaxCnameChain)
                {
                    error = $"CNAME chain longer than {RecordSetResolver.MaxCnameChain} links";
                    return owner;
                }
                _chain.Add(target);
                TtlSeconds = Math.Min(TtlSeconds, cname.Ttl);
                owner = target;
            }
        }
    }
}
