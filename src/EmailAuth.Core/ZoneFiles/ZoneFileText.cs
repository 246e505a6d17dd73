using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace EmailAuth.Core.ZoneFiles
{
    /// <summary>Escapes and character-strings of master files (RFC 1035 §5.1, §3.3).</summary>
    internal static class ZoneFileText
    {
        /// <summary>Octets that are not valid UTF-8 become U+FFFD; SPF and DMARC text is ASCII (RFC 7208 §3).</summary>
        private static readonly Encoding Utf8 = new UTF8Encoding(false, false);

        /// <summary>
        /// Decodes the escape whose backslash is at <paramref name="i"/>: "\X" is X itself, "\DDD" the octet
        /// with that decimal value. Leaves <paramref name="i"/> on the escape's last character.
        /// Returns false for a malformed "\D", "\DD" or a value above 255.
        /// </summary>
        public static bool TryReadEscape(string s, ref int i, out byte value)
        {
            value = 0;
            if (i + 1 >= s.Length) return false;
            if (!IsDigit(s[i + 1]))
            {
                value = (byte)s[i + 1];
                i++;
                return true;
            }
            if (i + 3 >= s.Length || !IsDigit(s[i + 2]) || !IsDigit(s[i + 3])) return false;
            var n = (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
            if (n > 255) return false;
            value = (byte)n;
            i += 3;
            return true;
        }

        /// <summary>One &lt;character-string&gt;, quoted or not, as octets; more than 255 is an error (as BIND).</summary>
        public static byte[] CharacterString(ZoneFileToken token, string path)
        {
            var bytes = new List<byte>(token.Text.Length);
            var s = token.Text;
            for (var i = 0; i < s.Length; i++)
            {
                if (s[i] != '\\') { bytes.Add((byte)s[i]); continue; }
                if (!TryReadEscape(s, ref i, out var b))
                    throw ZoneFileException.At(path, token.Line, $"bad escape in character-string {Show(token)}");
                bytes.Add(b);
            }
            if (bytes.Count > ZoneFileLimits.MaxCharacterString)
                throw ZoneFileException.At(path, token.Line,
                    $"character-string of {bytes.Count} bytes exceeds {ZoneFileLimits.MaxCharacterString} (split it into several quoted strings) {Show(token)}");
            return bytes.ToArray();
        }

        public static string Decode(byte[] octets) => Utf8.GetString(octets);

        /// <summary>A token for an error message: quoted, shortened, and made printable.</summary>
        public static string Show(ZoneFileToken token) => Show(token.Text);

        public static string Show(string text)
        {
            const int max = 80;
            var sb = new StringBuilder("'");
            foreach (var c in text.Length > max ? text.Substring(0, max) : text)
                sb.Append(c < 0x20 || c > 0x7E ? "\\" + ((int)c).ToString("D3", CultureInfo.InvariantCulture) : c.ToString());
            if (text.Length > max) sb.Append("...");
            return sb.Append('\'').ToString();
        }

        public static bool IsDigit(char c) => c >= '0' && c <= '9';
    }
}
