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
    }
}
