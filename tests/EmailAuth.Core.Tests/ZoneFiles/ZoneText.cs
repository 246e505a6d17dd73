using System.Collections.Generic;
using System.Linq;
using EmailAuth.Core.Dns;
using EmailAuth.Core.ZoneFiles;

namespace EmailAuth.Core.Tests.ZoneFiles
{
    /// <summary>Parses lines of master-file text under origin example.com (no path: errors name "&lt;text&gt;").</summary>
    internal static class ZoneText
    {
        public static ZoneFileContent Parse(params string[] lines) =>
            ZoneFileParser.Parse(string.Join("\n", lines) + "\n", "example.com");

        public static IReadOnlyList<DnsRecord> Records(params string[] lines) => Parse(lines).Records;

        public static DnsRecord Single(params string[] lines) => Records(lines).Single();

        /// <summary>"name ttl TYPE data" for compact assertions.</summary>
        public static string Show(DnsRecord r) =>
            r.Type == DnsRecordType.MX ? $"{r.Name} {r.Ttl} MX {r.Preference} {r.Data}" : $"{r.Name} {r.Ttl} {r.Type} {r.Data}";

        public static string[] Show(IEnumerable<DnsRecord> records) => records.Select(Show).ToArray();
    }
}
