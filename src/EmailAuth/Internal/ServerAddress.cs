using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace EmailAuth.Internal
{
    /// <summary>Checks and normalizes a -Server value to "ip:port" or "[ipv6]:port".</summary>
    internal static class ServerAddress
    {
        public const int DnsPort = 53;

        /// <summary>Accepts "ip", "ip:port", "[ipv6]", "[ipv6]:port" and a bare IPv6 address; no host names (a resolver must be reachable without DNS).</summary>
        public static bool TryNormalize(string? value, out string normalized)
        {
            normalized = string.Empty;
            if (value == null) return false;
            var text = value.Trim();
            if (text.Length == 0) return false;
            string host;
            var port = DnsPort;
            if (text[0] == '[')
            {
                var close = text.IndexOf(']');
                if (close < 0) return false;
                host = text.Substring(1, close - 1);
                var rest = text.Substring(close + 1);
                if (rest.Length > 0 && (rest[0] != ':' || !TryPort(rest.Substring(1), out port))) return false;
                if (!IPAddress.TryParse(host, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6) return false;
                normalized = $"[{v6}]:{port}";
                return true;
            }
            var colons = text.Split(':').Length - 1;
            if (colons == 1)
            {
                var i = text.IndexOf(':');
                host = text.Substring(0, i);
                if (!TryPort(text.Substring(i + 1), out port)) return false;
            }
            else host = text; // none: IPv4; several: a bare IPv6 address
            // IPAddress.TryParse accepts "1" or "1.2" as IPv4 shorthand; require the dotted quad.
            if (!IPAddress.TryParse(host, out var ip)) return false;
            if (ip.AddressFamily == AddressFamily.InterNetwork && host.Split('.').Length != 4) return false;
            normalized = ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{ip}]:{port}" : $"{ip}:{port}";
            return true;
        }

        private static bool TryPort(string s, out int port) =>
            int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port >= 1 && port <= 65535;
    }
}
