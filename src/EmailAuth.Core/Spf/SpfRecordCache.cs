using System.Collections.Concurrent;

namespace EmailAuth.Core.Spf
{
    /// <summary>
    /// Parsed records by text, shared by all evaluations (parsing is pure). Bounded: when full it is cleared
    /// rather than evicted piecemeal, which keeps the hot path to one dictionary lookup.
    /// </summary>
    internal static class SpfRecordCache
    {
        public const int MaxEntries = 4096;
        /// <summary>Longer texts are parsed every time (hostile or broken records must not pin memory).</summary>
        public const int MaxCachedLength = 4096;

        private static readonly ConcurrentDictionary<string, SpfRecord> Cache = new ConcurrentDictionary<string, SpfRecord>();

        public static SpfRecord Get(string text)
        {
            if (Cache.TryGetValue(text, out var record)) return record;
            record = SpfParser.Parse(text);
            if (text.Length <= MaxCachedLength)
            {
                if (Cache.Count >= MaxEntries) Cache.Clear();
                Cache.TryAdd(text, record);
            }
            return record;
        }

        internal static int Count => Cache.Count;

        /// <summary>Whether <paramref name="text"/>'s parse is kept (tests: the inspector shares it with evaluations).</summary>
        internal static bool Contains(string text) => Cache.ContainsKey(text);
    }
}
