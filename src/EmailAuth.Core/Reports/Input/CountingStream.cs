using System;
using System.IO;

namespace EmailAuth.Core.Reports.Input
{
    /// <summary>Read-only pass-through that counts the bytes read from the inner stream (the compressed side of a ratio check).</summary>
    internal sealed class CountingStream : ForwardReadStream
    {
        public CountingStream(Stream inner, bool leaveOpen = false) : base(inner, leaveOpen) { }

        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Inner.Read(buffer, offset, count);
            BytesRead += n;
            return n;
        }

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
    }
}
