using System.Collections.Generic;
using EmailAuth.Core.Dns;

namespace EmailAuth.Internal
{
    /// <summary>Where a cmdlet's DNS answers come from: the resolver, words for -Verbose, and with -ZoneFile the zones the files hold.</summary>
    internal sealed class DnsSource
    {
        public DnsSource(IDnsResolver resolver, string description, IReadOnlyList<string>? offlineZones)
        {
            Resolver = resolver;
            Description = description;
            OfflineZones = offlineZones;
        }

        public IDnsResolver Resolver { get; }
        public string Description { get; }
        /// <summary>Null for live DNS.</summary>
        public IReadOnlyList<string>? OfflineZones { get; }
    }
}
