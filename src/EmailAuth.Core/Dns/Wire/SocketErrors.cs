using System.Net.Sockets;

namespace EmailAuth.Core.Dns.Wire
{
    /// <summary>What a socket error means for a DNS query, in words.</summary>
    internal static class SocketErrors
    {
        public static string Describe(SocketException e, string transport)
        {
            switch (e.SocketErrorCode)
            {
                case SocketError.ConnectionRefused:
                    // UDP: an ICMP port unreachable came back (nothing listens on that port); TCP: the connection was refused.
                    return transport == "UDP" ? "port unreachable: no DNS server listens there (ICMP)" : "TCP connection refused";
                case SocketError.ConnectionReset:
                    return transport == "UDP" ? "port unreachable: no DNS server listens there (ICMP)" : "server reset the TCP connection without answering";
                case SocketError.Shutdown: // EPIPE: the server had closed the connection before the query was written
                    return transport == "UDP" ? $"UDP: {e.Message}" : "server closed the TCP connection without answering";
                case SocketError.HostUnreachable:
                case SocketError.NetworkUnreachable:
                    return $"{transport}: {e.SocketErrorCode} (no route to the server)";
                default:
                    return $"{transport}: {e.Message} ({e.SocketErrorCode})";
            }
        }
    }
}
