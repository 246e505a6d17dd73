using System;
using System.IO;

namespace EmailAuth.Core.Reports.Input
{
    /// <summary>
    /// The compressed side of a gzip file, read forward through one buffer: member headers byte by byte, the deflate
    /// data handed to <see cref="System.IO.Compression.DeflateStream"/> in chunks, and the trailer found after it.
    /// DeflateStream reads ahead and never says where its data ended (and the runtime's zlib knows gzip framing, but
    /// .NET Framework stops after one member), so the last chunk handed to it is kept: the end lies inside it
    /// (DeflateStream asks for more input only once it has used all it was given), and the trailer is looked for there.
    /// </summary>
    internal sealed class GzipInput
    {
        /// <summary>Most bytes handed to the inflater at once: the window searched for a trailer.</summary>
        private const int ChunkBytes = 16 * 1024;

        private readonly Stream _source;
        private readonly byte[] _buffer = new byte[64 * 1024];
        private int _mark;   // bytes before it are no longer needed
        private int _pos;    // next byte not yet read or handed out
        private int _end;    // bytes in the buffer
        private int _chunkStart;
        private long _base;          // file offset of _buffer[0]
        private long _deflateStart;  // file offset of the current member's deflate data

        public GzipInput(Stream source)
        {
            _source = source;
            DeflateFeed = new Feed(this);
        }

        /// <summary>The stream a member's <see cref="System.IO.Compression.DeflateStream"/> reads from.</summary>
        public Stream DeflateFeed { get; }

        /// <summary>The feed ran out of input before the inflater finished: the data is cut.</summary>
        public bool FeedRanDry { get; private set; }

        /// <summary>The file has no more bytes than those in the buffer.</summary>
        public bool SourceEnded { get; private set; }

        /// <summary>The next byte, or -1 at the end of the file.</summary>
        public int ReadByte()
        {
            _mark = _pos;
            return Fill(1) ? _buffer[_pos++] : -1;
        }

        /// <summary>A member's deflate data starts at the read position.</summary>
        public void BeginDeflate()
        {
            FeedRanDry = false;
            _chunkStart = _pos;
            _deflateStart = _base + _pos;
        }

        /// <summary>
        /// After the inflater has finished: consumes the member's 8-byte trailer (RFC 1952 §2.3.1 CRC32, ISIZE) where
        /// <paramref name="expected"/> stands in the last chunk the inflater read; false when it stands nowhere there
        /// (the member is cut or damaged). Of several places, the first one followed by what may follow a member (the
        /// end of the file, the next member's 1f 8b, zero padding) is taken; and none less than 2 bytes into the deflate
        /// data, the shortest a deflate stream can be (RFC 1951 §3.2.3: a final fixed-Huffman block holding only its
        /// end code), as an empty member's trailer is eight zero bytes and its deflate data "03 00" ends in one.
        /// A wrong place would need 8 bytes of deflate data equal to the CRC and length of the member's whole output.
        /// </summary>
        public bool TryConsumeTrailer(byte[] expected)
        {
            _mark = _chunkStart;
            Fill(10);
            var first = (int)Math.Max(_chunkStart, _deflateStart + 2 - _base);
            var found = -1;
            for (var i = first; i <= _pos && i + 8 <= _end; i++)
            {
                if (!Matches(i, expected, 0, 8)) continue;
                if (found < 0) found = i;
                if (MayFollowMember(i + 8))
                {
                    found = i;
                    break;
                }
            }
            if (found < 0) return false;
            _pos = found + 8;
            _mark = _pos;
            return true;
        }

        private bool MayFollowMember(int at) =>
            at == _end ? SourceEnded
            : _buffer[at] == 0 || (_buffer[at] == 0x1f && at + 1 < _end && _buffer[at + 1] == 0x8b);

        /// <summary>
        /// After <see cref="TryConsumeTrailer"/> failed: whether one of the trailer's two 4-byte fields (<paramref name="from"/>
        /// 0: CRC32, 4: ISIZE) stands where the trailer could be, to say which of the two disagrees.
        /// </summary>
        public bool TrailerFieldSeen(byte[] expected, int from)
        {
            var first = (int)Math.Max(_chunkStart, _deflateStart + 2 - _base);
            for (var i = first; i <= _pos && i + 8 <= _end; i++)
                if (Matches(i + from, expected, from, 4)) return true;
            return false;
        }

        private bool Matches(int at, byte[] expected, int from, int count)
        {
            for (var k = 0; k < count; k++)
                if (_buffer[at + k] != expected[from + k]) return false;
            return true;
        }

        /// <summary>Makes at least <paramref name="count"/> bytes from the read position available; false when the file ends first.</summary>
        private bool Fill(int count)
        {
            if (_end - _pos >= count) return true;
            if (_mark > 0)
            {
                // Keep what is still needed (the last chunk, for the trailer search), drop the rest.
                Buffer.BlockCopy(_buffer, _mark, _buffer, 0, _end - _mark);
                _pos -= _mark;
                _end -= _mark;
                _chunkStart = Math.Max(0, _chunkStart - _mark);
                _base += _mark;
                _mark = 0;
            }
            while (_end - _pos < count && _end < _buffer.Length)
            {
                var n = _source.Read(_buffer, _end, _buffer.Length - _end);
                if (n <= 0)
                {
                    SourceEnded = true;
                    return false;
                }
                _end += n;
            }
            return _end - _pos >= count;
        }

        private int FeedRead(byte[] buffer, int offset, int count)
        {
            if (count <= 0) return 0;
            // Everything handed out before has been used: only the new chunk can hold the end of the deflate data.
            _mark = _pos;
            if (!Fill(1))
            {
                FeedRanDry = true;
                return 0;
            }
            var n = NextHeaderLike(_pos + 1, Math.Min(_pos + Math.Min(count, ChunkBytes), _end)) - _pos;
            Buffer.BlockCopy(_buffer, _pos, buffer, offset, n);
            _chunkStart = _pos;
            _pos += n;
            return n;
        }

        /// <summary>
        /// Where a chunk must end so that it holds no next member: the first 1f 8b 08 (ID1 ID2 CM of a header, RFC 1952
        /// §2.3) from <paramref name="from"/> on, or <paramref name="limit"/>. The trailer searched for in the last chunk
        /// is then this member's own, never a later member's that happens to carry the same CRC and length (`cat a.gz
        /// a.gz` with the first trailer damaged would otherwise lose the second copy in silence). The same three bytes
        /// inside deflate data only make one chunk shorter.
        /// </summary>
        private int NextHeaderLike(int from, int limit)
        {
            for (var i = from; i < limit; i++)
            {
                i = Array.IndexOf(_buffer, (byte)0x1f, i, limit - i);
                if (i < 0) break;
                if (i + 2 >= _end || (_buffer[i + 1] == 0x8b && _buffer[i + 2] == 8)) return i;
            }
            return limit;
        }

        private sealed class Feed : ForwardReadStream
        {
            private readonly GzipInput _input;
            public Feed(GzipInput input) : base(input._source, leaveOpen: true) => _input = input;
            public override int Read(byte[] buffer, int offset, int count) => _input.FeedRead(buffer, offset, count);
        }
    }
}
