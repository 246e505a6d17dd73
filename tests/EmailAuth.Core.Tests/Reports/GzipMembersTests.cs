using System;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.IO.Hashing;
using System.Linq;
using System.Text;
using EmailAuth.Core.Reports.Input;
using EmailAuth.Core.Tests.Infrastructure;
using Xunit;

namespace EmailAuth.Core.Tests.Reports
{
    /// <summary>
    /// Gzip files of several members (RFC 1952 §2.2): `cat a.gz b.gz`, `gzip -c b &gt;&gt; a.gz`, Python's append mode. They read
    /// as the concatenation of their members' data; each member's trailer (§2.3.1) is checked, and the caps hold over all.
    /// </summary>
    public class GzipMembersTests : IDisposable
    {
        private readonly ReportFixtures _files = new ReportFixtures();
        public void Dispose() => _files.Dispose();

        private static readonly byte[] Xml = File.ReadAllBytes(ReportFixtures.Sample("example.com-google.com-rfc7489.xml"));

        /// <summary>The sample report cut into <paramref name="count"/> pieces, to be compressed one member each.</summary>
        private static byte[][] Pieces(int count)
        {
            var size = Xml.Length / count;
            return Enumerable.Range(0, count).Select(i => Xml.Skip(i * size).Take(i == count - 1 ? Xml.Length - i * size : size).ToArray()).ToArray();
        }

        /// <summary>The one part's whole content, read to its end (the trailer checks run there).</summary>
        private static byte[] ReadContent(string path, ReportInputLimits? limits = null)
        {
            using var part = new ReportInputReader(limits).Open(path).Single();
            if (part.Error != null) throw part.Error;
            using var copy = new MemoryStream();
            part.Stream.CopyTo(copy);
            return copy.ToArray();
        }

        private static ReportInputException Refused(string path, ReportInputLimits? limits = null) =>
            Assert.Throws<ReportInputException>(() => ReadContent(path, limits));

        /// <summary>
        /// `gzip -n &lt; /dev/null`: a whole member of no data (deflate "03 00", CRC32 0, ISIZE 0). .NET's GZipStream writes
        /// no bytes at all for no data, so it cannot make one.
        /// </summary>
        private static byte[] EmptyMember() => Convert.FromHexString("1f8b080000000000000303000000000000000000");

        private static byte[] Concat(params byte[][] members) => members.SelectMany(m => m).ToArray();

        private static void Run(string program, string arguments, string workingDirectory)
        {
            var psi = new ProcessStartInfo(Peers.Require(program), arguments)
            {
                WorkingDirectory = workingDirectory, RedirectStandardError = true, UseShellExecute = false,
            };
            using var p = Process.Start(psi) ?? throw new InvalidOperationException($"{program} did not start");
            var error = p.StandardError.ReadToEnd();
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, $"{program} {arguments}: exit {p.ExitCode}: {error}");
        }

        [PeerFact("gzip", "sh")]
        public void Two_members_by_cat_and_three_by_gzip_append_read_as_their_concatenation()
        {
            var pieces = Pieces(3);
            for (var i = 0; i < 3; i++) _files.Write($"p{i}.xml", pieces[i]);
            // `cat a.gz b.gz > c.gz` (gzip(1) writes FNAME; -n would leave it out), and `gzip -c b >> c.gz`.
            Run("sh", "-c \"gzip -c p0.xml > a.gz && gzip -c -n p1.xml p2.xml > b.gz && cat a.gz b.gz > two.xml.gz\"", _files.Directory);
            Run("sh", "-c \"gzip -c p0.xml > three.xml.gz && gzip -c p1.xml >> three.xml.gz && gzip -9 -c p2.xml >> three.xml.gz\"", _files.Directory);

            Assert.Equal(Xml, ReadContent(Path.Combine(_files.Directory, "two.xml.gz")));
            Assert.Equal(Xml, ReadContent(Path.Combine(_files.Directory, "three.xml.gz")));
        }

