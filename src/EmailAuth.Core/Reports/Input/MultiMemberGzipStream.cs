using System;
using System.IO;
using System.IO.Compression;
using System.IO.Hashing;

namespace EmailAuth.Core.Reports.Input
{
    /// <summary>
    /// The content of a gzip file: RFC 1952 §2.2 "a series of members", read as the concatenation of their data
    /// (`cat a.gz b.gz`, `gzip -c b &gt;&gt; a.gz`) on every runtime. GZipStream is not used: it stops after the first
    /// member on .NET Framework, and returns a short read without a word for cut data everywhere. Each member's header
    /// is checked here, its deflate data inflated by <see cref="DeflateStream"/> one chunk at a time (never a whole
    /// member in memory), and its trailer (CRC-32 and ISIZE of that member's own output, §2.3.1) checked, so a cut or
    /// damaged member is an error, never short data. After the last member the file may end, or carry zero bytes
    /// (padding some tools add; gzip(1) and Python accept it); anything else there is an error, as a member whose
    /// first bytes were damaged would otherwise be dropped in silence (gzip(1) only warns "trailing garbage ignored").
    /// </summary>
    internal sealed class MultiMemberGzipStream : ForwardReadStream
    {
        /// <summary>Most zero bytes of padding read after the last member (tar pads to 10 KiB records; this is far more).</summary>
        public const int MaxPaddingBytes = 1024 * 1024;

        private readonly GzipInput _input;
        private readonly string _name;
        private readonly int _maxMembers;
        private readonly Crc32 _crc = new Crc32();
        private DeflateStream? _member;
        private long _memberLength;
        private int _members;
        private bool _ended;

        /// <param name="compressed">The gzip file from its first byte (the caller has seen the magic bytes).</param>
        /// <param name="name">The file (and entry) named in errors.</param>
        /// <param name="maxMembers">Most members read; more is <see cref="ReportInputProblem.TooLarge"/>.</param>
        public MultiMemberGzipStream(Stream compressed, string name, int maxMembers) : base(compressed)
        {
            _input = new GzipInput(compressed);
            _name = name;
            _maxMembers = maxMembers;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (count <= 0) return 0;
            // Each pass either returns data or ends a member; members are capped, so the loop is bounded.
            while (!_ended)
            {
                if (_member is null && !StartMember())
                {
                    _ended = true;
                    break;
                }
                var n = _member!.Read(buffer, offset, count);
                if (n > 0)
                {
                    _crc.Append(new ReadOnlySpan<byte>(buffer, offset, n));
                    _memberLength += n;
                    return n;
                }
                EndMember();
            }
            return 0;
        }

        /// <summary>Reads the next member's header; false when the file has ended (after at least one member).</summary>
        private bool StartMember()
        {
            var first = _input.ReadByte();
            if (_members > 0)
            {
                if (first < 0) return false;
                if (first == 0)
                {
                    SkipPadding();
                    return false;
                }
            }
            if (first != 0x1f)
                throw new ReportInputException(
                    _members == 0
                        ? $"{_name}: not gzip data."
                        : $"{_name}: the bytes after gzip member {_members} are neither another member nor zero padding (RFC 1952 §2.2).",
                    null, ReportInputProblem.Invalid);
            if (++_members > _maxMembers)
                throw new ReportInputException($"{_name}: the gzip file has more than {_maxMembers:N0} members; the rest are not read.",
                    null, ReportInputProblem.TooLarge);
            GzipMemberHeader.Read(_input, _name, _members);
            _input.BeginDeflate();
            _member = new DeflateStream(_input.DeflateFeed, CompressionMode.Decompress, leaveOpen: true);
            _crc.Reset();
            _memberLength = 0;
            return true;
        }

        /// <summary>The inflater has stopped: the data must have ended there, and the trailer after it must match.</summary>
        private void EndMember()
        {
            _member!.Dispose();
            _member = null;
            // DeflateStream returns 0 both at the end of its data and when its input runs out first.
            if (_input.FeedRanDry) throw Damaged("the file ends inside its compressed data");
            var trailer = new byte[8];
            WriteUInt32LittleEndian(trailer, 0, _crc.GetCurrentHashAsUInt32());
            WriteUInt32LittleEndian(trailer, 4, unchecked((uint)_memberLength));   // ISIZE: the length mod 2^32
            if (_input.TryConsumeTrailer(trailer)) return;
            if (_input.TrailerFieldSeen(trailer, 4))
                throw Damaged("its CRC-32 does not match the data it inflates to");
            if (_input.TrailerFieldSeen(trailer, 0))
                throw Damaged($"its trailer's length (ISIZE) is not the {_memberLength:N0} bytes it inflates to");
            throw Damaged($"no trailer matching the {_memberLength:N0} bytes it inflates to follows its compressed data");
        }

        private void SkipPadding()
        {
            for (var i = 1; i < MaxPaddingBytes; i++)
            {
                var b = _input.ReadByte();
                if (b < 0) return;
                if (b != 0)
                    throw new ReportInputException(
                        $"{_name}: the bytes after gzip member {_members} are neither another member nor zero padding (RFC 1952 §2.2).",
                        null, ReportInputProblem.Invalid);
            }
            throw new ReportInputException($"{_name}: more than {MaxPaddingBytes:N0} bytes of padding after the last gzip member.",
                null, ReportInputProblem.Invalid);
        }

        private ReportInputException Damaged(string why) =>
            new ReportInputException($"{_name}: the gzip data is truncated or damaged (member {_members}: {why}).", null, ReportInputProblem.Invalid);

        private static void WriteUInt32LittleEndian(byte[] target, int offset, uint value)
        {
            for (var i = 0; i < 4; i++) target[offset + i] = (byte)(value >> (8 * i));
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _member?.Dispose();
            base.Dispose(disposing);
        }
    }
}
