using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using DnsClient;

namespace EmailAuth.Core.Dns
{
    /// <summary>The servers a <see cref="LiveDnsResolver"/> asks, in order; or why there are none.</summary>
    internal sealed class DnsServerSet
    {
        public DnsServerSet(IReadOnlyList<DnsServerAddress> servers) => Servers = servers;

        private DnsServerSet(string error)
        {
            Servers = Array.Empty<DnsServerAddress>();
            Error = error;
        }

        public IReadOnlyList<DnsServerAddress> Servers { get; }
        public string? Error { get; }

        public static DnsServerSet FromSystem(Func<IReadOnlyList<DnsServerAddress>> find)
        {
            IReadOnlyList<DnsServerAddress> found;
            try
            {
                found = find();
            }
            catch (Exception e)
            {
                return new DnsServerSet($"No DNS server configured and the system's could not be read: {e.Message}");
            }
            return found.Count > 0 ? new DnsServerSet(found)
                 : new DnsServerSet("No DNS server configured and none found on this system; give a server explicitly");
        }

        /// <summary>
        /// The system's resolvers (resolv.conf, network interfaces), found with DnsClient (its only use here);
        /// never a public fallback such as Google's.
        /// </summary>
        public static IReadOnlyList<DnsServerAddress> SystemServers() =>
            NameServer.ResolveNameServers(skipIPv6SiteLocal: true, fallbackToGooglePublicDns: false)
                .Select(ns => new DnsServerAddress(IPAddress.Parse(ns.Address), ns.Port))
                .Distinct()
                .ToList();
    }
}
