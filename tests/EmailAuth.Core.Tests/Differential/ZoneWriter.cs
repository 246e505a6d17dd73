using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace EmailAuth.Core.Tests.Differential
{
    /// <summary>
    /// Turns scenarios into RFC 1035 master files: the forward zone spf.test and the reverse zones
    /// for the scenarios' address blocks (10.0.0.0/8 and 2001:db8::/32), so ptr and %{p} work.
    /// </summary>
    public static class ZoneWriter
    {
        public const string Reverse4 = "10.in-addr.arpa";
        public const string Reverse6 = "8.b.d.0.1.0.0.2.ip6.arpa";
        public static readonly string[] Origins = { ScenarioGenerator.Zone, Reverse4, Reverse6 };

        public static IReadOnlyList<(string Origin, string ZoneText)> Write(IEnumerable<Scenario> scenarios)
        {
            var byZone = Origins.ToDictionary(o => o, o => new List<string>(), StringComparer.OrdinalIgnoreCase);
            foreach (var r in scenarios.SelectMany(s => s.Records))
            {
                var origin = Origins.FirstOrDefault(o => r.Owner.EndsWith("." + o, StringComparison.OrdinalIgnoreCase))
                    ?? throw new InvalidOperationException($"record outside the served zones: {r}");
                byZone[origin].Add(Line(r));
            }
            return Origins.Select(o => (o, Header(o) + string.Join("\n", byZone[o].Distinct()) + "\n")).ToList();
        }

        private static string Header(string origin) =>
            $"$ORIGIN {origin}.\n$TTL 3600\n@ SOA ns.{ScenarioGenerator.Zone}. hostmaster.{ScenarioGenerator.Zone}. 1 3600 600 86400 300\n" +
            $"@ NS ns.{ScenarioGenerator.Zone}.\n" + (origin == ScenarioGenerator.Zone ? "ns A 127.0.0.1\n" : "");

        private static string Line(ZoneRecord r)
        {
            var owner = Name(r.Owner);
            switch (r.Type)
            {
                case "TXT":
                case "SPF":
                    // One character-string holds at most 255 octets (RFC 1035 §3.3); longer ones are split.
                    var strings = r.Data.SelectMany(Chunks).Select(Quote);
                    return $"{owner} {r.Type} {string.Join(" ", strings)}";
                case "MX": return $"{owner} MX {r.Preference} {Name(r.Data[0])}";
                case "CNAME":
                case "PTR": return $"{owner} {r.Type} {Name(r.Data[0])}";
                default: return $"{owner} {r.Type} {r.Data[0]}";
            }
        }

        private static IEnumerable<string> Chunks(string s)
        {
            if (s.Length == 0) yield return s;
            for (var i = 0; i < s.Length; i += 255) yield return s.Substring(i, Math.Min(255, s.Length - i));
        }

        private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

        /// <summary>Absolute presentation form; octets outside letters, digits, '-', '_' written as \DDD (RFC 1035 §5.1).</summary>
        public static string Name(string name)
        {
            var sb = new StringBuilder();
            foreach (var label in name.TrimEnd('.').Split('.'))
            {
                foreach (var c in label)
                    sb.Append(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_' ? c.ToString() : $"\\{(int)c:D3}");
                sb.Append('.');
            }
            return sb.ToString();
        }
    }
}
