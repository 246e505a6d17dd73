using System;
using System.Collections.Generic;

namespace EmailAuth.Core.Dkim
{
    /// <summary>
    /// A DKIM tag=value list (RFC 6376 §3.2): tags in the order published, names case-sensitive,
    /// values with surrounding whitespace removed.
    /// </summary>
    public sealed class DkimTagList
    {
        private DkimTagList(IReadOnlyList<KeyValuePair<string, string>> tags) => Tags = tags;

        public IReadOnlyList<KeyValuePair<string, string>> Tags { get; }

        public string? this[string name]
        {
            get
            {
                foreach (var t in Tags) if (t.Key == name) return t.Value;
                return null;
            }
        }

        public bool Contains(string name) => this[name] != null;

        /// <summary>
        /// Parses <paramref name="text"/> or returns null with the reason. §3.2: tag-list = tag-spec *(";" tag-spec) [";"];
        /// tag-name = ALPHA *(ALPHA / DIGIT / "_"); tag-value characters %x21-3A / %x3C-7E, with whitespace only between them;
        /// a duplicate tag name makes the whole list invalid.
        /// </summary>
        public static DkimTagList? Parse(string text, out string? error)
        {
            error = null;
            var tags = new List<KeyValuePair<string, string>>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var specs = text.Split(';');
            for (var i = 0; i < specs.Length; i++)
            {
                var spec = specs[i];
                // §3.2: only the last tag-spec may be empty (a trailing ";"); whitespace alone counts as empty.
                if (IsBlank(spec))
                {
                    if (i == specs.Length - 1 && i > 0) break;
                    error = i == 0 && specs.Length == 1 ? "the record is empty" : $"empty tag-spec at position {i + 1} (\";;\" or a leading \";\")";
                    return null;
                }
                var eq = spec.IndexOf('=');
                if (eq < 0) { error = $"'{spec.Trim()}' has no '=' (RFC 6376 §3.2)"; return null; }
                var name = spec.Substring(0, eq).Trim(Ws);
                var value = spec.Substring(eq + 1).Trim(Ws);
                if (!IsTagName(name)) { error = $"'{name}' is not a tag name: a letter, then letters, digits or '_' (RFC 6376 §3.2)"; return null; }
                if (!IsTagValue(value, out var bad)) { error = $"the value of {name}= holds {Describe(bad)} (RFC 6376 §3.2)"; return null; }
                if (!seen.Add(name)) { error = $"the tag {name}= occurs twice; the whole record is invalid (RFC 6376 §3.2)"; return null; }
                tags.Add(new KeyValuePair<string, string>(name, value));
            }
            return new DkimTagList(tags);
        }

        // FWS in DNS text is unfolded already; WSP plus CR/LF of folded input.
        internal static readonly char[] Ws = { ' ', '\t', '\r', '\n' };

        private static bool IsBlank(string s) => s.Trim(Ws).Length == 0;

        private static bool IsTagName(string s)
        {
            if (s.Length == 0 || !IsAlpha(s[0])) return false;
            foreach (var c in s) if (!(IsAlpha(c) || c >= '0' && c <= '9' || c == '_')) return false;
            return true;
        }

        /// <summary>tag-value = [ tval *( 1*(WSP / FWS) tval ) ]; tval = 1*VALCHAR; VALCHAR = %x21-3A / %x3C-7E.</summary>
        private static bool IsTagValue(string s, out char bad)
        {
            foreach (var c in s)
            {
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
                if (c < 0x21 || c > 0x7E || c == ';') { bad = c; return false; }
            }
            bad = '\0';
            return true;
        }

        private static string Describe(char c) => c < 0x21 || c > 0x7E ? $"the character U+{(int)c:X4}" : $"'{c}'";

        private static bool IsAlpha(char c) => c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
