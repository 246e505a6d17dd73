using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace EmailAuth.Core.Dns
{
    /// <summary>
    /// A DNS server given as "ip", "ip:port", a bare IPv6 address, "[ipv6]" or "[ipv6]:port" (port 1..65535,
    /// default 53). Host names are refused: resolving the resolver would need DNS itself.
    /// </summary>
    public sealed class DnsServerAddress : IEquatable<DnsServerAddress>
    {
        public const int DefaultPort = 53;

        public DnsServerAddress(IPAddress address, int port = DefaultPort)
        {
            Address = address ?? throw new ArgumentNullException(nameof(address));
            if (port < 1 || port > 65535) throw new ArgumentOutOfRangeException(nameof(port), port, "The port must be 1..65535.");
            Port = port;
        }

        public IPAddress Address { get; }
        public int Port { get; }
        public IPEndPoint EndPoint => new IPEndPoint(Address, Port);

        public static DnsServerAddress Parse(string text)
        {
            var error = ParseCore(text, out var result);
            return error == null ? result! : throw new FormatException(error);
        }

        public static bool TryParse(string? text, out DnsServerAddress? result) => ParseCore(text, out result) == null;

        /// <summary>Null on success, else why <paramref name="text"/> is not a server address.</summary>
        private static string? ParseCore(string? text, out DnsServerAddress? result)
        {
            result = null;
            var s = (text ?? string.Empty).Trim();
            var notAddress = $"'{s}' is not an IP address[:port]";
            if (s.Length == 0) return "An empty string is not an IP address[:port]";

            string host;
            string? port = null;
            if (s[0] == '[')
            {
                var close = s.IndexOf(']');
                if (close < 0) return notAddress + " (missing ']')";
                host = s.Substring(1, close - 1);
                var rest = s.Substring(close + 1);
                if (rest.Length > 0)
                {
                    if (rest[0] != ':') return notAddress;
                    port = rest.Substring(1);
                }
                if (host.IndexOf(':') < 0) return notAddress + " (brackets are for IPv6 addresses)";
            }
            else if (s.IndexOf(':') != s.LastIndexOf(':'))
            {
                host = s; // Two colons or more: a bare IPv6 address; "[v6]:port" is the only way to give a port.
            }
            else
            {
                var colon = s.IndexOf(':');
                host = colon < 0 ? s : s.Substring(0, colon);
                if (colon >= 0) port = s.Substring(colon + 1);
            }

            IPAddress? address;
            if (host.IndexOf(':') >= 0)
            {
                if (!IPAddressText.TryParse(host, out address)) return notAddress;
            }
            else
            {
                if (!IPAddressText.TryParse(host, out address))
                    return LooksLikeHostName(host)
                        ? $"'{s}' is a host name; give the DNS server as an IP address[:port] (host names are not accepted)"
                        : notAddress;
            }

            var portNumber = DefaultPort;
            if (port != null && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out portNumber) || portNumber < 1 || portNumber > 65535))
                return $"'{s}' is not an IP address[:port]: the port must be a number 1..65535";
            result = new DnsServerAddress(address!, portNumber);
            return null;
        }

        private static bool LooksLikeHostName(string s)
        {
            var letter = false;
            foreach (var c in s)
            {
                if (char.IsLetter(c)) letter = true;
                else if (!char.IsDigit(c) && c != '.' && c != '-' && c != '_') return false;
            }
            return letter;
        }

        /// <summary>"ip:port", with brackets for IPv6: the form <see cref="DnsAnswer.Server"/> reports.</summary>
        public override string ToString() =>
            _text ??= Address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{Address}]:{Port}" : $"{Address}:{Port}";

        private string? _text; // built once: every answer names its server

        public bool Equals(DnsServerAddress? other) => other != null && Address.Equals(other.Address) && Port == other.Port;
        public override bool Equals(object? obj) => Equals(obj as DnsServerAddress);
        public override int GetHashCode() => Address.GetHashCode() * 31 + Port;
    }
}
