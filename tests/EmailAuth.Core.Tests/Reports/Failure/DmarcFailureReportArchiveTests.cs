using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using EmailAuth.Core.Reports.Failure;
using EmailAuth.Core.Reports.Input;
using Xunit;

namespace EmailAuth.Core.Tests.Reports.Failure
{
    /// <summary>gzip and zip of failure reports, and hostile archives: every one bounded, a damaged entry an error naming it.</summary>
    public sealed class DmarcFailureReportArchiveTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "emailauth-ruf-" + Guid.NewGuid().ToString("N"));

        public DmarcFailureReportArchiveTests() => Directory.CreateDirectory(_dir);

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        private static byte[] Fixture(string name) => File.ReadAllBytes(DmarcFailureReportReaderTests.Fixture(name));

        private static byte[] Gzip(byte[] data)
        {
            using var output = new MemoryStream();
            using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(data, 0, data.Length);
            return output.ToArray();
        }

        /// <summary>A message whose body is <paramref name="size"/> bytes of one letter: compresses about 1000 to 1.</summary>
        private static byte[] Padded(int size)
        {
            var data = new byte[size];
            var header = System.Text.Encoding.ASCII.GetBytes("From: a@example.com\r\nSubject: pad\r\n\r\n");
            for (var i = 0; i < size; i++) data[i] = (byte)'a';
            Array.Copy(header, data, header.Length);
            return data;
        }

        private string Write(string name, byte[] data)
        {
            var path = Path.Combine(_dir, name);
            File.WriteAllBytes(path, data);
            return path;
        }

        private string Zip(string name, params (string Entry, byte[] Data)[] entries)
        {
            var path = Path.Combine(_dir, name);
            using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
            foreach (var (entry, data) in entries)
            {
                using var s = zip.CreateEntry(entry).Open();
                s.Write(data, 0, data.Length);
            }
            return path;
        }

        [Fact]
        public void A_gzip_is_told_by_its_magic_bytes_whatever_its_name()
        {
            var path = Write("report.bin", Gzip(Fixture("dkim-bodyhash.eml")));
            var r = Assert.Single(new DmarcFailureReportReader().Read(path));
            Assert.Equal("bodyhash", r.Report!.AuthFailure);
        }

        [Fact]
        public void Every_zip_entry_is_read_and_a_damaged_one_is_an_error_naming_it()
        {
            var path = Zip("reports.zip", ("a.eml", Fixture("dkim-bodyhash.eml")), ("dir/", Array.Empty<byte>()),
                           ("b.eml", Fixture("not-a-report.eml")), ("c.eml", Fixture("rfc9991-appendix-a.eml")));
            var results = new DmarcFailureReportReader().Read(path).ToList();
            Assert.Equal(3, results.Count);
            Assert.Equal("bodyhash", results[0].Report!.AuthFailure);
            Assert.Equal(path + " › b.eml", results[1].Error!.SourceFile);
            Assert.Equal("dmarc", results[2].Report!.AuthFailure);
            Assert.EndsWith("c.eml", results[2].Report!.SourceFile);
        }

        [Fact]
        public void A_gzip_bomb_stops_at_the_message_limit()
        {
            var bomb = Gzip(Padded(8 * 1024 * 1024));
            var path = Write("bomb.eml.gz", bomb);
            var limits = new ReportInputLimits { MaxMessageBytes = 1024 * 1024 };
            var r = Assert.Single(new DmarcFailureReportReader(limits).Read(path));
            Assert.Equal(DmarcFailureReportProblem.TooLarge, r.Error!.Problem);
            Assert.Contains("bomb.eml.gz", r.Error.Message);
        }

        [Fact]
        public void A_zip_bomb_entry_and_the_archive_total_are_capped()
        {
            var zeros = Padded(3 * 1024 * 1024);
            var path = Zip("bombs.zip", ("1.eml", zeros), ("2.eml", zeros), ("3.eml", zeros), ("4.eml", Fixture("dkim-bodyhash.eml")));
            var limits = new ReportInputLimits
            {
                MaxMessageBytes = 2 * 1024 * 1024, MaxArchiveBytes = 5 * 1024 * 1024,
                MaxCompressionRatio = int.MaxValue, // the ratio cap would stop each entry first; the sizes are under test here
            };
            var results = new DmarcFailureReportReader(limits).Read(path).ToList();
            Assert.All(results, r => Assert.Equal(DmarcFailureReportProblem.TooLarge, r.Error!.Problem));
            Assert.True(results.Count <= 4);
            Assert.Contains(results, r => r.Error!.Message.Contains("together"));
        }

        [Fact]
        public void Too_many_zip_entries_are_refused_before_reading()
        {
            var entries = Enumerable.Range(0, 12).Select(i => ($"{i}.eml", Fixture("not-a-report.eml"))).ToArray();
            var path = Zip("many.zip", entries);
            var r = Assert.Single(new DmarcFailureReportReader(new ReportInputLimits { MaxZipEntries = 10 }).Read(path));
            Assert.Equal(DmarcFailureReportProblem.TooLarge, r.Error!.Problem);
        }

        [Fact]
        public void Nested_archives_are_refused()
        {
            var gz = Write("double.gz", Gzip(Gzip(Fixture("dkim-bodyhash.eml"))));
            Assert.Equal(DmarcFailureReportProblem.Invalid, Assert.Single(new DmarcFailureReportReader().Read(gz)).Error!.Problem);
            var zip = Zip("inner.zip", ("x.eml.gz", Gzip(Fixture("dkim-bodyhash.eml"))));
            Assert.Equal(DmarcFailureReportProblem.Invalid, Assert.Single(new DmarcFailureReportReader().Read(zip)).Error!.Problem);
        }

        [Fact]
        public void Truncated_and_corrupt_gzip_and_zip_never_throw()
        {
            var full = Gzip(Fixture("dkim-bodyhash.eml"));
            var truncated = Write("truncated.gz", full.Take(full.Length / 2).ToArray());
            var corrupt = full.ToArray();
            for (var i = 20; i < corrupt.Length - 10; i += 7) corrupt[i] ^= 0x5A;
            var corruptPath = Write("corrupt.gz", corrupt);
            var zipBytes = File.ReadAllBytes(Zip("ok.zip", ("a.eml", Fixture("dkim-bodyhash.eml"))));
            var brokenZip = Write("broken.zip", zipBytes.Take(zipBytes.Length - 30).ToArray());
            foreach (var path in new[] { truncated, corruptPath, brokenZip })
            {
                var results = new DmarcFailureReportReader().Read(path).ToList();
                Assert.NotEmpty(results);
                Assert.All(results, r => Assert.True(r.Report != null || r.Error != null));
                Assert.Contains(results, r => r.Error != null);
            }
        }

        [Fact]
        public void A_plain_file_over_the_limit_is_refused_without_parsing()
        {
            var path = Write("huge.eml", new byte[2 * 1024 * 1024]);
            var r = Assert.Single(new DmarcFailureReportReader(new ReportInputLimits { MaxMessageBytes = 1024 * 1024 }).Read(path));
            Assert.Equal(DmarcFailureReportProblem.TooLarge, r.Error!.Problem);
        }
    }
}
