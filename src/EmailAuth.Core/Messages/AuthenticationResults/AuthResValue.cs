using System.Text;

namespace EmailAuth.Core.Messages.AuthenticationResults
{
    /// <summary>Character classes of RFC 2045 §5.1 "value" (token / quoted-string), widened to UTF-8 per RFC 6532 §3.2.</summary>
    internal static class AuthResValue
    {
        private const string TSpecials = "()<>@,;:\\\"/[]?=";

        /// <summary>RFC 2045 token character: any CHAR but SPACE, CTLs and tspecials; non-ASCII allowed (RFC 6532 §3.2).</summary>
        public static bool IsTokenChar(char c) => c >= 0x80 ? !char.IsControl(c) && !char.IsWhiteSpace(c)
                                                     : c > 0x20 && c < 0x7F && TSpecials.IndexOf(c) < 0;

        public static bool IsTSpecial(char c) => TSpecials.IndexOf(c) >= 0;

        /// <summary>RFC 5321 Keyword/ldh-str: letters, digits and inner hyphens (RFC 8601 §2.2 method, result, ptype, property).</summary>
        public static bool IsKeyword(string s)
        {
            if (s.Length == 0 || s[s.Length - 1] == '-' || s[0] == '-') return false;
            foreach (var c in s)
                if (!(c < 0x80 && (char.IsLetterOrDigit(c) || c == '-'))) return false;
            return true;
        }

        /// <summary>A value written back: as is when it is a token (or an address), else as a quoted-string.</summary>
        public static string Format(string value)
        {
            var plain = value.Length > 0;
            foreach (var c in value)
                if (!IsTokenChar(c) && c != '@') { plain = false; break; }
            if (plain) return value;
            var q = new StringBuilder(value.Length + 2).Append('"');
            foreach (var c in value)
            {
                if (c == '"' || c == '\\') q.Append('\\');
                q.Append(c);
            }
            return q.Append('"').ToString();
        }
    }
}
