using System;
using System.IO;

namespace EmailAuth.Core.Reports.Input
{
    /// <summary>Bytes already read to sniff the format, then the rest of the inner stream: "peek" for streams that cannot seek.</summary>
    internal sealed class PrefixedStream : ForwardReadStream
    {
        private readonly byte[] _prefix;
        private readonly int _prefixLength;
        private int _prefixPosition;
        public PrefixedStream(byte[] prefix, int prefixLength, Stream inner) : base(inner)
        {
            _prefix = prefix;
            _prefixLength = prefixLength;
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
            return Inner.Read(buffer, offset, count);
        }
    }
}
