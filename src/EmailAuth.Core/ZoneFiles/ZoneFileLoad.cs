using EmailAuth.Core.Dns;

namespace EmailAuth.Core.ZoneFiles
{
    /// <summary>A set of zone files as <see cref="ZoneFileResolverCache"/> hands it out.</summary>
    public sealed class ZoneFileLoad
    {
        internal ZoneFileLoad(ZoneFileResolver zones, IDnsResolver resolver, bool isFirstUse)
        {
            Zones = zones;
            Resolver = resolver;
            IsFirstUse = isFirstUse;
        }

        /// <summary>What the files hold, with their <see cref="ZoneFileResolver.Warnings"/>.</summary>
        public ZoneFileResolver Zones { get; }

        /// <summary>The shared caching resolver over <see cref="Zones"/>.</summary>
        public IDnsResolver Resolver { get; }

        /// <summary>True for exactly one caller per load (the first to receive it): that caller shows the warnings.</summary>
        public bool IsFirstUse { get; }
    }
}
