using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace EmailAuth.Core.Tests.MtaSts
{
    /// <summary>
    /// A scripted HTTPS server on 127.0.0.1 (TcpListener + SslStream): it sends the leaf and its CA, records the SNI
    /// name and the request, then writes the raw bytes <see cref="Respond"/> returns. <see cref="Silent"/> accepts TLS
    /// and never answers (for timeouts).
    /// </summary>
    public sealed class LocalHttpsServer : IDisposable
    {
        private readonly TcpListener _listener;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly SslStreamCertificateContext _context;

        public LocalHttpsServer(X509Certificate2 leaf, X509Certificate2 ca, Func<string, byte[]>? respond = null)
        {
            _context = SslStreamCertificateContext.Create(leaf, new X509Certificate2Collection(ca), offline: true);
            Respond = respond ?? (_ => Array.Empty<byte>());
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _ = AcceptLoopAsync();
        }

        public int Port { get; }
        public Func<string, byte[]> Respond { get; set; }
        public bool Silent { get; set; }
        public ConcurrentQueue<string> SniNames { get; } = new ConcurrentQueue<string>();
        public ConcurrentQueue<string> Requests { get; } = new ConcurrentQueue<string>();

        /// <summary>A plain HTTP/1.1 response with the given status, headers and body.</summary>
        public static byte[] Http(int status, string? contentType, string body, string? extraHeaders = null, bool contentLength = true)
        {
            var b = Encoding.UTF8.GetBytes(body);
            var head = $"HTTP/1.1 {status} Status\r\n" + (contentType != null ? $"Content-Type: {contentType}\r\n" : "")
                     + (contentLength ? $"Content-Length: {b.Length}\r\n" : "") + (extraHeaders ?? "") + "Connection: close\r\n\r\n";
            var h = Encoding.ASCII.GetBytes(head);
            var all = new byte[h.Length + b.Length];
            h.CopyTo(all, 0);
            b.CopyTo(all, h.Length);
            return all;
        }

        private async Task AcceptLoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
                catch { return; }
                _ = Task.Run(() => ServeAsync(client));
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using (client)
            {
                try
                {
                    using var ssl = new SslStream(client.GetStream(), false);
                    await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                    {
                        ServerCertificateContext = _context,
                        ClientCertificateRequired = false,
                    }, _stop.Token);
                    SniNames.Enqueue(ssl.TargetHostName);
                    var request = new StringBuilder();
                    var buf = new byte[4096];
                    while (!request.ToString().Contains("\r\n\r\n") && request.Length < 65536)
                    {
                        var n = await ssl.ReadAsync(buf, _stop.Token);
                        if (n == 0) return;
                        request.Append(Encoding.ASCII.GetString(buf, 0, n));
                    }
                    Requests.Enqueue(request.ToString());
                    if (Silent)
                    {
                        await Task.Delay(Timeout.Infinite, _stop.Token);
                        return;
                    }
                    var response = Respond(request.ToString());
                    await ssl.WriteAsync(response, _stop.Token);
                    await ssl.FlushAsync(_stop.Token);
                    ssl.Close();
                }
                catch (Exception e) when (e is IOException || e is OperationCanceledException || e is System.Security.Authentication.AuthenticationException || e is ObjectDisposedException)
                {
                    // The client refused the certificate or went away: that is what some tests are about.
                }
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
        }
    }
}
