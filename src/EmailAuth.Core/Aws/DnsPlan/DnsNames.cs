using System;
using System.Text.RegularExpressions;

namespace EmailAuth.Core.Aws.DnsPlan
{
    /// <summary>Absolute, lower-case host names for planned records (RFC 1035 §2.3.1 LDH labels, '_' for service labels).</summary>
    public static class DnsNames
    {
        private static readonly Regex Host = new Regex(@"^(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)+$", RegexOptions.CultureInvariant);

        /// <summary>"Example.COM" → "example.com." (names compare case-insensitively: RFC 4343).</summary>
        public static string Absolute(string name)
        {
            if (name == null) throw new ArgumentNullException(nameof(name));
            var n = name.Trim().ToLowerInvariant();
            return n.EndsWith(".", StringComparison.Ordinal) ? n : n + ".";
        }

        /// <summary>True for an absolute name of LDH (and '_') labels within 255 bytes on the wire (RFC 1035 §2.3.4).</summary>
        public static bool IsValidAbsolute(string absolute) => absolute.Length <= 254 && Host.IsMatch(absolute);

        /// <summary>True when <paramref name="name"/> is <paramref name="zone"/> or below it (both absolute).</summary>
        public static bool IsInZone(string name, string zone) =>
            string.Equals(name, zone, StringComparison.OrdinalIgnoreCase) ||
            name.EndsWith("." + zone, StringComparison.OrdinalIgnoreCase) || zone == ".";
    }
}
