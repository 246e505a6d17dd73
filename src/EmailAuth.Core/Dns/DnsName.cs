using System;

namespace EmailAuth.Core.Dns
{
    /// <summary>Helpers for domain names: one spelling (no trailing dot) and case-insensitive comparison (RFC 4343).</summary>
    public static class DnsName
    {
        public static readonly StringComparer Comparer = StringComparer.OrdinalIgnoreCase;

        /// <summary>Trims whitespace and one trailing dot; the root stays ".".</summary>
        public static string Normalize(string name)
        {
            if (name == null) throw new ArgumentNullException(nameof(name));
            var n = name.Trim();
            if (n.Length > 1 && n[n.Length - 1] == '.') n = n.Substring(0, n.Length - 1);
            return n;
        }

        public static bool Equals(string a, string b) => Comparer.Equals(Normalize(a), Normalize(b));
    }
}
