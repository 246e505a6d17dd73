using System;

namespace EmailAuth.Core.Dns
{
    /// <summary>Length rules for a name about to be queried (RFC 1035 §2.3.4): a bad name is an answer, not a query.</summary>
    internal static class DnsNameSyntax
    {
        /// <summary>Null when <paramref name="name"/> (normalized, no trailing dot) can be queried, else why not.</summary>
        public static string? Check(string name)
        {
            if (name.Length == 0) return "An empty string is not a domain name";
            if (name == ".") return null;
            if (name.Length > 253) return $"'{name}' is longer than 253 characters (RFC 1035 §2.3.4)";
            foreach (var label in name.Split('.'))
            {
                if (label.Length == 0) return $"'{name}' has an empty label";
                if (label.Length > 63) return $"'{name}' has a label longer than 63 characters (RFC 1035 §2.3.4)";
            }
            return null;
        }
    }
}
