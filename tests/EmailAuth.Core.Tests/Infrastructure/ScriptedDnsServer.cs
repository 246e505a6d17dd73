using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using ARSoft.Tools.Net.Dns;

namespace EmailAuth.Core.Tests.Infrastructure
{
    /// <summary>
    /// An in-process DNS server (ARSoft.Tools.Net) on 127.0.0.1, UDP and TCP on one free port, answering
    /// with whatever the test's handler builds: SERVFAIL, REFUSED, truncated UDP answers and so on.
    /// </summary>
    public sealed class ScriptedDnsServer : IDisposable
    {
        private readonly DnsServer _server;
        private int _udpQueries;
        private int _tcpQueries;

        /// <param name="answer">Builds the response to a query received over the given transport.</param>
        public ScriptedDnsServer(Func<DnsMessage, TransportProtocol, DnsMessage> answer)
        {
            Port = LoopbackPorts.FreeUdpAndTcpPort();
            var endpoint = new IPEndPoint(IPAddress.Loopback, Port);
            _server = new DnsServer(new UdpServerTransport(endpoint, 5000), new TcpServerTransport(endpoint, 5000, 1000));
            _server.QueryReceived += (_, e) =>
            {
                if (e.TransportProtocol == TransportProtocol.Udp) Interlocked.Increment(ref _udpQueries);
                else Interlocked.Increment(ref _tcpQueries);
                if (e.Query is DnsMessage query) e.Response = answer(query, e.TransportProtocol);
                return Task.CompletedTask;
            };
            _server.Start();
        }

        /// <summary>A server answering every query with <paramref name="rcode"/> and no records.</summary>
        public static ScriptedDnsServer Failing(ReturnCode rcode) => new ScriptedDnsServer((q, _) =>
        {
            var response = q.CreateResponseInstance();
            response.ReturnCode = rcode;
            return response;
        });

        public int Port { get; }
        public string Endpoint => $"127.0.0.1:{Port}";
        public int UdpQueries => Volatile.Read(ref _udpQueries);
        public int TcpQueries => Volatile.Read(ref _tcpQueries);

        public void Dispose()
        {
            try
            {
                _server.Stop();
            }
            // Stop cancels the listeners and may report their cancellation: that is the point of stopping.
            catch (AggregateException e) when (e.Flatten().InnerExceptions.All(x => x is OperationCanceledException)) { }
        }
    }
}
