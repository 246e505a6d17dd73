using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace EmailAuth.Core.Aws.DnsPlan
{
    /// <summary>
    /// TXT record data in presentation form: one or more &lt;character-string&gt;s of at most 255 bytes
    /// (RFC 1035 §3.3.14), each in double quotes with '"' and '\' escaped (RFC 1035 §5.1). Route 53 takes
    /// and returns TXT values in this form.
    /// </summary>
    public static class TxtPresentation
    {
        /// <summary>Bytes in one character-string (RFC 1035 §3.3: a length octet).</summary>
        public const int MaxStringBytes = 255;
        /// <summary>Bound on the text accepted: a TXT RDATA fits in 65535 bytes.</summary>
        public const int MaxTextBytes = 65535;

        /// <summary>
        /// "text" split in 255-byte strings, each quoted. Printable ASCII only: the records SES needs are
        /// ASCII, and Route 53 (octal) and BIND (decimal) disagree on escapes for other bytes.
        /// </summary>
        public static string Quote(string text)
        {
            if (text == null) throw new ArgumentNullException(nameof(text));
            if (text.Length > MaxTextBytes) throw new ArgumentException($"TXT text longer than {MaxTextBytes} bytes.", nameof(text));
            foreach (var c in text)
                if (c < 0x20 || c > 0x7e)
                    throw new ArgumentException($"TXT text may hold printable ASCII only; found U+{(int)c:X4}.", nameof(text));
            var sb = new StringBuilder(text.Length + 8);
            for (var start = 0; start < text.Length || start == 0; start += MaxStringBytes)
            {
                if (start > 0) sb.Append(' ');
                sb.Append('"');
                var end = Math.Min(text.Length, start + MaxStringBytes);
                for (var i = start; i < end; i++)
                {
                    if (text[i] == '"' || text[i] == '\\') sb.Append('\\');
                    sb.Append(text[i]);
                }
                sb.Append('"');
                if (text.Length == 0) break;
            }
            return sb.ToString();
        }

        /// <summary>
        /// The text of a presentation value: its quoted strings joined (RFC 7208 §3.3 and RFC 6376 §3.6.2.2
        /// join them without a space). \X is X and \DDD a decimal byte (RFC 1035 §5.1). A value without
        /// quotes is taken as one unquoted string. Never throws on odd input: an unterminated quote ends the value.
        /// </summary>
        public static string Unquote(string value)
        {
            if (value == null) throw new ArgumentNullException(nameof(value));
            var s = value.Trim();
            if (s.Length == 0 || s[0] != '"') return s;
            var sb = new StringBuilder(s.Length);
            var inside = false;
            for (var i = 0; i < s.Length; i++)
            {
                var c = s[i];
                if (!inside)
                {
                    if (c == '"') inside = true;
                    continue;
                }
                if (c == '"') { inside = false; continue; }
                if (c == '\\' && i + 1 < s.Length)
                {
                    if (i + 3 < s.Length && char.IsDigit(s[i + 1]) && char.IsDigit(s[i + 2]) && char.IsDigit(s[i + 3])
                        && int.TryParse(s.Substring(i + 1, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code < 256)
                    {
                        sb.Append((char)code);
                        i += 3;
                        continue;
                    }
                    sb.Append(s[++i]);
                    continue;
                }
                sb.Append(c);
            }
            return sb.ToString();
        }

        private static readonly System.Text.RegularExpressions.Regex QuotedStrings =
            new System.Text.RegularExpressions.Regex("^[ \\t]*(\"(?:[^\"\\\\\\r\\n]|\\\\[^\\r\\n])*\"[ \\t]*)+$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        /// <summary>True when the value is one or more complete quoted strings and nothing else (no line break, no trailing text).</summary>
        public static bool IsQuotedStrings(string value) => value != null && QuotedStrings.IsMatch(value);

        /// <summary>The length in bytes of each string of a quoted value (for checks of the 255-byte rule).</summary>
        public static IReadOnlyList<int> StringLengths(string value)
        {
            var lengths = new List<int>();
            var s = value.Trim();
            var i = 0;
            while (i < s.Length)
            {
                if (s[i] != '"') { i++; continue; }
                var n = 0;
                i++;
                while (i < s.Length && s[i] != '"')
                {
                    if (s[i] == '\\' && i + 1 < s.Length)
                    {
                        i += i + 3 < s.Length && char.IsDigit(s[i + 1]) && char.IsDigit(s[i + 2]) && char.IsDigit(s[i + 3]) ? 4 : 2;
                    }
                    else i++;
                    n++;
                }
                lengths.Add(n);
                i++;
            }
            return lengths;
        }
    }
}
