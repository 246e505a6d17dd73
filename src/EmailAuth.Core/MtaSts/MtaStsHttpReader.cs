using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace EmailAuth.Core.MtaSts
{
    /// <summary>
    /// Bounded reads from the TLS stream for a minimal HTTP/1.1 response (RFC 9112): lines of limited length and
    /// bodies of limited size. Nothing here buffers more than its caller's limit plus one read.
    /// </summary>
    internal sealed class MtaStsHttpReader
    {
        private readonly Stream _stream;
        private readonly byte[] _buffer = new byte[8192];
        private int _start, _end;

        public MtaStsHttpReader(Stream stream) => _stream = stream;

        /// <summary>Total bytes received so far (headers and body).</summary>
        public long BytesRead { get; private set; }

        private async Task<bool> FillAsync(CancellationToken ct)
        {
            if (_start < _end) return true;
            _start = 0;
            _end = await _stream.ReadAsync(_buffer, 0, _buffer.Length, ct).ConfigureAwait(false);
            BytesRead += _end;
            return _end > 0;
        }

        /// <summary>A line without its CRLF or LF (ISO-8859-1, as header octets are); null at end of stream; throws past <paramref name="maxLength"/>.</summary>
        public async Task<string?> ReadLineAsync(int maxLength, CancellationToken ct)
        {
            var line = new StringBuilder();
            while (true)
            {
                if (!await FillAsync(ct).ConfigureAwait(false)) return line.Length > 0 ? throw new MtaStsHttpException("the connection closed in the middle of a line") : null;
                while (_start < _end)
                {
                    var b = _buffer[_start++];
                    if (b == (byte)'\n')
                    {
                        if (line.Length > 0 && line[line.Length - 1] == '\r') line.Length--;
                        return line.ToString();
                    }
                    if (line.Length >= maxLength) throw new MtaStsHttpException($"a header or chunk line is longer than {maxLength} bytes");
                    line.Append((char)b);
                }
            }
        }

        /// <summary>
        /// Appends up to <paramref name="count"/> bytes (or to end of stream when null) to <paramref name="body"/>, but never
        /// more than <paramref name="limit"/> in all; false when the body would exceed the limit.
        /// </summary>
        public async Task<bool> ReadBodyAsync(MemoryStream body, long? count, long limit, CancellationToken ct)
        {
            var remaining = count ?? long.MaxValue;
            while (remaining > 0)
            {
                if (!await FillAsync(ct).ConfigureAwait(false))
                {
                    if (count != null) throw new MtaStsHttpException("the connection closed before the end of the body");
                    return true;
                }
                var n = (int)Math.Min(remaining, _end - _start);
                if (body.Length + n > limit) return false;
                body.Write(_buffer, _start, n);
                _start += n;
                remaining -= n;
            }
            return true;
        }
    }

    /// <summary>The response broke HTTP/1.1 framing.</summary>
    internal sealed class MtaStsHttpException : Exception
    {
        public MtaStsHttpException(string message) : base(message) { }
    }
}
