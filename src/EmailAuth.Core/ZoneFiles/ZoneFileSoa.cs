namespace EmailAuth.Core.ZoneFiles
{
    /// <summary>The SOA record of a zone read from a master file (RFC 1035 §3.3.13); names without the trailing dot.</summary>
    public sealed class ZoneFileSoa
    {
        public ZoneFileSoa(string zone, string primaryServer, string mailbox, uint serial, uint refresh, uint retry, uint expire, uint minimum)
        {
            Zone = zone;
            PrimaryServer = primaryServer;
            Mailbox = mailbox;
            Serial = serial;
            Refresh = refresh;
            Retry = retry;
            Expire = expire;
            Minimum = minimum;
        }

        /// <summary>The SOA owner: the zone apex.</summary>
        public string Zone { get; }
        public string PrimaryServer { get; }
        public string Mailbox { get; }
        public uint Serial { get; }
        public uint Refresh { get; }
        public uint Retry { get; }
        public uint Expire { get; }
        /// <summary>RFC 2308 §4: the negative-caching TTL; also BIND's TTL for a file with neither $TTL nor an earlier TTL.</summary>
        public uint Minimum { get; }
    }
}
