using System;
using System.IO;

namespace EmailAuth.Core.Reports.Input
{
    /// <summary>Bytes already read to sniff the format, then the rest of the inner stream: "peek" for streams that cannot seek.</summary>
    internal sealed class PrefixedStream : Stream
    {
        private readonly byte[] _prefix;
        private readonly int _prefixLength;
        private int _prefixPosition;
        private readonly Stream _inner;

        public PrefixedStream(byte[] prefix, int prefixLength, Stream inner)
        {
            _prefix = prefix;
            _prefixLength = prefixLength;
            _inner = inner;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_prefixPosition < _prefixLength)
            {
                var n = Math.Min(count, _prefixLength - _prefixPosition);
                Buffer.BlockCopy(_prefix, _prefixPosition, buffer, offset, n);
                _prefixPosition += n;
                return n;
            }
            return _inner.Read(buffer, offset, count);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
