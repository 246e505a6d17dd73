using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Dns;
using EmailAuth.Core.ZoneFiles;

namespace EmailAuth.Internal
{
    /// <summary>
    /// One CachingDnsResolver per distinct (servers, timeout) or zone-file set for the whole
    /// session (static, so every cmdlet and runspace in the process shares the TTL cache).
    /// Zone-file resolvers are keyed by the files' size and write time as well: a zone edited
    /// between two pre-flight runs is read again instead of being served stale from the cache.
    /// <see cref="Gate"/> guards the live resolvers only; it is never held across file I/O.
    /// </summary>
    internal static class ResolverRegistry
    {
        private static readonly object Gate = new object();
        private static readonly Dictionary<string, IDnsResolver> Live = new Dictionary<string, IDnsResolver>(StringComparer.OrdinalIgnoreCase);
        private static readonly ZoneFileResolverCache Zones = new ZoneFileResolverCache();

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

        /// <summary>
        /// Loads (or reuses) the zone files; throws ZoneFileException/IOException from the loader and
        /// OperationCanceledException when <paramref name="cancellationToken"/> ends the wait. Zone sets load
        /// independently of each other and of <see cref="Gate"/> (see <see cref="ZoneFileResolverCache"/>).
        /// </summary>
        public static Task<ZoneFileLoad> ForZoneFilesAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken) =>
            Zones.GetAsync(paths, cancellationToken);
    }
}
