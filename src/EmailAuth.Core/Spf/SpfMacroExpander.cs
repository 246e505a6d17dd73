using System.Collections.Generic;
using System.Text;

namespace EmailAuth.Core.Spf
{
    /// <summary>RFC 7208 §7.3 macro expansion of a parsed <see cref="SpfMacroString"/>.</summary>
    internal static class SpfMacroExpander
    {
        /// <summary>Expansion stops growing past this (hostile records, e.g. many %{s} of a long sender).</summary>
        public const int MaxExpansionLength = 8192;
        public const int MaxDomainLength = 253;

        /// <summary>
        /// Expands a domain-spec: one trailing dot removed, then names over 253 characters truncated from the
        /// left at label boundaries (§7.3). pyspf removes only one label; the RFC says "successive labels".
        /// </summary>
        public static string ExpandDomain(SpfMacroString spec, SpfMacroValues values, string domain)
        {
            var s = spec.LiteralValue ?? Expand(spec, values, domain);
            if (s.Length > 0 && s[s.Length - 1] == '.') s = s.Substring(0, s.Length - 1);
            return TruncateDomain(s);
        }

        public static string TruncateDomain(string s)
        {
            if (s.Length <= MaxDomainLength) return s;
            var start = 0;
            while (s.Length - start > MaxDomainLength)
            {
                var dot = s.IndexOf('.', start);
                if (dot < 0) break;
                start = dot + 1;
            }
            return s.Substring(start);
        }

        /// <summary>Expands without domain post-processing (exp text, §6.2). %{p} must have been computed if used.</summary>
        public static string Expand(SpfMacroString spec, SpfMacroValues values, string domain)
        {
            if (spec.LiteralValue != null) return spec.LiteralValue;
            var sb = new StringBuilder(spec.Text.Length + 32);
            foreach (var seg in spec.Segments)
            {
                if (sb.Length > MaxExpansionLength) break;
                if (seg.Literal != null) { sb.Append(seg.Literal); continue; }
                var value = seg.Letter switch
                {
                    's' => values.Sender,
                    'l' => values.LocalPart,
                    'o' => values.SenderDomain,
                    'd' => domain,
                    'i' => values.IpMacro,
                    'p' => values.P ?? "unknown",
                    'h' => values.Helo,
                    'v' => values.IpVersion,
                    'c' => values.IpReadable,
                    'r' => values.Receiver,
                    't' => values.Timestamp,
                    _ => string.Empty,
                };
                if (seg.KeepRight > 0 || seg.Reverse || seg.Delimiters != null) value = Transform(value, seg);
                if (seg.UrlEscape) AppendUrlEscaped(sb, value);
                else sb.Append(value);
            }
            return sb.ToString();
        }

        /// <summary>Split on the delimiters (default "."), reverse, keep the rightmost N parts, join with "." (§7.3).</summary>
        private static string Transform(string value, SpfMacroSegment seg)
        {
            var delimiters = seg.Delimiters ?? ".";
            var parts = new List<string>();
            var start = 0;
            for (var i = 0; i < value.Length; i++)
            {
                if (delimiters.IndexOf(value[i]) >= 0)
                {
                    parts.Add(value.Substring(start, i - start));
                    start = i + 1;
                }
            }
            parts.Add(value.Substring(start));
            if (seg.Reverse) parts.Reverse();
            var first = seg.KeepRight > 0 && seg.KeepRight < parts.Count ? parts.Count - seg.KeepRight : 0;
            // RFC 7208 §7.3: parts are rejoined with "." (pyspf rejoins with the original delimiter except for l and s).
            var sb = new StringBuilder(value.Length);
            for (var i = first; i < parts.Count; i++)
            {
                if (i > first) sb.Append('.');
                sb.Append(parts[i]);
            }
            return sb.ToString();
        }

        /// <summary>Upper-case macro letters: escape everything but RFC 3986 unreserved characters (§7.3).</summary>
        private static void AppendUrlEscaped(StringBuilder sb, string value)
        {
            foreach (var b in Encoding.UTF8.GetBytes(value))
            {
                var c = (char)b;
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~')
                    sb.Append(c);
                else
                    sb.Append('%').Append("0123456789ABCDEF"[b >> 4]).Append("0123456789ABCDEF"[b & 15]);
            }
        }
    }
}
