using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace EmailAuth.Core.Dns
{
    /// <summary>
    /// Answers from an in-memory set of records as an authoritative server would: NXDOMAIN when no
    /// record exists at or below the name (RFC 8020 empty non-terminals are NODATA), NODATA when the
    /// name exists without the asked type, CNAMEs followed (bounded). Backs the zone-file resolver and tests.
    /// </summary>
    public sealed class RecordSetResolver : IDnsResolver
    {
        /// <summary>Longest CNAME chain followed before the answer is an error (loops and runaway chains).</summary>
        public const int MaxCnameChain = 16;

        private readonly Dictionary<string, List<DnsRecord>> _byName = new Dictionary<string, List<DnsRecord>>(DnsName.Comparer);
        private readonly HashSet<string> _existingNames = new HashSet<string>(DnsName.Comparer);
        private readonly string _source;

        /// <param name="records">The records to serve.</param>
        /// <param name="source">Reported as <see cref="DnsAnswer.Server"/>, e.g. "zonefile:/path/example.com.zone".</param>
        public RecordSetResolver(IEnumerable<DnsRecord> records, string source = "memory")
        {
            if (records == null) throw new ArgumentNullException(nameof(records));
            _source = source;
            foreach (var r in records)
            {
                if (!_byName.TryGetValue(r.Name, out var list)) _byName[r.Name] = list = new List<DnsRecord>();
                list.Add(r);
                // Every ancestor of an owner name exists (empty non-terminals answer NODATA, RFC 8020).
                for (var n = r.Name; n.Length > 0; n = Parent(n)) _existingNames.Add(n);
            }
        }

        public IReadOnlyCollection<string> Names => _byName.Keys;

        public Task<DnsAnswer> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken = default)
        {
            if (name == null) throw new ArgumentNullException(nameof(name));
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(Answer(DnsName.Normalize(name), type));
        }

        private DnsAnswer Answer(string query, DnsRecordType type)
        {
            var chain = new List<string>();
            var current = query;
            for (var hop = 0; ; hop++)
            {
                if (_byName.TryGetValue(current, out var rrs))
                {
                    var matching = rrs.Where(r => r.Type == type).ToList();
                    if (matching.Count > 0)
                        return new DnsAnswer(query, type, DnsAnswerStatus.Success, matching, _source, cnameChain: chain);
                    var cname = type == DnsRecordType.CNAME ? null : rrs.FirstOrDefault(r => r.Type == DnsRecordType.CNAME);
                    if (cname != null)
                    {
                        if (hop >= MaxCnameChain || chain.Contains(cname.Data, DnsName.Comparer) || DnsName.Equals(cname.Data, query))
                            return new DnsAnswer(query, type, DnsAnswerStatus.Error, server: _source,
                                errorMessage: $"CNAME chain from {query} loops or exceeds {MaxCnameChain} links", cnameChain: chain);
                        chain.Add(cname.Data);
                        current = DnsName.Normalize(cname.Data);
                        continue;
                    }
                    return new DnsAnswer(query, type, DnsAnswerStatus.NoData, server: _source, cnameChain: chain);
                }
                var status = _existingNames.Contains(current) ? DnsAnswerStatus.NoData : DnsAnswerStatus.NxDomain;
                return new DnsAnswer(query, type, status, server: _source, cnameChain: chain);
            }
        }

        private static string Parent(string name)
        {
            var dot = name.IndexOf('.');
            return dot < 0 ? string.Empty : name.Substring(dot + 1);
        }
    }
}