        [PeerFact("python3")]
        public void Members_made_by_python_gzip_read_as_their_concatenation()
        {
            var pieces = Pieces(3);
            for (var i = 0; i < 3; i++) _files.Write($"p{i}.xml", pieces[i]);
            // GzipFile in append mode ('ab') starts a new member each time; it writes FNAME and MTIME.
            const string script = "import gzip\n" +
                                  "for i in range(3):\n" +
                                  "    with gzip.open('py.xml.gz', 'ab') as f, open('p%d.xml' % i, 'rb') as src: f.write(src.read())\n" +
                                  "open('py2.xml.gz', 'wb').write(gzip.compress(open('p0.xml', 'rb').read()) + gzip.compress(b'') + gzip.compress(open('p1.xml', 'rb').read() + open('p2.xml', 'rb').read()))\n";
            _files.Write("make.py", script);
            Run("python3", "make.py", _files.Directory);

            Assert.Equal(Xml, ReadContent(Path.Combine(_files.Directory, "py.xml.gz")));
            Assert.Equal(Xml, ReadContent(Path.Combine(_files.Directory, "py2.xml.gz")));
        }

        [Fact]
        public void An_empty_member_adds_nothing_and_an_empty_file_of_members_is_empty()
        {
            var pieces = Pieces(2);
            var path = _files.Write("empty-member.xml.gz", Concat(EmptyMember(), ReportFixtures.Gzip(pieces[0]),
                EmptyMember(), ReportFixtures.Gzip(pieces[1]), EmptyMember()));
            Assert.Equal(Xml, ReadContent(path));

            var empty = _files.Write("empty.gz", Concat(EmptyMember(), EmptyMember()));
            Assert.Empty(ReadContent(empty));
        }

        [Theory]
        [InlineData(true)]    // the first member's deflate data cut, the second member glued on where it stops
        [InlineData(false)]   // the last member's deflate data cut at the end of the file
        public void A_member_cut_in_its_deflate_data_is_an_error(bool first)
        {
            var pieces = Pieces(2);
            var a = ReportFixtures.Gzip(pieces[0]);
            var b = ReportFixtures.Gzip(pieces[1]);
            var bytes = first ? Concat(a.Take(a.Length / 2).ToArray(), b) : Concat(a, b.Take(b.Length / 2).ToArray());
            var path = _files.Write("cut-deflate.xml.gz", bytes);
            var e = Refused(path);
            // Inflating on into the next member's bytes may fail as bad deflate data or as a trailer that is not there.
            Assert.Contains(first ? "damaged" : "truncated or damaged", e.Message);
            Assert.Contains(path, e.Message);
            Assert.Equal(ReportInputProblem.Invalid, e.Problem);
        }

        [Theory]
        [InlineData(1, 3)]   // the first member loses its ISIZE's last 3 bytes, the second follows at once
        [InlineData(2, 3)]   // the file ends 3 bytes short: inside the last trailer's ISIZE
        [InlineData(2, 6)]   // inside the last trailer's CRC-32
        [InlineData(2, 8)]   // the whole last trailer missing
        public void A_member_cut_in_its_trailer_is_an_error(int member, int missing)
        {
            var pieces = Pieces(2);
            var a = ReportFixtures.Gzip(pieces[0]);
            var b = ReportFixtures.Gzip(pieces[1]);
            var bytes = member == 1 ? Concat(a.Take(a.Length - missing).ToArray(), b) : Concat(a, b.Take(b.Length - missing).ToArray());
            var path = _files.Write("cut-trailer.xml.gz", bytes);
            var e = Refused(path);
            Assert.Contains("truncated or damaged", e.Message);
            Assert.Contains($"member {member}", e.Message);
            Assert.Contains(path, e.Message);
        }

