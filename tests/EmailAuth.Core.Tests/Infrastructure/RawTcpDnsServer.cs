using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace EmailAuth.Core.Tests.Infrastructure
{
    /// <summary>
    /// A bare TCP listener on 127.0.0.1 standing in for a broken DNS server over TCP: each connection is handed
    /// to the test's session (which may close it at once, or send half an answer), then closed.
    /// </summary>
    public sealed class RawTcpDnsServer : IDisposable
    {
        private readonly TcpListener _listener;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private int _connections;

        public RawTcpDnsServer(int port, Func<NetworkStream, Task> session)
        {
            _listener = new TcpListener(IPAddress.Loopback, port);
            _listener.Start();
            _ = Task.Run(async () =>
            {
                try
                {
                    while (true)
                    {
                        using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                        Interlocked.Increment(ref _connections);
                        try { await session(client.GetStream()); }
                        catch (Exception) when (!_stop.IsCancellationRequested) { } // a session may fail; the next connection is served
                    }
                }
                catch (Exception) when (_stop.IsCancellationRequested) { }
            });
        }

        /// <summary>Accepts each connection and closes it without reading or writing anything.</summary>
        public static RawTcpDnsServer ClosingAtOnce(int port) => new RawTcpDnsServer(port, _ => Task.CompletedTask);

        public int Connections => Volatile.Read(ref _connections);

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
        }
    }
}
