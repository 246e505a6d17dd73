using System;
using System.Globalization;

namespace EmailAuth.Internal
{
    /// <summary>Checks that a name can be asked of DNS before spending a query on it.</summary>
    internal static class DomainSyntax
    {
        private static readonly IdnMapping Idn = new IdnMapping();

        /// <summary>
        /// RFC 1035 §2.3.4 limits (labels 1-63 octets, name at most 253 characters without the
        /// final dot) and RFC 7208 §4.3 (a multi-label name). Letters, digits, hyphen and
        /// underscore (service labels such as _spf, RFC 8552); internationalized names are
        /// converted to their A-label form (RFC 5890). Returns the name to query, or null.
        /// </summary>
        public static string? Normalize(string? domain)
        {
            if (domain == null) return null;
            var name = domain.Trim();
            if (name.EndsWith(".", StringComparison.Ordinal)) name = name.Substring(0, name.Length - 1);
            if (name.Length == 0) return null;
            foreach (var c in name)
            {
                if (c > 0x7F)
                {
                    try { name = Idn.GetAscii(name); }
                    catch (ArgumentException) { return null; }
                    break;
                }
            }
            if (name.Length > 253) return null;
            var labels = name.Split('.');
            if (labels.Length < 2) return null;
            foreach (var label in labels)
            {
                if (label.Length == 0 || label.Length > 63) return null;
                if (label[0] == '-' || label[label.Length - 1] == '-') return null;
                foreach (var c in label)
                    if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_')) return null;
            }
            return name;
        }
    }
}