        [Theory]
        [InlineData(8)]   // a byte of the first member's CRC32
        [InlineData(3)]   // a byte of its ISIZE
        public void A_member_whose_trailer_disagrees_with_its_data_is_an_error(int fromEnd)
        {
            var pieces = Pieces(2);
            var a = ReportFixtures.Gzip(pieces[0]);
            a[a.Length - fromEnd] ^= 0x40;
            var path = _files.Write("bad-trailer.xml.gz", Concat(a, ReportFixtures.Gzip(pieces[1])));
            var e = Refused(path);
            Assert.Contains("member 1", e.Message);
            Assert.True(e.Message.Contains(fromEnd == 8 ? "CRC-32 does not match" : "length (ISIZE)"), e.Message);
            Assert.Equal(ReportInputProblem.Invalid, e.Problem);
        }

        [Fact]
        public void The_same_member_twice_reads_twice_and_a_damaged_first_copy_is_not_hidden_by_the_second()
        {
            // `cat a.gz a.gz`: the second copy's trailer carries the very CRC and length the first copy's should.
            var a = ReportFixtures.Gzip(Pieces(4)[0]);
            var twice = _files.Write("twice.xml.gz", Concat(a, a));
            Assert.Equal(Concat(Pieces(4)[0], Pieces(4)[0]), ReadContent(twice));

            var damaged = (byte[])a.Clone();
            damaged[damaged.Length - 8] ^= 1;
            var e = Refused(_files.Write("twice-damaged.xml.gz", Concat(damaged, a)));
            Assert.Contains("member 1", e.Message);
            Assert.Contains("CRC-32 does not match", e.Message);
        }

        [Fact]
        public void Large_members_and_header_like_bytes_inside_deflate_data_read_whole()
        {
            // Stored (uncompressed) deflate blocks carry 1f 8b 08 as they are: each ends a chunk handed to the inflater
            // early; 400 KB members span many chunks and buffer refills.
            var random = new Random(1952);
            var data = new byte[400_000];
            random.NextBytes(data);
            for (var i = 100; i + 3 < data.Length; i += 997) { data[i] = 0x1f; data[i + 1] = 0x8b; data[i + 2] = 8; }
            data[0] = (byte)'<';   // not itself an archive (one level only)
            static byte[] Stored(byte[] d)
            {
                using var output = new MemoryStream();
                using (var gz = new GZipStream(output, CompressionLevel.NoCompression)) gz.Write(d);
                return output.ToArray();
            }
            var second = data.Reverse().ToArray();
            var path = _files.Write("large.gz", Concat(Stored(data), ReportFixtures.Gzip(second), Stored(data)));
            Assert.Equal(Concat(data, second, data), ReadContent(path));
        }

        [Fact]
        public void Members_whose_output_together_crosses_the_ratio_are_a_bomb()
        {
            // Each member 768 KiB of spaces (~1000:1), under the 1 MiB grace alone; together they cross it and the 200:1 ratio.
            var chunk = new byte[768 * 1024];
            chunk.AsSpan().Fill((byte)' ');
            Encoding.ASCII.GetBytes("<feedback>").CopyTo(chunk, 0);
            var member = ReportFixtures.Gzip(chunk);
            chunk.AsSpan(0, 10).Fill((byte)' ');
            var more = ReportFixtures.Gzip(chunk);
            var path = _files.Write("member-bomb.xml.gz", Concat(new[] { member }.Concat(Enumerable.Repeat(more, 40)).ToArray()));
            var e = Refused(path);
            Assert.Contains("decompression bomb", e.Message);
            Assert.Equal(ReportInputProblem.TooLarge, e.Problem);

            // The size cap, too, counts all members together.
            var limits = new ReportInputLimits { MaxDecompressedBytes = 2 * 1024 * 1024, MaxCompressionRatio = int.MaxValue };
            Assert.Contains("more than 2,097,152 bytes", Refused(path, limits).Message);
        }

        [Fact]
        public void More_members_than_the_cap_are_refused()
        {
            var empty = EmptyMember();
            Assert.Equal(20, empty.Length);
            Assert.Equal(1000, ReportInputLimits.Default.MaxGzipMembers);
            var path = _files.Write("many.gz", Concat(Enumerable.Repeat(empty, 1001).ToArray()));
            var e = Refused(path);
            Assert.Contains("more than 1,000 members", e.Message);
            Assert.Equal(ReportInputProblem.TooLarge, e.Problem);
            Assert.Empty(ReadContent(_files.Write("just-enough.gz", Concat(Enumerable.Repeat(empty, 1000).ToArray()))));
        }

