using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace EmailAuth.Core.Dns
{
    /// <summary>
    /// Strict textual IP addresses: what a user means, not what inet_aton() happens to accept.
    /// IPAddress.Parse takes "192.0.2" as 192.0.0.2, "1" as 0.0.0.1, "0x7f.1" as 127.0.0.1 and
    /// "3221225985" as 192.0.2.1; an audit must never answer for an address nobody typed.
    /// </summary>
    public static class IPAddressText
    {
        /// <summary>
        /// A dotted-quad IPv4 address (four decimal octets 0-255 without leading zeros, which inet_aton reads
        /// as octal; RFC 6943 §3.1.1) or an IPv6 address in RFC 4291 §2.2 text form (no zone index, no brackets).
        /// </summary>
        public static bool TryParse(string? text, out IPAddress? address)
        {
            address = null;
            var s = (text ?? string.Empty).Trim();
            if (s.Length == 0) return false;
            if (s.IndexOf(':') >= 0)
            {
                // RFC 4291 §2.2 forms (including "::" and an embedded dotted quad); a zone index (%eth0) is no address.
                if (s.IndexOf('%') >= 0 || s.IndexOf('[') >= 0 || !IPAddress.TryParse(s, out var v6)) return false;
                if (v6.AddressFamily != AddressFamily.InterNetworkV6) return false;
                var lastColon = s.LastIndexOf(':');
                var tail = s.Substring(lastColon + 1);
                if (tail.IndexOf('.') >= 0 && ParseIPv4(tail) == null) return false; // ::ffff:1.2.3 is not an address
                address = v6;
                return true;
            }
            address = ParseIPv4(s);
            return address != null;
        }

        /// <summary>The error message for <paramref name="text"/> that <see cref="TryParse"/> refused.</summary>
        public static string Describe(string? text) =>
            $"'{text}' is not an IP address: give a dotted-quad IPv4 address (e.g. 192.0.2.1) or an IPv6 address (e.g. 2001:db8::1).";

        private static IPAddress? ParseIPv4(string s)
        {
            var parts = s.Split('.');
            if (parts.Length != 4) return null;
            var bytes = new byte[4];
            for (var i = 0; i < 4; i++)
            {
                var p = parts[i];
                if (p.Length == 0 || p.Length > 3 || (p.Length > 1 && p[0] == '0')) return null;
                if (!int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v > 255) return null;
                bytes[i] = (byte)v;
            }
            return new IPAddress(bytes);
        }
    }
}
