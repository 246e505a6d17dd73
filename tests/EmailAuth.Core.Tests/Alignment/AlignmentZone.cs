using System;
using System.IO;
using EmailAuth.Core.ZoneFiles;

namespace EmailAuth.Core.Tests.Alignment
{
    /// <summary>The alignment fixture zone (tests/Fixtures/zones/alignment/test.zone), answered from the file.</summary>
    internal static class AlignmentZone
    {
        public static string ZoneFile => Path.Combine(AppContext.BaseDirectory, "Fixtures", "zones", "alignment", "test.zone");

        private static readonly Lazy<ZoneFileResolver> Loaded = new Lazy<ZoneFileResolver>(() => ZoneFileResolver.Load(new[] { ZoneFile }));

        public static ZoneFileResolver Resolver => Loaded.Value;
    }
}
