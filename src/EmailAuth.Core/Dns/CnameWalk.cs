using System;
using System.Collections.Generic;
using System.Linq;
using EmailAuth.Core.Dns.Wire;

namespace EmailAuth.Core.Dns
{
    /// <summary>
    /// Follows a CNAME chain (RFC 1034 §3.6.2, §4.3.2) through the answer sections of one or more responses,
    /// from the query name to the records of the asked type; bounded and loop-safe. Counts the queries the
    /// lookup sends: a recursive resolver answers a whole chain at once, a server that does not follow CNAMEs
    /// (an authoritative one, RFC 1034 §4.3.2) costs a query per hop, so those hops have their own limit.
    /// Names are in presentation form.
    /// </summary>
    internal sealed class CnameWalk
    {
        /// <summary>
        /// Further questions asked for one name when a server answers a CNAME without following it: at most
        /// this many (one name costs at most 1 + 8 questions, each with its retries). Real chains (CDNs, hosted
        /// mail) are two or three links, and a recursive resolver answers them in one response.
        /// </summary>
        public const int MaxHopQueries = 8;

        private readonly string _query;
        private readonly DnsRecordType _type;
        // Made on first use: most lookups meet no CNAME (chain, seen) and many have no records.
        private List<string>? _chain;
        private HashSet<string>? _seen; // the query and the targets followed
        private List<DnsRecord>? _records;

        public CnameWalk(string query, DnsRecordType type)
        {
            _query = query;
            _type = type;
        }

        public IReadOnlyList<string> Chain => _chain == null || _chain.Count == 0 ? Array.Empty<string>() : _chain.ToArray();
        public IReadOnlyList<DnsRecord> Records => (IReadOnlyList<DnsRecord>?)_records ?? Array.Empty<DnsRecord>();

        /// <summary>Smallest TTL of the CNAMEs followed, in seconds (long.MaxValue when none).</summary>
        public long TtlSeconds { get; private set; } = long.MaxValue;

        /// <summary>How long the whole answer may be cached: its CNAMEs and records alike.</summary>
        public TimeSpan Ttl
        {
            get
            {
                var min = TtlSeconds;
                if (_records != null) foreach (var r in _records) min = Math.Min(min, r.Ttl);
                return TimeSpan.FromSeconds(Math.Max(0, min));
            }
        }

        /// <summary>Messages sent for this lookup so far (attempts, retries, failover and hops).</summary>
        public int QueriesSent { get; private set; }

        /// <summary>Hop questions asked so far (names after the first).</summary>
        public int HopQueries { get; private set; }

        public void CountSent(int attempts) => QueriesSent += attempts;

        /// <summary>
        /// Takes one more hop question for <paramref name="target"/>; false with <paramref name="error"/> when the
        /// per-name limit is used up (the lookup ends there: no more traffic for this name).
        /// </summary>
        public bool TryAskAgain(string target, string server, out string? error)
        {
            if (HopQueries >= MaxHopQueries)
            {
                error = $"{server} answered CNAMEs one hop at a time: {target} would need a query beyond the limit of " +
                        $"{MaxHopQueries} CNAME hop queries per name (ask a recursive resolver)";
                return false;
            }
            HopQueries++;
            error = null;
            return true;
        }

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
                DnsWireRecord? cname = null;
                for (var i = 0; i < answers.Count; i++) // no boxed enumerator (once per answer)
                {
                    var rr = answers[i];
                    if (rr.Is(_type) && DnsName.Equals(rr.Name, owner)) (_records ??= new List<DnsRecord>()).Add(rr.Record!);
                    else if (cname == null && rr.Is(DnsRecordType.CNAME) && DnsName.Equals(rr.Name, owner)) cname = rr;
                }
                if (_records != null || _type == DnsRecordType.CNAME) return owner;

                if (cname == null) return owner;
                var target = cname.Record!.Data;
                _seen ??= new HashSet<string>(DnsName.Comparer) { _query };
                _chain ??= new List<string>();
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
