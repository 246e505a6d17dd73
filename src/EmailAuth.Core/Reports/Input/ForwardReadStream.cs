using System;
using System.IO;

namespace EmailAuth.Core.Reports.Input
{
    /// <summary>
    /// What the report readers' stream wrappers share: forward-only and read-only over an inner stream, which they
    /// dispose unless told to leave it open. Derived types override <see cref="Stream.Read(byte[], int, int)"/> only.
    /// </summary>
    internal abstract class ForwardReadStream : Stream
    {
        private readonly bool _leaveOpen;

        protected ForwardReadStream(Stream inner, bool leaveOpen = false)
        {
            Inner = inner;
            _leaveOpen = leaveOpen;
        }

        protected Stream Inner { get; }

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
            if (disposing && !_leaveOpen) Inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
