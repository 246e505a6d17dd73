using System;
using System.IO;

namespace EmailAuth.Core.Reports.Failure
{
    /// <summary>Bytes already read to sniff the content (magic numbers), then the rest of the stream.</summary>
    internal sealed class PrefixedStream : Stream
    {
        private readonly byte[] _prefix;
        private readonly int _length;
        private readonly Stream _rest;
        private int _offset;

        public PrefixedStream(byte[] prefix, int length, Stream rest)
        {
            _prefix = prefix;
            _length = length;
            _rest = rest;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_offset < _length)
            {
                var n = Math.Min(count, _length - _offset);
                Array.Copy(_prefix, _offset, buffer, offset, n);
                _offset += n;
                return n;
            }
            return _rest.Read(buffer, offset, count);
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
    }
}
