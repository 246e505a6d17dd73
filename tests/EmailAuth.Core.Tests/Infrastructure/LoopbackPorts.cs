using System;
using System.Net;
using System.Net.Sockets;

namespace EmailAuth.Core.Tests.Infrastructure
{
    internal static class LoopbackPorts
    {
        /// <summary>A port free for both UDP and TCP on loopback at the time of asking.</summary>
        public static int FreeUdpAndTcpPort()
        {
            for (var attempt = 0; attempt < 50; attempt++)
            {
                var tcp = new TcpListener(IPAddress.Loopback, 0);
                tcp.Start();
                var port = ((IPEndPoint)tcp.LocalEndpoint).Port;
                try
                {
                    using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
                    return port;
                }
                catch (SocketException) { }
                finally { tcp.Stop(); }
            }
            throw new InvalidOperationException("No free loopback port found.");
        }

        /// <summary>
        /// A UDP port nothing listens on (bound, then released): a query to it comes back as an ICMP port
        /// unreachable at once, which Linux does not rate-limit on loopback. A dead server that fails fast.
        /// </summary>
        public static int ClosedUdpPort()
        {
            using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            return ((IPEndPoint)udp.Client.LocalEndPoint!).Port;
        }
    }
}
