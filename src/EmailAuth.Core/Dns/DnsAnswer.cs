using System;
using System.Collections.Generic;

namespace EmailAuth.Core.Dns
{
    /// <summary>The outcome of one query: records of the asked type (after any CNAME chain), or why there are none.</summary>
    public sealed class DnsAnswer
    {
        private static readonly IReadOnlyList<DnsRecord> NoRecords = Array.Empty<DnsRecord>();
        private static readonly IReadOnlyList<string> NoNames = Array.Empty<string>();

        public DnsAnswer(string queryName, DnsRecordType queryType, DnsAnswerStatus status,
                         IReadOnlyList<DnsRecord>? records = null, string? server = null,
                         string? errorMessage = null, IReadOnlyList<string>? cnameChain = null,
                         bool fromCache = false, TimeSpan? cacheTtl = null, int queriesSent = 0)
        {
            QueryName = DnsName.Normalize(queryName);
            QueryType = queryType;
            Status = status;
            Records = records ?? NoRecords;
            Server = server;
            ErrorMessage = errorMessage;
            CnameChain = cnameChain ?? NoNames;
            FromCache = fromCache;
            CacheTtl = cacheTtl;
            QueriesSent = queriesSent;
        }

        public string QueryName { get; }
        public DnsRecordType QueryType { get; }
        public DnsAnswerStatus Status { get; }
        /// <summary>Records of <see cref="QueryType"/> only; their owner is the end of <see cref="CnameChain"/> when one was followed.</summary>
        public IReadOnlyList<DnsRecord> Records { get; }
        /// <summary>The server that answered (or failed), "ip:port", or "zonefile:&lt;path&gt;".</summary>
        public string? Server { get; }
        public string? ErrorMessage { get; }
        /// <summary>CNAME targets followed from <see cref="QueryName"/>, in order.</summary>
        public IReadOnlyList<string> CnameChain { get; }
        public bool FromCache { get; }

        /// <summary>
        /// How long the answer may be cached, as the resolver saw it: the smallest TTL along the CNAME
        /// chain and the records, or for NXDOMAIN/NODATA the SOA's negative TTL (RFC 2308 §5).
        /// Null when the resolver did not say; caches then fall back to the records' TTLs.
        /// </summary>
        public TimeSpan? CacheTtl { get; }

        /// <summary>
        /// DNS messages sent to servers for this answer: the first question, retries, failover to the next
        /// server and one per CNAME hop the server did not follow itself. 0 from a cache or zone data.
        /// </summary>
        public int QueriesSent { get; }

        /// <summary>Timeout, SERVFAIL, REFUSED or another failure: a temperror, never "no record".</summary>
        public bool IsError => Status >= DnsAnswerStatus.Timeout;

        /// <summary>NXDOMAIN or NODATA: a "void lookup" in RFC 7208 §4.6.4.</summary>
        public bool IsVoid => Status == DnsAnswerStatus.NxDomain || Status == DnsAnswerStatus.NoData;

        public DnsAnswer AsCached() =>
            new DnsAnswer(QueryName, QueryType, Status, Records, Server, ErrorMessage, CnameChain, fromCache: true, CacheTtl); // Nothing sent.

        /// <summary>The same answer with the cache lifetime its resolver determined.</summary>
        public DnsAnswer WithCacheTtl(TimeSpan ttl) =>
            new DnsAnswer(QueryName, QueryType, Status, Records, Server, ErrorMessage, CnameChain, FromCache, ttl, QueriesSent);

        public override string ToString() =>
            IsError ? $"{QueryName} {QueryType}: {Status} ({Server}: {ErrorMessage})"
                    : $"{QueryName} {QueryType}: {Status}, {Records.Count} record(s)";
    }
}
