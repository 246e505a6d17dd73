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
                // By index: a foreach over the interface would box an enumerator per tag asked (seven per key record).
                for (var i = 0; i < Tags.Count; i++) if (Tags[i].Key == name) return Tags[i].Value;
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
            HashSet<string>? seen = null;
            // The tag-specs are the text between ';'s (as text.Split(';') gives them), read in place: a key record's
            // p= is some 400 characters, copied once into its value rather than three times.
            var count = 1;
            foreach (var c in text) if (c == ';') count++;
            for (int i = 0, start = 0; i < count; i++)
            {
                var end = text.IndexOf(';', start);
                if (end < 0) end = text.Length;
                var specStart = start;
                start = end + 1;
                // §3.2: only the last tag-spec may be empty (a trailing ";"); whitespace alone counts as empty.
                var (blankStart, blankEnd) = TrimWs(text, specStart, end);
                if (blankStart == blankEnd)
                {
                    if (i == count - 1 && i > 0) break;
                    error = i == 0 && count == 1 ? "the record is empty" : $"empty tag-spec at position {i + 1} (\";;\" or a leading \";\")";
                    return null;
                }
                var eq = text.IndexOf('=', specStart, end - specStart);
                if (eq < 0) { error = $"'{text.Substring(specStart, end - specStart).Trim()}' has no '=' (RFC 6376 §3.2)"; return null; }
                var (nameStart, nameEnd) = TrimWs(text, specStart, eq);
                var name = nameEnd - nameStart == 1 && IsAlpha(text[nameStart]) ? OneLetter(text[nameStart]) : text.Substring(nameStart, nameEnd - nameStart);
                var (valueStart, valueEnd) = TrimWs(text, eq + 1, end);
                var value = text.Substring(valueStart, valueEnd - valueStart);
                if (!IsTagName(name)) { error = $"'{name}' is not a tag name: a letter, then letters, digits or '_' (RFC 6376 §3.2)"; return null; }
                if (!IsTagValue(value, out var bad)) { error = $"the value of {name}= holds {Describe(bad)} (RFC 6376 §3.2)"; return null; }
                // A duplicate name invalidates the list. A handful of tags is compared faster than hashed; a long
                // (hostile) list gets the set, so the check stays linear.
                if (tags.Count == SmallList)
                {
                    seen = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var t in tags) seen.Add(t.Key);
                }
                if (seen != null ? !seen.Add(name) : ContainsName(tags, name))
                { error = $"the tag {name}= occurs twice; the whole record is invalid (RFC 6376 §3.2)"; return null; }
                tags.Add(new KeyValuePair<string, string>(name, value));
            }
            return new DkimTagList(tags);
        }

        private const int SmallList = 16;

        // Key records' tag names are single letters (v, k, p, h, s, t, n: RFC 6376 §3.6.1): one shared string each
        // instead of a new one per tag of every key audited.
        private static readonly string[] Letters = MakeLetters();

        private static string[] MakeLetters()
        {
            var letters = new string[52];
            for (var i = 0; i < 26; i++)
            {
                letters[i] = ((char)('a' + i)).ToString();
                letters[26 + i] = ((char)('A' + i)).ToString();
            }
            return letters;
        }

        private static string OneLetter(char c) => Letters[c >= 'a' ? c - 'a' : 26 + c - 'A'];

        private static bool ContainsName(List<KeyValuePair<string, string>> tags, string name)
        {
            foreach (var t in tags) if (t.Key == name) return true;
            return false;
        }

        /// <summary>The range [start, end) of <paramref name="text"/> without <see cref="Ws"/> at either end (as Trim(Ws)).</summary>
        private static (int Start, int End) TrimWs(string text, int start, int end)
        {
            while (start < end && Array.IndexOf(Ws, text[start]) >= 0) start++;
            while (end > start && Array.IndexOf(Ws, text[end - 1]) >= 0) end--;
            return (start, end);
        }

        // FWS in DNS text is unfolded already; WSP plus CR/LF of folded input.
        internal static readonly char[] Ws = { ' ', '\t', '\r', '\n' };

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
