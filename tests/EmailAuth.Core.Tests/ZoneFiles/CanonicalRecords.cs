using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using EmailAuth.Core.Dns;
using EmailAuth.Core.ZoneFiles;

namespace EmailAuth.Core.Tests.ZoneFiles
{
    /// <summary>
    /// One comparable spelling of a record: "owner ttl TYPE rdata", names lower-case without the final dot,
    /// TXT as its list of strings. Built from our <see cref="DnsRecord"/>s, or read independently of our parser
    /// from named-compilezone's "-s full" dump (one "owner ttl class type rdata" line per record).
    /// </summary>
    internal static class CanonicalRecords
    {
        private static readonly Regex Line = new Regex(@"^(\S+)\s+(\d+)\s+IN\s+(\S+)\s+(.*?)\s*$");
        private static readonly Regex Quoted = new Regex(@"""((?:[^""\\]|\\.)*)""");

        public static string[] FromRecords(IEnumerable<DnsRecord> records) =>
            records.Select(r => Spell(r.Name, r.Ttl, r.Type.ToString(), Rdata(r))).OrderBy(s => s, StringComparer.Ordinal).ToArray();

        /// <summary>Lines of the modelled types from named's dump; other types are left out (we skip them).</summary>
        public static string[] FromNamedDump(string dump)
        {
            var result = new List<string>();
            foreach (var line in dump.Split('\n'))
            {
                if (line.Trim().Length == 0) continue;
                var m = Line.Match(line);
                if (!m.Success) throw new FormatException($"unexpected named-compilezone line: {line}");
                var type = m.Groups[3].Value;
                if (!Enum.TryParse<DnsRecordType>(type, out var t) || !Enum.IsDefined(typeof(DnsRecordType), t) || type != t.ToString()) continue;
                result.Add(Spell(m.Groups[1].Value, int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), type, NamedRdata(t, m.Groups[4].Value)));
            }
            return result.OrderBy(s => s, StringComparer.Ordinal).ToArray();
        }

        private static string Spell(string owner, int ttl, string type, string rdata) => $"{Name(owner)} {ttl} {type} {rdata}";

        private static string Rdata(DnsRecord r)
        {
            switch (r.Type)
            {
                case DnsRecordType.TXT:
                case DnsRecordType.SPF: return Strings(r.TextStrings);
                case DnsRecordType.MX: return $"{r.Preference} {Name(r.Data)}";
                case DnsRecordType.SOA: return Names(r.Data, 2);
                case DnsRecordType.A:
                case DnsRecordType.AAAA: return r.Data;
                default: return Name(r.Data);
            }
        }

        private static string NamedRdata(DnsRecordType type, string rdata)
        {
            switch (type)
            {
                case DnsRecordType.TXT:
                case DnsRecordType.SPF: return Strings(Quoted.Matches(rdata).Cast<Match>().Select(m => Unescape(m.Groups[1].Value)).ToList());
                case DnsRecordType.MX: return Names(rdata, 2, first: 1);
                case DnsRecordType.SOA: return Names(rdata, 2);
                case DnsRecordType.A:
                case DnsRecordType.AAAA: return rdata;
                default: return Name(rdata);
            }
        }

        private static string Strings(IReadOnlyList<string> strings) => string.Join(" ", strings.Select(s => "[" + s + "]"));

        /// <summary>Normalizes the names among the space-separated fields [first, count).</summary>
        private static string Names(string fields, int count, int first = 0)
        {
            var parts = fields.Split(' ');
            for (var i = first; i < count && i < parts.Length; i++) parts[i] = Name(parts[i]);
            return string.Join(" ", parts);
        }

        private static string Name(string name) =>
            (name.Length > 1 && name.EndsWith(".", StringComparison.Ordinal) && !name.EndsWith("\\.", StringComparison.Ordinal)
                ? name.Substring(0, name.Length - 1) : name).ToLowerInvariant();

        /// <summary>named prints "\"", "\\" and non-printable octets as "\DDD"; the octets are UTF-8 text.</summary>
        private static string Unescape(string s)
        {
            var bytes = new List<byte>();
            for (var i = 0; i < s.Length; i++)
            {
                if (s[i] != '\\') { bytes.AddRange(Encoding.UTF8.GetBytes(s[i].ToString())); continue; }
                if (char.IsDigit(s[i + 1])) { bytes.Add(byte.Parse(s.Substring(i + 1, 3), CultureInfo.InvariantCulture)); i += 3; }
                else bytes.Add((byte)s[++i]);
            }
            return new UTF8Encoding(false, false).GetString(bytes.ToArray());
        }
    }
}
