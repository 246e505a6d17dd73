using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using EmailAuth.Core.Dns;
using EmailAuth.Core.ZoneFiles;

namespace EmailAuth.Internal
{
    /// <summary>
    /// One CachingDnsResolver per distinct (servers, timeout) or zone-file set for the whole
    /// session (static, so every cmdlet and runspace in the process shares the TTL cache).
    /// Zone-file resolvers are keyed by the files' size and write time as well: a zone edited
    /// between two pre-flight runs is read again instead of being served stale from the cache.
    /// </summary>
    internal static class ResolverRegistry
    {
        private static readonly object Gate = new object();
        private static readonly Dictionary<string, IDnsResolver> Live = new Dictionary<string, IDnsResolver>(StringComparer.OrdinalIgnoreCase);
        private static readonly Dictionary<string, (string Stamp, IDnsResolver Resolver)> Zones = new Dictionary<string, (string, IDnsResolver)>(StringComparer.Ordinal);

        public static IDnsResolver ForServers(IReadOnlyList<string> servers, TimeSpan timeout)
        {
            var key = string.Join(",", servers) + "|" + timeout.TotalSeconds;
            lock (Gate)
            {
                if (!Live.TryGetValue(key, out var resolver))
                {
                    var options = new DnsResolverOptions { Servers = servers.ToArray(), Timeout = timeout };
                    Live[key] = resolver = new CachingDnsResolver(new LiveDnsResolver(options));
                }
                return resolver;
            }
        }

        /// <summary>Loads (or reuses) the zone files; throws ZoneFileException/IOException from the loader.</summary>
        public static IDnsResolver ForZoneFiles(IReadOnlyList<string> paths)
        {
            var key = string.Join("\n", paths.OrderBy(p => p, StringComparer.Ordinal));
            var stamp = string.Join("\n", paths.OrderBy(p => p, StringComparer.Ordinal).Select(p =>
            {
                var f = new FileInfo(p);
                return f.Exists ? $"{f.Length}:{f.LastWriteTimeUtc.Ticks}" : "missing";
            }));
            lock (Gate)
            {
                if (Zones.TryGetValue(key, out var entry) && entry.Stamp == stamp) return entry.Resolver;
                // Loading under the lock is deliberate: two cmdlets asking for the same files parse them once.
                var resolver = new CachingDnsResolver(ZoneFileResolver.Load(paths));
                Zones[key] = (stamp, resolver);
                return resolver;
            }
        }
    }
}
