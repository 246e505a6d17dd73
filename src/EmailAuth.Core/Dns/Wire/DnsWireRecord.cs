namespace EmailAuth.Core.Dns.Wire
{
    /// <summary>One resource record of a response (RFC 1035 §4.1.3), owner name in presentation form.</summary>
    internal sealed class DnsWireRecord
    {
        public DnsWireRecord(string name, int type, int @class, int ttl, DnsRecord? record, long soaMinimum = 0)
        {
            Name = name;
            Type = type;
            Class = @class;
            Ttl = ttl;
            Record = record;
            SoaMinimum = soaMinimum;
        }

        public string Name { get; }
        public int Type { get; }
        public int Class { get; }
        /// <summary>Seconds; a TTL with the top bit set reads as 0 (RFC 2181 §8).</summary>
        public int Ttl { get; }
        /// <summary>The record in EmailAuth's form for the types it reads (<see cref="DnsRecordType"/>); null for others.</summary>
        public DnsRecord? Record { get; }
        /// <summary>SOA only: the MINIMUM field, the bound of negative caching (RFC 2308 §5).</summary>
        public long SoaMinimum { get; }

        public bool Is(DnsRecordType type) => Type == (int)type && Record != null;
    }
}
