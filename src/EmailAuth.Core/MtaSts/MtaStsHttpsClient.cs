using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace EmailAuth.Core.MtaSts
{
    /// <summary>
    /// Fetches https://&lt;host&gt;/.well-known/mta-sts.txt from an address our own resolver found (so -Server and test
    /// DNS apply): TCP, then TLS with SNI and certificate validation for the host name (SslStream, the platform's
    /// trust store), then one HTTP/1.1 GET with "Connection: close". RFC 8461 §3.3: no redirects, status 200 only,
    /// bodies over 64 KiB refused, everything within one timeout.
    /// </summary>
    internal sealed class MtaStsHttpsClient
    {
        public const int MaxPolicyBytes = MtaStsOptions.MaxPolicyBytes;
        private const int MaxLineBytes = 8 * 1024;
        private const int MaxHeaderLines = 100;
        private const int MaxChunks = 4096;
        public const string WellKnownPath = "/.well-known/mta-sts.txt";

        private readonly X509Certificate2? _extraRoot;
        private readonly int _port;

        /// <summary>The production client: port 443, the platform's trust store (plus the test hook, unset in production).</summary>
        public MtaStsHttpsClient() : this(MtaStsTestHooks.TrustedRoot, MtaStsTestHooks.Port ?? 443) { }

        /// <summary>For tests: one extra trusted root and another port.</summary>
        internal MtaStsHttpsClient(X509Certificate2? extraRoot, int port)
        {
            _extraRoot = extraRoot;
            _port = port;
        }

        public int Port => _port;

        public async Task<MtaStsFetchResult> FetchAsync(string host, IPAddress address, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var endpoint = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]:{_port}" : $"{address}:{_port}";
            using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeoutCts.CancelAfter(timeout);
            var ct = timeoutCts.Token;
            using var tcp = new TcpClient(address.AddressFamily);
            // netstandard2.0's ConnectAsync and SslStream take no token everywhere: closing the socket ends them.
            using var registration = ct.Register(() => tcp.Dispose());
            var stage = "connect";
            var validator = new MtaStsCertificateValidator(_extraRoot);
            try
            {
                await tcp.ConnectAsync(address, _port).ConfigureAwait(false);
                stage = "tls";
                using var ssl = new SslStream(tcp.GetStream(), false, validator.Validate);
                await ssl.AuthenticateAsClientAsync(host, null, SslProtocols.None, checkCertificateRevocation: false).ConfigureAwait(false);
                stage = "http";
                var request = $"GET {WellKnownPath} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: EmailAuth\r\nAccept: text/plain\r\nConnection: close\r\n\r\n";
                var bytes = Encoding.ASCII.GetBytes(request);
                await ssl.WriteAsync(bytes, 0, bytes.Length, ct).ConfigureAwait(false);
                await ssl.FlushAsync(ct).ConfigureAwait(false);
                return await ReadResponseAsync(new MtaStsHttpReader(ssl), endpoint, ct).ConfigureAwait(false);
            }
            catch (Exception) when (ct.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return new MtaStsFetchResult(MtaStsFetchOutcome.Timeout,
                    detail: $"no complete answer within {timeout.TotalSeconds:0.###} s (stopped during {StageWords(stage)})", address: endpoint);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
            catch (MtaStsHttpException e)
            {
                return new MtaStsFetchResult(MtaStsFetchOutcome.ProtocolError, detail: e.Message, address: endpoint);
            }
            catch (AuthenticationException e)
            {
                return validator.Rejection != null
                    ? new MtaStsFetchResult(MtaStsFetchOutcome.CertificateInvalid, detail: validator.Rejection, address: endpoint)
                    : new MtaStsFetchResult(MtaStsFetchOutcome.TlsFailed, detail: Innermost(e), address: endpoint);
            }
            catch (Exception e) when (e is SocketException || e is IOException || e is ObjectDisposedException)
            {
                var outcome = stage == "connect" ? MtaStsFetchOutcome.ConnectFailed
                            : stage == "tls" ? MtaStsFetchOutcome.TlsFailed : MtaStsFetchOutcome.ProtocolError;
                return new MtaStsFetchResult(outcome, detail: Innermost(e), address: endpoint);
            }
        }

        private static async Task<MtaStsFetchResult> ReadResponseAsync(MtaStsHttpReader reader, string endpoint, CancellationToken ct)
        {
            var statusLine = await reader.ReadLineAsync(MaxLineBytes, ct).ConfigureAwait(false)
                             ?? throw new MtaStsHttpException("the server closed the connection without a response");
            // RFC 9112 §4: status-line = HTTP-version SP status-code SP [ reason-phrase ]
            var parts = statusLine.Split(new[] { ' ' }, 3);
            if (parts.Length < 2 || !parts[0].StartsWith("HTTP/1.", StringComparison.Ordinal) || parts[1].Length != 3
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
                throw new MtaStsHttpException($"'{Printable(statusLine)}' is not an HTTP/1.1 status line");

            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var n = 0; ; n++)
            {
                if (n >= MaxHeaderLines) throw new MtaStsHttpException($"more than {MaxHeaderLines} header lines");
                var line = await reader.ReadLineAsync(MaxLineBytes, ct).ConfigureAwait(false)
                           ?? throw new MtaStsHttpException("the connection closed inside the headers");
                if (line.Length == 0) break;
                var colon = line.IndexOf(':');
                if (colon <= 0) throw new MtaStsHttpException($"header line '{Printable(line)}' has no name");
                var name = line.Substring(0, colon).Trim();
                var value = line.Substring(colon + 1).Trim();
                headers[name] = headers.TryGetValue(name, out var prior) ? prior + ", " + value : value;
            }
            headers.TryGetValue("Content-Type", out var contentType);

            // RFC 8461 §3.3: "HTTP 3xx redirects MUST NOT be followed"; only 200 is a policy.
            if (status >= 300 && status < 400)
                return new MtaStsFetchResult(MtaStsFetchOutcome.Redirect, statusCode: status, contentType: contentType, address: endpoint,
                    detail: $"HTTP {status}" + (headers.TryGetValue("Location", out var location) ? $" to {Printable(location)}" : ""));
            if (status != 200)
                return new MtaStsFetchResult(MtaStsFetchOutcome.HttpStatus, statusCode: status, contentType: contentType, address: endpoint,
                    detail: $"HTTP {status}" + (parts.Length > 2 ? " " + Printable(parts[2]) : ""));
            // RFC 8461 §3.2: the media type MUST be text/plain; parameters (charset) are allowed.
            var mediaType = contentType?.Split(';')[0].Trim();
            if (!string.Equals(mediaType, "text/plain", StringComparison.OrdinalIgnoreCase))
                return new MtaStsFetchResult(MtaStsFetchOutcome.ContentType, statusCode: status, contentType: contentType, address: endpoint,
                    detail: contentType == null ? "no Content-Type header" : $"Content-Type {Printable(contentType)}");

            var body = new MemoryStream();
            bool fits;
            if (headers.TryGetValue("Transfer-Encoding", out var te) && te.Split(',')[te.Split(',').Length - 1].Trim().Equals("chunked", StringComparison.OrdinalIgnoreCase))
                fits = await ReadChunkedAsync(reader, body, ct).ConfigureAwait(false);
            else if (headers.TryGetValue("Content-Length", out var cl))
            {
                if (!long.TryParse(cl, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
                    throw new MtaStsHttpException($"Content-Length '{Printable(cl)}' is not a number");
                // Refused from the header alone: no byte of an oversized body is read.
                fits = length <= MaxPolicyBytes && await reader.ReadBodyAsync(body, length, MaxPolicyBytes, ct).ConfigureAwait(false);
            }
            else fits = await reader.ReadBodyAsync(body, null, MaxPolicyBytes, ct).ConfigureAwait(false); // read to close
            if (!fits)
                return new MtaStsFetchResult(MtaStsFetchOutcome.TooLarge, statusCode: status, contentType: contentType, address: endpoint,
                    detail: $"the body is larger than {MaxPolicyBytes} bytes");

            string text;
            try
            {
                text = new UTF8Encoding(false, true).GetString(body.ToArray());
            }
            catch (DecoderFallbackException)
            {
                throw new MtaStsHttpException("the body is not UTF-8 text");
            }
            return new MtaStsFetchResult(MtaStsFetchOutcome.Success, text, statusCode: status, contentType: contentType, address: endpoint);
        }

        /// <summary>RFC 9112 §7.1 chunked coding, every size bounded; false when the total exceeds the policy limit.</summary>
        private static async Task<bool> ReadChunkedAsync(MtaStsHttpReader reader, MemoryStream body, CancellationToken ct)
        {
            for (var i = 0; i < MaxChunks; i++)
            {
                var line = await reader.ReadLineAsync(MaxLineBytes, ct).ConfigureAwait(false)
                           ?? throw new MtaStsHttpException("the connection closed before the last chunk");
                var sizeText = line.Split(';')[0].Trim();
                if (sizeText.Length == 0 || sizeText.Length > 8 || !long.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size))
                    throw new MtaStsHttpException($"chunk size '{Printable(line)}' is not hexadecimal");
                if (size == 0)
                {
                    for (var t = 0; t < MaxHeaderLines; t++) // trailer section, then the empty line
                    {
                        var trailer = await reader.ReadLineAsync(MaxLineBytes, ct).ConfigureAwait(false);
                        if (trailer == null || trailer.Length == 0) return true;
                    }
                    throw new MtaStsHttpException($"more than {MaxHeaderLines} trailer lines");
                }
                if (body.Length + size > MaxPolicyBytes) return false;
                if (!await reader.ReadBodyAsync(body, size, MaxPolicyBytes, ct).ConfigureAwait(false)) return false;
                if (await reader.ReadLineAsync(2, ct).ConfigureAwait(false) != "")
                    throw new MtaStsHttpException("a chunk is not followed by CRLF");
            }
            throw new MtaStsHttpException($"more than {MaxChunks} chunks");
        }

        private static string StageWords(string stage) =>
            stage == "connect" ? "the TCP connection" : stage == "tls" ? "the TLS handshake" : "the HTTP response";

        private static string Innermost(Exception e)
        {
            while (e.InnerException != null) e = e.InnerException;
            return e.Message;
        }

        private static string Printable(string s)
        {
            var sb = new StringBuilder();
            foreach (var c in s.Length > 200 ? s.Substring(0, 200) : s) sb.Append(c < 0x20 || c > 0x7E ? '?' : c);
            return sb.ToString();
        }
    }
}
