using System;
using DnsClient;

namespace EmailAuth.Core.Dns
{
    /// <summary>Prepares a name for the wire: a name that cannot be queried is an answer, not an exception.</summary>
    internal static class DnsNameSyntax
    {
        /// <summary>
        /// The name in ASCII (IDNA "xn--" labels for non-ASCII ones, as DnsClient sends it) in <paramref name="ascii"/>;
        /// returns null, or why <paramref name="name"/> (normalized, no trailing dot) cannot be queried.
        /// </summary>
        public static string? ToAscii(string name, out string ascii)
        {
            ascii = name;
            if (name.Length == 0) return "An empty string is not a domain name";
            if (name == ".") return null;
            if (name.Split('.').Length != name.Split(new[] { '.' }, StringSplitOptions.RemoveEmptyEntries).Length)
                return $"'{name}' has an empty label";
            try
            {
                ascii = DnsName.Normalize(DnsString.Parse(name + ".").Value); // Parse puts the IDNA form in Value.
            }
            catch (ArgumentException e)
            {
                return $"'{name}' is not a valid domain name: {e.Message}";
            }
            // RFC 1035 §2.3.4 limits, on the wire form.
            if (ascii.Length > 253) return $"'{name}' is longer than 253 characters (RFC 1035 §2.3.4)";
            foreach (var label in ascii.Split('.'))
                if (label.Length > 63) return $"'{name}' has a label longer than 63 characters (RFC 1035 §2.3.4)";
            return null;
        }
    }
}
