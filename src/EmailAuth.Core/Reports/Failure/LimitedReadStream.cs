using System;
using System.IO;

namespace EmailAuth.Core.Reports.Failure
{
    /// <summary>A read-only view of a stream that fails once more than a set number of bytes come out (decompression bombs).</summary>
    internal sealed class LimitedReadStream : Stream
    {
        private readonly Stream _inner;
        private readonly long _limit;
        private readonly Action<long>? _onRead;
        private long _read;

        /// <param name="onRead">Told of every chunk read, so an archive can keep a total across its entries.</param>
        public LimitedReadStream(Stream inner, long limit, Action<long>? onRead = null)
        {
            _inner = inner;
            _limit = limit;
            _onRead = onRead;
        }

        public long BytesRead => _read;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = _inner.Read(buffer, offset, count);
            _read += n;
            if (n > 0) _onRead?.Invoke(n);
            if (_read > _limit) throw new LimitExceededException(_limit);
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }

        /// <summary>Thrown from Read when the limit is passed.</summary>
        internal sealed class LimitExceededException : IOException
        {
            public LimitExceededException(long limit) : base($"more than {limit:N0} bytes") { Limit = limit; }
            public long Limit { get; }
        }
    }
}
