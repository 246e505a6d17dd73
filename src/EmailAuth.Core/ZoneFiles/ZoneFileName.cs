using System;
using System.Collections.Generic;
using EmailAuth.Core.Dns;

namespace EmailAuth.Core.ZoneFiles
{
    /// <summary>
    /// An absolute domain name as a list of labels (octets). Parses master-file spelling (RFC 1035 §5.1:
    /// "@" is the origin, a name without a final dot is relative to it, "\." and "\DDD" escapes) and
    /// prints the presentation form without the trailing dot, escaping as BIND does.
    /// </summary>
    internal sealed class ZoneFileName
    {
        public static readonly ZoneFileName Root = new ZoneFileName(new List<byte[]>());

        private readonly IReadOnlyList<byte[]> _labels;

        private ZoneFileName(IReadOnlyList<byte[]> labels) => _labels = labels;

        /// <summary>Reads a name token; throws naming the token when it is not a valid name.</summary>
        public static ZoneFileName Parse(ZoneFileToken token, ZoneFileName origin, string path)
        {
            if (token.Quoted) throw ZoneFileException.At(path, token.Line, $"expected a domain name, found a quoted string {ZoneFileText.Show(token)}");
            var error = TryParse(token.Text, origin, out var name);
            if (error != null) throw ZoneFileException.At(path, token.Line, $"{error} in domain name {ZoneFileText.Show(token)}");
            return name!;
        }

        /// <summary>Returns null on success, else what is wrong.</summary>
        public static string? TryParse(string text, ZoneFileName origin, out ZoneFileName? name)
        {
            name = null;
            if (text == "@") { name = origin; return null; }
            if (text == ".") { name = Root; return null; }
            var labels = new List<byte[]>();
            var label = new List<byte>();
            var absolute = false;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '.')
                {
                    if (label.Count == 0) return "empty label";
                    labels.Add(label.ToArray());
                    label.Clear();
                    if (i == text.Length - 1) absolute = true;
                    continue;
                }
                byte b;
                if (c == '\\')
                {
                    if (!ZoneFileText.TryReadEscape(text, ref i, out b)) return "bad escape";
                }
                else b = (byte)c;
                if (label.Count == ZoneFileLimits.MaxLabel) return $"label longer than {ZoneFileLimits.MaxLabel} octets";
                label.Add(b);
            }
            if (label.Count > 0) labels.Add(label.ToArray());
            if (labels.Count == 0) return "empty name";
            if (!absolute) labels.AddRange(origin._labels);
            var wire = 1;
            foreach (var l in labels) wire += 1 + l.Length;
            if (wire > ZoneFileLimits.MaxName) return $"name longer than {ZoneFileLimits.MaxName} octets";
            name = new ZoneFileName(labels);
            return null;
        }

        /// <summary>Builds a name from wire-format labels (RFC 3597 generic rdata); lengths are already checked.</summary>
        public static ZoneFileName FromLabels(IReadOnlyList<byte[]> labels) => new ZoneFileName(labels);

        /// <summary>True when presentation name <paramref name="name"/> equals <paramref name="zone"/> or is below it ("." holds every name).</summary>
        public static bool IsAtOrBelow(string name, string zone) =>
            zone == "." || string.Equals(name, zone, StringComparison.OrdinalIgnoreCase)
            || (name.Length > zone.Length && name[name.Length - zone.Length - 1] == '.'
                && name.EndsWith(zone, StringComparison.OrdinalIgnoreCase)
                && !IsEscaped(name, name.Length - zone.Length - 1));

        /// <summary>Whether the character at <paramref name="index"/> follows an odd run of backslashes.</summary>
        private static bool IsEscaped(string name, int index)
        {
            var backslashes = 0;
            for (var i = index - 1; i >= 0 && name[i] == '\\'; i--) backslashes++;
            return backslashes % 2 == 1;
        }

        /// <summary>Presentation form without the trailing dot; the root is "." (the form every resolver answers in).</summary>
        public override string ToString() => DnsNameText.Format(_labels);
    }
}