        [Fact]
        public void Zero_padding_after_the_last_member_is_ignored_other_trailing_bytes_are_an_error()
        {
            var pieces = Pieces(2);
            var members = Concat(ReportFixtures.Gzip(pieces[0]), ReportFixtures.Gzip(pieces[1]));
            Assert.Equal(Xml, ReadContent(_files.Write("padded.xml.gz", Concat(members, new byte[10240 - members.Length % 10240]))));

            foreach (var tail in new[] { Encoding.ASCII.GetBytes("garbage"), new byte[] { 0, 0, 1 }, new byte[] { 0x1f, 0x8c } })
            {
                var path = _files.Write("trailing.xml.gz", Concat(members, tail));
                var e = Refused(path);
                Assert.Contains(path, e.Message);
                Assert.Contains("gzip member", e.Message);
            }
        }

        /// <summary>A member built by hand with every optional header field (RFC 1952 §2.3): FTEXT, FEXTRA, FNAME, FCOMMENT, FHCRC.</summary>
        private static byte[] MemberWithAllFields(byte[] data, byte flags = 0x1f, bool goodHeaderCrc = true)
        {
            using var member = new MemoryStream();
            member.Write(new byte[] { 0x1f, 0x8b, 8, flags, 0, 0, 0, 0, 0, 3 });
            member.Write(new byte[] { 6, 0, (byte)'A', (byte)'p', 2, 0, 1, 2 });   // XLEN 6: one subfield "Ap", LEN 2
            member.Write(Encoding.Latin1.GetBytes("r\u00e9port.xml\0"));
            member.Write(Encoding.Latin1.GetBytes("a comment\0"));
            var headerCrc = (ushort)Crc32.HashToUInt32(member.ToArray());
            if (!goodHeaderCrc) headerCrc ^= 1;
            member.Write(new[] { (byte)headerCrc, (byte)(headerCrc >> 8) });
            using (var deflate = new DeflateStream(member, CompressionLevel.Optimal, leaveOpen: true)) deflate.Write(data);
            member.Write(BitConverter.GetBytes(Crc32.HashToUInt32(data)));
            member.Write(BitConverter.GetBytes((uint)data.Length));
            return member.ToArray();
        }

        [Fact]
        public void Every_optional_header_field_is_read_and_the_header_crc_checked()
        {
            var pieces = Pieces(2);
            var path = _files.Write("fields.xml.gz", Concat(MemberWithAllFields(pieces[0]), MemberWithAllFields(pieces[1])));
            Assert.Equal(Xml, ReadContent(path));

            var bad = _files.Write("bad-hcrc.xml.gz", Concat(MemberWithAllFields(pieces[0]), MemberWithAllFields(pieces[1], goodHeaderCrc: false)));
            var e = Refused(bad);
            Assert.Contains("member 2 has a bad header", e.Message);
            Assert.Contains("FHCRC", e.Message);
        }

        [Theory]
        [InlineData(0x20)]
        [InlineData(0x80)]
        public void Reserved_flag_bits_are_an_error(int bit)
        {
            // RFC 1952 §2.3.1.2: "must give an error indication if any reserved bit is non-zero".
            var pieces = Pieces(2);
            var second = ReportFixtures.Gzip(pieces[1]);
            second[3] |= (byte)bit;
            var e = Refused(_files.Write("reserved.xml.gz", Concat(ReportFixtures.Gzip(pieces[0]), second)));
            Assert.Contains("reserved header flag bits", e.Message);
        }

        [Fact]
        public void A_method_other_than_deflate_is_an_error()
        {
            var gz = ReportFixtures.Gzip(Xml);
            gz[2] = 7;
            Assert.Contains("not deflate", Refused(_files.Write("method.xml.gz", gz)).Message);
        }
    }
}
