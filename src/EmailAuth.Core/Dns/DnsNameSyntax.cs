using System.Collections.Generic;

namespace EmailAuth.Core.Dns
{
    /// <summary>Prepares a name for the wire: a name that cannot be queried is an answer, not an exception.</summary>
    internal static class DnsNameSyntax
    {
        /// <summary>
        /// The wire labels of <paramref name="name"/> (normalized, presentation form: RFC 1035 §5.1 escapes, any octet
        /// allowed in a label by RFC 2181 §11, non-ASCII labels as IDNA "xn--" A-labels) in <paramref name="labels"/>;
        /// returns null, or why the name cannot be queried.
        /// </summary>
        public static string? ToWire(string name, out List<byte[]> labels)
        {
            if (name.Length == 0)
            {
                labels = new List<byte[]>();
                return "An empty string is not a domain name";
            }
            var error = DnsNameText.TryParse(name, out labels);
            return error == null ? null : $"'{name}' is not a valid domain name: {error}";
        }
    }
}
