using System;
using System.Collections.Generic;
using System.Linq;
using EmailAuth.Core.Aws.Route53;

namespace EmailAuth.Core.Aws.DnsPlan
{
    /// <summary>The hosted zone a name belongs in: the public zone with the longest name that is the name or a suffix of it.</summary>
    public static class HostedZoneMatcher
    {
        public static Route53HostedZone? Find(IEnumerable<Route53HostedZone> zones, string name)
        {
            var absolute = DnsNames.Absolute(name);
            // Longest match: a delegated child zone (sub.example.com) wins over its parent (example.com). Ties
            // (two public zones of one name: only one can be delegated) go to the lowest id, so runs are stable.
            return zones.Where(z => !z.PrivateZone && DnsNames.IsInZone(absolute, DnsNames.Absolute(z.Name)))
                .OrderByDescending(z => DnsNames.Absolute(z.Name).Length)
                .ThenBy(z => z.Id, StringComparer.Ordinal)
                .FirstOrDefault();
        }

        /// <summary>True when more than one public zone has the winning zone's name (the user should pass -HostedZoneId).</summary>
        public static bool IsAmbiguous(IEnumerable<Route53HostedZone> zones, Route53HostedZone chosen) =>
            zones.Count(z => !z.PrivateZone && string.Equals(DnsNames.Absolute(z.Name), DnsNames.Absolute(chosen.Name), StringComparison.Ordinal)) > 1;
    }
}
