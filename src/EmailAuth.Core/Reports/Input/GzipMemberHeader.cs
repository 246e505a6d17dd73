using System;
using System.IO.Hashing;

namespace EmailAuth.Core.Reports.Input
{
    /// <summary>Reads and checks one gzip member header (RFC 1952 §2.3), leaving the input at the member's deflate data.</summary>
    internal static class GzipMemberHeader
    {
        // RFC 1952 §2.3.1 FLG bits.
        private const int FHcrc = 2, FExtra = 4, FName = 8, FComment = 16, Reserved = 0xE0;

        /// <summary>
        /// Longest FNAME or FCOMMENT read (RFC 1952 sets no bound; both are zero-terminated ISO 8859-1 text, a file name
        /// and a comment): past this a header is taken as damaged rather than scanned on.
        /// </summary>
        public const int MaxTextBytes = 64 * 1024;

        /// <summary>
        /// Reads the header whose ID1 (0x1f) has just been read. Throws <see cref="ReportInputException"/> when it is cut,
        /// not gzip, not deflate, has reserved flag bits set, or its FHCRC disagrees.
        /// </summary>
        public static void Read(GzipInput input, string name, int member)
        {
            var crc = new Crc32();
            var one = new byte[] { 0x1f };
            crc.Append(one);
            int Next()
            {
                var b = input.ReadByte();
                if (b < 0) throw Error(name, member, "the file ends inside its header");
                one[0] = (byte)b;
                crc.Append(one);
                return b;
            }

            if (Next() != 0x8b) throw Error(name, member, "it does not start with the gzip magic bytes 1f 8b");
            // §2.3.1 CM: 8 = deflate, the only method defined.
            var method = Next();
            if (method != 8) throw Error(name, member, $"compression method {method} is not deflate (8)");
            var flags = Next();
            // §2.3.1.2: "A compliant decompressor must give an error indication if any reserved bit is non-zero".
            if ((flags & Reserved) != 0) throw Error(name, member, $"reserved header flag bits are set (FLG 0x{flags:x2})");
            for (var i = 0; i < 6; i++) Next();   // MTIME, XFL, OS: informational; FTEXT too is a hint only
            if ((flags & FExtra) != 0)
            {
                var length = Next() | Next() << 8;  // XLEN, then that many bytes of subfields (§2.3.1.1)
                for (var i = 0; i < length; i++) Next();
            }
            if ((flags & FName) != 0) SkipText(Next, name, member, "file name");
            if ((flags & FComment) != 0) SkipText(Next, name, member, "comment");
            if ((flags & FHcrc) != 0)
            {
                // CRC16: the two low bytes of the CRC-32 of every header byte before it.
                var expected = (ushort)crc.GetCurrentHashAsUInt32();
                var stored = input.ReadByte() | input.ReadByte() << 8;
                if (stored < 0) throw Error(name, member, "the file ends inside its header");
                if (stored != expected) throw Error(name, member, "its header CRC16 (FHCRC) does not match the header");
            }
        }

        private static void SkipText(Func<int> next, string name, int member, string what)
        {
            for (var i = 0; i <= MaxTextBytes; i++)
                if (next() == 0) return;
            throw Error(name, member, $"its {what} is longer than {MaxTextBytes:N0} bytes");
        }

        private static ReportInputException Error(string name, int member, string why) =>
            new ReportInputException($"{name}: gzip member {member} has a bad header: {why}.", null, ReportInputProblem.Invalid);
    }
}
