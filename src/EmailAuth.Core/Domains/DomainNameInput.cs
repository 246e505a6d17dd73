using System;
using System.Globalization;

namespace EmailAuth.Core.Domains
{
    /// <summary>
    /// The one conversion of a domain name a user typed (any cmdlet's -Domain, -Helo, the domain of
    /// -Sender) into the form asked of DNS, so that every cmdlet accepts and rejects the same names.
    /// </summary>
    public static class DomainNameInput
    {
        // UTS #46 processing: on .NET Core with ICU (Linux, macOS, Windows 10 1903+) IdnMapping maps case
        // and compatibility characters and converts non-transitionally, as IDNA 2008 does (faß.de →
        // xn--fa-hia.de, not fass.de). Windows PowerShell 5.1 uses Windows' IDNA 2008 conversion.
        private static readonly IdnMapping Idn = new IdnMapping();

        /// <summary>
        /// The name in ASCII (A-labels, RFC 5890 §2.3.2.1) without a trailing dot, or null with the reason in
        /// <paramref name="error"/>. Rules: RFC 1035 §2.3.4 lengths (labels 1-63 octets, at most 253 characters),
        /// letters, digits and hyphens (RFC 1123 §2.1) plus underscore for service labels such as _spf and
        /// _dmarc (RFC 8552), no hyphen at either end of a label, and at least two labels (RFC 7208 §4.3).
        /// </summary>
        public static string? Normalize(string? input, out string? error)
        {
            error = null;
            var name = (input ?? string.Empty).Trim();
            if (name.EndsWith(".", StringComparison.Ordinal)) name = name.Substring(0, name.Length - 1);
            if (name.Length == 0) return Invalid(input, "it is empty", out error);
            if (HasNonAscii(name))
            {
                try { name = Idn.GetAscii(name); }
                catch (ArgumentException) { return Invalid(input, "it is not a valid internationalized domain name (IDNA 2008, UTS #46)", out error); }
            }
            if (name.Length > 253) return Invalid(input, "it is longer than 253 characters (RFC 1035 §2.3.4)", out error);
            if (name.IndexOf('.') < 0) return Invalid(input, "it has a single label; a domain of at least two labels is needed (RFC 7208 §4.3)", out error);
            // The labels are read in place (every DMARC report address and every cmdlet's input comes here); a
            // label's text is made only for the error that names it.
            for (var start = 0; start <= name.Length;)
            {
                var end = name.IndexOf('.', start);
                if (end < 0) end = name.Length;
                var length = end - start;
                if (length == 0) return Invalid(input, "it has an empty label", out error);
                if (length > 63) return Invalid(input, "it has a label longer than 63 characters (RFC 1035 §2.3.4)", out error);
                if (name[start] == '-' || name[end - 1] == '-') return Invalid(input, $"the label '{name.Substring(start, length)}' starts or ends with a hyphen (RFC 1123 §2.1)", out error);
                for (var i = start; i < end; i++)
                    if (!IsLdhOrUnderscore(name[i])) return Invalid(input, $"the label '{name.Substring(start, length)}' holds '{name[i]}'; only letters, digits, hyphens and underscores are allowed", out error);
                start = end + 1;
            }
            return name;
        }

        /// <summary>
        /// An address "local@domain" with its domain converted as <see cref="Normalize"/> does; the local part is kept
        /// as given (RFC 6531 allows UTF-8 there). Null with the reason when there is no '@' or the domain is invalid.
        /// </summary>
        public static string? NormalizeMailbox(string? input, out string? error)
        {
            var text = (input ?? string.Empty).Trim();
            var at = text.LastIndexOf('@');
            if (at < 0)
            {
                error = $"'{text}' is not an e-mail address (local-part@domain)";
                return null;
            }
            var domain = Normalize(text.Substring(at + 1), out error);
            return domain == null ? null : text.Substring(0, at + 1) + domain;
        }

        private static bool HasNonAscii(string s)
        {
            foreach (var c in s) if (c > 0x7F) return true;
            return false;
        }

        private static bool IsLdhOrUnderscore(char c) =>
            c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_';

        private static string? Invalid(string? input, string why, out string? error)
        {
            error = $"'{input}' is not a valid domain name: {why}.";
            return null;
        }
    }
}
