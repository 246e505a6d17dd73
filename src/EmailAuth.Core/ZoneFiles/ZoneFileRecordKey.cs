using System.Collections.Generic;
using EmailAuth.Core.Dns;

namespace EmailAuth.Core.ZoneFiles
{
    /// <summary>Identity of a record for duplicate suppression (RFC 2181 §5: an RRset holds no duplicate RRs; the TTL is not part of it).</summary>
    internal static class ZoneFileRecordKey
    {
        public static string Of(DnsRecord r) =>
            string.Join("\u0000", r.Name.ToLowerInvariant(), ((int)r.Type).ToString(System.Globalization.CultureInfo.InvariantCulture),
                        r.Preference.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Data, string.Join("\u0001", r.TextStrings));

        public static List<DnsRecord> Distinct(IEnumerable<DnsRecord> records)
        {
            var seen = new HashSet<string>();
            var result = new List<DnsRecord>();
            foreach (var r in records) if (seen.Add(Of(r))) result.Add(r);
            return result;
        }
    }
}
