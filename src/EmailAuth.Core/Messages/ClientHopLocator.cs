using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;

namespace EmailAuth.Core.Messages
{
    /// <summary>
    /// Finds the Received header field the receiving MTA added when the sending client connected, for the client IP and
    /// HELO name SPF is evaluated with (RFC 7208 §2.3, §2.4). The rule, top (newest) to bottom:
    /// <list type="number">
    /// <item>skip a field without a from clause that names a client IP address (e.g. Gmail's topmost
    ///   "by 2002:a05:... with SMTP id", a local pickup "from userid 1000 by ...");</item>
    /// <item>skip a hop inside the receiving organization: the client IP is loopback, private (RFC 1918, RFC 6598),
    ///   link-local or unique-local (RFC 4193), or the client's host name (or HELO) is under a trusted receiver
    ///   domain (<see cref="DefaultTrustedReceivers"/> plus -TrustedReceiver: Exchange Online's internal
    ///   *.outlook.com hops);</item>
    /// <item>the first field left is the one: its IP and HELO name are the client's.</item>
    /// </list>
    /// At most <see cref="MaxFields"/> fields are read (a mail loop makes hundreds).
    /// </summary>
    internal static class ClientHopLocator
    {
        public const int MaxFields = 100;

        /// <summary>Receivers whose internal hops are always skipped: Microsoft 365 relays between its own hosts.</summary>
        public static readonly IReadOnlyList<string> DefaultTrustedReceivers = new[] { "outlook.com" };

        public static ReceivedHop? Locate(IReadOnlyList<string> receivedValues, IEnumerable<string>? trustedReceivers)
        {
            var trusted = DefaultTrustedReceivers.Concat(trustedReceivers ?? Enumerable.Empty<string>())
                .Select(t => t.Trim().Trim('.').ToLowerInvariant()).Where(t => t.Length > 0).Distinct().ToList();
            for (var i = 0; i < receivedValues.Count && i < MaxFields; i++)
            {
                var hop = ReceivedHeaderParser.Parse(i, receivedValues[i]);
                if (hop.IPAddress == null) continue;
                if (IsInternal(hop.IPAddress)) continue;
                if (IsTrusted(hop.FromHost, trusted) || IsTrusted(hop.Helo, trusted) || trusted.Contains(hop.IPAddress.ToString())) continue;
                return hop;
            }
            return null;
        }

        private static bool IsTrusted(string? host, List<string> trusted)
        {
            if (string.IsNullOrEmpty(host)) return false;
            var h = host!.ToLowerInvariant().TrimEnd('.');
            return trusted.Any(t => h == t || h.EndsWith("." + t, StringComparison.Ordinal));
        }

        /// <summary>Addresses no Internet client connects from: the hop is inside the receiver.</summary>
        internal static bool IsInternal(IPAddress ip)
        {
            if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
            if (IPAddress.IsLoopback(ip)) return true;
            var b = ip.GetAddressBytes();
            if (ip.AddressFamily == AddressFamily.InterNetwork)
                return b[0] == 10 || b[0] == 0
                    || (b[0] == 172 && (b[1] & 0xF0) == 16)
                    || (b[0] == 192 && b[1] == 168)
                    || (b[0] == 169 && b[1] == 254)
                    || (b[0] == 100 && (b[1] & 0xC0) == 64); // RFC 6598 shared address space
            return ip.IsIPv6LinkLocal || ip.IsIPv6SiteLocal || (b[0] & 0xFE) == 0xFC || ip.Equals(IPAddress.IPv6None);
        }
    }
}
