using System;
using System.Text.RegularExpressions;

namespace EmailAuth.Core.MtaSts
{
    /// <summary>
    /// An mx pattern of a policy: a host name, or "*." and a host name (RFC 8461 §3.2: ["*."] Domain of RFC 5321).
    /// A wildcard matches exactly one left-most label (§4.1). Names compare case-insensitively, trailing dot ignored.
    /// </summary>
    public static class MtaStsMxPattern
    {
        // RFC 5321 §4.1.2: sub-domain = Let-dig [Ldh-str]; at most 63 octets a label (RFC 1035 §2.3.4).
        private static readonly Regex Label = new Regex("^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$", RegexOptions.CultureInvariant);

        /// <summary>True when <paramref name="pattern"/> is a valid mx value; otherwise <paramref name="error"/> says why.</summary>
        public static bool IsValid(string pattern, out string? error)
        {
            error = null;
            var name = pattern.StartsWith("*.", StringComparison.Ordinal) ? pattern.Substring(2) : pattern;
            if (name.Length == 0 || name.Length > 253) { error = "not a host name"; return false; }
            if (name.Contains("*")) { error = "a wildcard may only be the whole left-most label (\"*.example.net\")"; return false; }
            var labels = name.Split('.');
            foreach (var l in labels)
                if (!Label.IsMatch(l)) { error = $"label '{l}' is not letters, digits and inner hyphens"; return false; }
            // "*.com"-like patterns are legal grammar; a single-label name is not an MX host on the Internet.
            if (labels.Length < 2) { error = "a host name needs at least two labels"; return false; }
            return true;
        }

        /// <summary>RFC 8461 §4.1: does MX host <paramref name="host"/> match <paramref name="pattern"/>?</summary>
        public static bool Matches(string pattern, string host)
        {
            host = host.TrimEnd('.');
            if (pattern.StartsWith("*.", StringComparison.Ordinal))
            {
                // "*.example.com" matches "mail.example.com", not "example.com" nor "a.b.example.com".
                var dot = host.IndexOf('.');
                return dot > 0 && string.Equals(host.Substring(dot + 1), pattern.Substring(2), StringComparison.OrdinalIgnoreCase);
            }
            return string.Equals(host, pattern.TrimEnd('.'), StringComparison.OrdinalIgnoreCase);
        }
    }
}
