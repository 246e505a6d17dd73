using System;
using System.Collections.Generic;
using System.Linq;

namespace EmailAuth.Emulator
{
    /// <summary>A request as it came over the wire (raw path and query kept for SigV4) plus who signed it.</summary>
    internal sealed class EmulatorRequest
    {
        public string Method { get; init; } = "";
        /// <summary>The path exactly as sent (percent-encoded).</summary>
        public string RawPath { get; init; } = "/";
        public string RawQuery { get; init; } = "";
        public Dictionary<string, string> Headers { get; init; } = new(StringComparer.OrdinalIgnoreCase);
        public byte[] Body { get; init; } = Array.Empty<byte>();
        public string Service { get; set; } = "";
        public string Region { get; set; } = "";
        public EmulatorPrincipal Principal { get; set; } = null!;

        /// <summary>Path segments, each percent-decoded once.</summary>
        public string[] Segments => RawPath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();

        public IReadOnlyList<KeyValuePair<string, string>> Query => ParseForm(RawQuery, plusIsSpace: false);

        public string? QueryValue(string name) => Query.Where(q => q.Key == name).Select(q => q.Value).FirstOrDefault();

        /// <summary>name=value pairs; in a query string (SigV4) "+" is a plus, in a form body a space.</summary>
        public static List<KeyValuePair<string, string>> ParseForm(string text, bool plusIsSpace)
        {
            var list = new List<KeyValuePair<string, string>>();
            foreach (var part in text.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = part.IndexOf('=');
                var name = eq < 0 ? part : part[..eq];
                var value = eq < 0 ? "" : part[(eq + 1)..];
                list.Add(new(Decode(name, plusIsSpace), Decode(value, plusIsSpace)));
            }
            return list;
        }

        private static string Decode(string s, bool plusIsSpace) => Uri.UnescapeDataString(plusIsSpace ? s.Replace('+', ' ') : s);
    }

    /// <summary>An answer: status, headers, body.</summary>
    internal sealed class EmulatorResponse
    {
        public int Status { get; init; } = 200;
        public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);
        public byte[] Body { get; init; } = Array.Empty<byte>();
        public string? ContentType { get; init; }
        /// <summary>The error code, when this answer is an error (for counters and tests).</summary>
        public string? ErrorCode { get; init; }
    }
}
