using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace EmailAuth.Core.Aws.DnsPlan
{
    /// <summary>Writes planned records for DNS hosted outside Route 53: BIND master-file lines, CSV or JSON.</summary>
    public static class SesDnsRecordWriter
    {
        public static string Write(IEnumerable<SesDnsRecord> records, SesDnsRecordFormat format)
        {
            if (records == null) throw new ArgumentNullException(nameof(records));
            var list = records.ToList();
            foreach (var r in list) Check(r);
            switch (format)
            {
                case SesDnsRecordFormat.Bind: return Bind(list);
                case SesDnsRecordFormat.Csv: return Csv(list);
                case SesDnsRecordFormat.Json: return Json(list);
                default: throw new ArgumentOutOfRangeException(nameof(format));
            }
        }

        /// <summary>
        /// One line per value: absolute owner (trailing dot, so no $ORIGIN applies: RFC 1035 §5.1), TTL, class,
        /// type, data; TXT data stays as planned (quoted strings of at most 255 bytes). Comments name the purpose.
        /// </summary>
        private static string Bind(IReadOnlyList<SesDnsRecord> records)
        {
            var sb = new StringBuilder();
            sb.Append("; DNS records for Amazon SES identities (EmailAuth Export-SesDnsRecord). Names are absolute.\n");
            foreach (var group in records.GroupBy(r => r.Domain))
            {
                sb.Append("; ").Append(group.Key).Append('\n');
                foreach (var r in group)
                {
                    sb.Append("; ").Append(r.Purpose).Append(": ").Append(string.Join(", ", r.Identities));
                    if (r.Accounts.Count > 0) sb.Append(" (").Append(string.Join(", ", r.Accounts)).Append(' ').Append(string.Join(", ", r.Regions)).Append(')');
                    sb.Append('\n');
                    foreach (var v in r.Values)
                        sb.Append(r.Name).Append('\t').Append(r.Ttl.ToString(CultureInfo.InvariantCulture)).Append("\tIN\t").Append(r.Type).Append('\t').Append(v).Append('\n');
                }
            }
            return sb.ToString();
        }

        /// <summary>RFC 4180: CRLF line ends, fields with a quote, comma or line break quoted, quotes doubled.</summary>
        private static string Csv(IReadOnlyList<SesDnsRecord> records)
        {
            var sb = new StringBuilder();
            sb.Append("Name,Type,Ttl,Value,Purpose,Domain,Identities,Accounts,Regions\r\n");
            foreach (var r in records)
                foreach (var v in r.Values)
                {
                    sb.Append(string.Join(",", new[]
                    {
                        r.Name, r.Type, r.Ttl.ToString(CultureInfo.InvariantCulture), v, r.Purpose.ToString(), r.Domain,
                        string.Join(" ", r.Identities), string.Join(" ", r.Accounts), string.Join(" ", r.Regions),
                    }.Select(CsvField)));
                    sb.Append("\r\n");
                }
            return sb.ToString();
        }

        private static string CsvField(string s) =>
            s.IndexOfAny(new[] { '"', ',', '\r', '\n' }) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

        /// <summary>Relaxed escaping: the file is data for tools, never embedded in HTML, and quotes stay readable as \".</summary>
        private static string Json(IReadOnlyList<SesDnsRecord> records)
        {
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                w.WriteStartArray();
                foreach (var r in records)
                {
                    w.WriteStartObject();
                    w.WriteString("Name", r.Name);
                    w.WriteString("Type", r.Type);
                    w.WriteNumber("Ttl", r.Ttl);
                    WriteArray(w, "Values", r.Values);
                    if (r.Type == "TXT") WriteArray(w, "Text", r.Text);
                    w.WriteString("Purpose", r.Purpose.ToString());
                    w.WriteString("Domain", r.Domain);
                    WriteArray(w, "Identities", r.Identities);
                    WriteArray(w, "Accounts", r.Accounts);
                    WriteArray(w, "Regions", r.Regions);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            return Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n") + "\n";
        }

        private static void WriteArray(Utf8JsonWriter w, string name, IEnumerable<string> values)
        {
            w.WriteStartArray(name);
            foreach (var v in values) w.WriteStringValue(v);
            w.WriteEndArray();
        }

        /// <summary>A record built by hand (not by the planner) could break a zone file: refuse what cannot be written safely.</summary>
        private static void Check(SesDnsRecord r)
        {
            if (r == null) throw new ArgumentException("A record is null.");
            if (!DnsNames.IsValidAbsolute(r.Name)) throw new ArgumentException($"'{r.Name}' is not an absolute host name (trailing dot).");
            if (r.Type != "CNAME" && r.Type != "MX" && r.Type != "TXT") throw new ArgumentException($"{r.Name}: type '{r.Type}' is not one SES needs (CNAME, MX, TXT).");
            foreach (var v in r.Values)
            {
                if (v.IndexOfAny(new[] { '\r', '\n', ';', '(', ')' }) >= 0 && r.Type != "TXT")
                    throw new ArgumentException($"{r.Name} {r.Type}: the value '{v}' has characters a master file reads as syntax.");
                if (r.Type == "TXT" && (!TxtPresentation.IsQuotedStrings(v) || TxtPresentation.StringLengths(v).Any(n => n > TxtPresentation.MaxStringBytes)))
                    throw new ArgumentException($"{r.Name} TXT: the value is not quoted strings of at most 255 bytes (RFC 1035 §3.3.14).");
            }
        }
    }
}
