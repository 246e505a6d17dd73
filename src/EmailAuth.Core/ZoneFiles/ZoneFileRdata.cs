using System.Collections.Generic;
using EmailAuth.Core.Dns;

namespace EmailAuth.Core.ZoneFiles
{
    /// <summary>The rdata of one modelled record in the presentation fields <see cref="DnsRecord"/> keeps.</summary>
    internal sealed class ZoneFileRdata
    {
        public ZoneFileRdata(string data, IReadOnlyList<string>? textStrings = null, int preference = 0, ZoneFileSoa? soa = null)
        {
            Data = data;
            TextStrings = textStrings;
            Preference = preference;
            Soa = soa;
        }

        public string Data { get; }
        public IReadOnlyList<string>? TextStrings { get; }
        public int Preference { get; }
        public ZoneFileSoa? Soa { get; }

        public static ZoneFileRdata Text(IReadOnlyList<byte[]> strings)
        {
            var decoded = new List<string>(strings.Count);
            foreach (var s in strings) decoded.Add(ZoneFileText.Decode(s));
            // RFC 7208 §3.3: the strings are concatenated with nothing in between.
            return new ZoneFileRdata(string.Concat(decoded), decoded);
        }

        public static ZoneFileRdata FromSoa(ZoneFileSoa soa) =>
            new ZoneFileRdata($"{soa.PrimaryServer} {soa.Mailbox} {soa.Serial} {soa.Refresh} {soa.Retry} {soa.Expire} {soa.Minimum}", soa: soa);
    }
}
