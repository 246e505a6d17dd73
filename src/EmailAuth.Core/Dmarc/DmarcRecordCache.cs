using System.Collections.Concurrent;

namespace EmailAuth.Core.Dmarc
{
    /// <summary>
    /// Parsed DMARC records by text, shared by every discovery (parsing is pure: <see cref="DmarcParser.Parse"/> reads
    /// only the text, and a <see cref="DmarcRecord"/> is not changed after it). One posture audit meets the same record
    /// four or more times (its own discovery, the tree walks for the report destinations and for alignment), and a bulk
    /// audit meets the records of shared Organizational Domains for every domain. Bounded as <c>SpfRecordCache</c> is:
    /// cleared when full, long texts never kept.
    /// </summary>
    internal static class DmarcRecordCache
    {
        public const int MaxEntries = 4096;
        /// <summary>Longer texts are parsed every time (hostile or broken records must not pin memory).</summary>
        public const int MaxCachedLength = 2048;

        private static readonly ConcurrentDictionary<string, DmarcRecord> Cache = new ConcurrentDictionary<string, DmarcRecord>();

        public static DmarcRecord Get(string text)
        {
            if (Cache.TryGetValue(text, out var record)) return record;
            record = DmarcParser.Parse(text);
            if (text.Length <= MaxCachedLength)
            {
                if (Cache.Count >= MaxEntries) Cache.Clear();
                Cache.TryAdd(text, record);
            }
            return record;
        }

        internal static int Count => Cache.Count;
    }
}
