using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using EmailAuth.Core.Reports.Input;
using Xunit;

namespace EmailAuth.Core.Tests.Reports
{
    /// <summary>The shared input layer: formats told by content, one archive level, and every cap.</summary>
    public class ReportInputReaderTests : IDisposable
    {
        private readonly ReportFixtures _files = new ReportFixtures();
        public void Dispose() => _files.Dispose();

        /// <summary>(entry, kind, text) of every part, each read to the end (the caps bite while reading).</summary>
        private static (string? Entry, ReportContentKind Kind, string? Text, string? Error)[] ReadAll(string path, ReportInputLimits? limits = null) =>
            new ReportInputReader(limits).Open(path).Select(p =>
            {
                using (p)
                {
                    if (p.Error != null) return (p.Entry, p.Kind, (string?)null, (string?)p.Error.Message);
                    using var reader = new StreamReader(p.Stream);
                    return (p.Entry, p.Kind, reader.ReadToEnd(), (string?)null);
                }
            }).ToArray();

        [Fact]
        public void Plain_xml_is_one_part()
        {
            var parts = ReadAll(ReportFixtures.Sample("example.com-google.com-rfc7489.xml"));
            var p = Assert.Single(parts);
            Assert.Null(p.Entry);
            Assert.Equal(ReportContentKind.Xml, p.Kind);
            Assert.Contains("<feedback>", p.Text);
        }

        [Fact]
        public void Gzip_is_told_by_its_magic_bytes_not_its_name()
        {
            var xml = File.ReadAllText(ReportFixtures.Sample("example.com-google.com-rfc7489.xml"));
            // Named .xml, but gzip inside (RFC 1952 §2.3.1 ID1 ID2).
            var path = _files.Write("misnamed.xml", File.ReadAllBytes(ReportFixtures.Sample("example.com-google.com-rfc7489.xml.gz")));
            var p = Assert.Single(ReadAll(path));
            Assert.Equal(ReportContentKind.Xml, p.Kind);
            Assert.Equal(xml, p.Text);
        }

        [Fact]
        public void Zip_yields_every_file_entry_and_skips_directories()
        {
            var parts = ReadAll(ReportFixtures.Sample("example.com-reports.zip"));
            Assert.Equal(new[] { "example.com-google.com-rfc7489.xml", "example.com-receiver.example-rfc9990.xml" }, parts.Select(p => p.Entry));
            Assert.All(parts, p => Assert.Equal(ReportContentKind.Xml, p.Kind));

            var path = _files.Zip("dirs.zip", zip =>
            {
                zip.CreateEntry("reports/");
                ReportFixtures.AddEntry(zip, "reports/a.json", Encoding.UTF8.GetBytes("{\"policies\":[]}"));
            });
            var p = Assert.Single(ReadAll(path));
            Assert.Equal("reports/a.json", p.Entry);
            Assert.Equal(ReportContentKind.Json, p.Kind);
        }

        [Fact]
        public void A_report_mail_yields_its_gzip_attachment_decompressed()
        {
            var p = Assert.Single(ReadAll(ReportFixtures.Sample("example.com-google.com-report.eml")));
            Assert.Equal("google.com!example.com!1793491200!1793577599.xml.gz", p.Entry);
            Assert.Equal(ReportContentKind.Xml, p.Kind);
            Assert.Equal(File.ReadAllText(ReportFixtures.Sample("example.com-google.com-rfc7489.xml")), p.Text);
        }

        [Fact]
        public void A_tlsrpt_mail_with_tlsrpt_gzip_and_octet_stream_attachments()
        {
            // RFC 8460 §5.3: application/tlsrpt+gzip; plus a zip sent as application/octet-stream, and a picture that is no report.
            var json = File.ReadAllBytes(ReportFixtures.Sample("example.com-tlsrpt.json"));
            var zipPath = _files.Zip("inner.zip", zip => ReportFixtures.AddEntry(zip, "report.json", json));
            var message = "From: tlsrpt@company-x.example\r\nTo: tls@example.com\r\nSubject: Report Domain: example.com\r\nMIME-Version: 1.0\r\n" +
                          "Content-Type: multipart/report; report-type=tlsrpt; boundary=\"b\"\r\n\r\n" +
                          "--b\r\nContent-Type: text/plain\r\n\r\nTLS report\r\n" +
                          "--b\r\nContent-Type: application/tlsrpt+gzip\r\nContent-Disposition: attachment; filename=\"r.json.gz\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
                          Convert.ToBase64String(ReportFixtures.Gzip(json), Base64FormattingOptions.InsertLineBreaks) + "\r\n" +
                          "--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"more.zip\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
                          Convert.ToBase64String(File.ReadAllBytes(zipPath), Base64FormattingOptions.InsertLineBreaks) + "\r\n" +
                          "--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"logo.png\"\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n" +
                          "--b--\r\n";
            // No .eml extension: told by its first line, a header field.
            var parts = ReadAll(_files.Write("report-mail", message));
            Assert.Equal(new[] { "r.json.gz", "more.zip/report.json" }, parts.Select(p => p.Entry));
            Assert.All(parts, p => Assert.Equal(ReportContentKind.Json, p.Kind));
            Assert.All(parts, p => Assert.Equal(Encoding.UTF8.GetString(json), p.Text));
        }

        [Fact]
        public void A_mail_without_a_report_attachment_is_an_error()
        {
            var path = _files.Write("plain.eml", "From: a@example.com\r\nSubject: hi\r\n\r\nno report here\r\n");
            var e = Assert.Throws<ReportInputException>(() => ReadAll(path));
            Assert.Contains("no report attachment", e.Message);
            Assert.Contains(path, e.Message);
        }

        [Fact]
        public void A_gzip_bomb_stops_on_the_ratio_after_the_first_mebibyte()
        {
            var path = _files.GzipBomb("bomb.xml.gz", 64);   // 64 MiB of spaces in about 64 KiB: ~1000:1
            Assert.True(new FileInfo(path).Length < 1024 * 1024);
            var e = Assert.Throws<ReportInputException>(() => ReadAll(path));
            Assert.Contains("decompression bomb", e.Message);
            Assert.Contains(path, e.Message);
        }

        [Fact]
        public void The_size_cap_stops_a_stream_that_decompresses_past_it()
        {
            var path = _files.GzipBomb("big.xml.gz", 8);
            var limits = new ReportInputLimits { MaxDecompressedBytes = 2 * 1024 * 1024, MaxCompressionRatio = int.MaxValue };
            var e = Assert.Throws<ReportInputException>(() => ReadAll(path, limits));
            Assert.Contains("more than 2,097,152 bytes", e.Message);
        }

        [Theory]
        [InlineData(2)]   // cut in the middle of the deflate data
        [InlineData(4)]   // only the trailer's ISIZE missing: GZipStream itself reads the whole report without a word
        public void A_truncated_gzip_is_an_error_not_a_short_report(int cut)
        {
            var gz = File.ReadAllBytes(ReportFixtures.Sample("example.com-google.com-rfc7489.xml.gz"));
            var path = _files.Write("cut.xml.gz", gz.Take(cut == 2 ? gz.Length / 2 : gz.Length - 4).ToArray());
            var e = Assert.Throws<ReportInputException>(() => ReadAll(path));
            Assert.Contains("truncated or damaged", e.Message);
            Assert.Contains(path, e.Message);
        }

        [Fact]
        public void A_whole_gzip_passes_the_trailer_check()
        {
            using var part = new ReportInputReader().Open(ReportFixtures.Sample("example.com-google.com-rfc7489.xml.gz")).Single();
            part.ReadToEnd();
        }

        [Fact]
        public void A_zip_with_ten_thousand_entries_is_refused()
        {
            var path = _files.Zip("many.zip", zip =>
            {
                for (var i = 0; i < 10_000; i++) zip.CreateEntry($"r{i}.xml");
            });
            var e = Assert.Throws<ReportInputException>(() => ReadAll(path));
            Assert.Contains("10,000 entries", e.Message);
        }

        [Fact]
        public void The_entries_of_one_zip_are_capped_together_and_the_rest_not_read()
        {
            var big = Encoding.ASCII.GetBytes("<feedback>" + new string(' ', 3 * 1024 * 1024) + "</feedback>");
            var path = _files.Zip("together.zip", zip =>
            {
                for (var i = 0; i < 4; i++) ReportFixtures.AddEntry(zip, $"r{i}.xml", big);
            });
            // Each entry is under the per-report cap; the third crosses the archive's total, the fourth is not opened.
            var limits = new ReportInputLimits { MaxArchiveBytes = 8 * 1024 * 1024, MaxCompressionRatio = int.MaxValue };
            var parts = new ReportInputReader(limits).Open(path).Select(p =>
            {
                using (p)
                {
                    if (p.Error != null) return (p.Entry, p.Error);
                    try { p.ReadToEnd(); return (p.Entry, (ReportInputException?)null); }
                    catch (ReportInputException e) { return (p.Entry, e); }
                }
            }).ToArray();
            Assert.Equal(new[] { "r0.xml", "r1.xml", "r2.xml", "r3.xml" }, parts.Select(p => p.Entry));
            Assert.Null(parts[0].Item2);
            Assert.Null(parts[1].Item2);
            Assert.All(parts.Skip(2), p => Assert.Contains("together", p.Item2!.Message));
            Assert.All(parts.Skip(2), p => Assert.Equal(ReportInputProblem.TooLarge, p.Item2!.Problem));
            Assert.Equal(256L * 1024 * 1024, ReportInputLimits.Default.MaxArchiveBytes);
        }

        [Fact]
        public void Errors_carry_their_kind_of_problem()
        {
            var bomb = _files.GzipBomb("kind-bomb.xml.gz", 8);
            Assert.Equal(ReportInputProblem.TooLarge, Assert.Throws<ReportInputException>(() => ReadAll(bomb)).Problem);
            var zip = File.ReadAllBytes(ReportFixtures.Sample("example.com-reports.zip"));
            var damaged = _files.Write("kind-damaged.zip", zip.Take(40).ToArray());
            Assert.Equal(ReportInputProblem.Unreadable, Assert.Throws<ReportInputException>(() => ReadAll(damaged)).Problem);
            var gz = File.ReadAllBytes(ReportFixtures.Sample("example.com-google.com-rfc7489.xml.gz"));
            var cut = _files.Write("kind-cut.xml.gz", gz.Take(gz.Length - 4).ToArray());
            Assert.Equal(ReportInputProblem.Invalid, Assert.Throws<ReportInputException>(() => ReadAll(cut)).Problem);
        }

        [Fact]
        public void OpenMessages_yields_a_message_file_itself_not_its_attachments()
        {
            const string mail = "From: a@example.com\r\nContent-Type: text/xml\r\n\r\n<feedback/>\r\n";
            var eml = _files.Write("itself.eml", mail);
            using (var part = new ReportInputReader().OpenMessages(eml).Single())
            using (var reader = new StreamReader(part.Stream))
            {
                Assert.Null(part.Entry);
                Assert.Equal(mail, reader.ReadToEnd());
            }
            var gz = _files.Write("itself.eml.gz", ReportFixtures.Gzip(Encoding.ASCII.GetBytes(mail)));
            var zip = _files.Zip("itself.zip", z => ReportFixtures.AddEntry(z, "m.eml", Encoding.ASCII.GetBytes(mail)));
            foreach (var path in new[] { gz, zip })
            {
                using var part = new ReportInputReader().OpenMessages(path).Single();
                using var reader = new StreamReader(part.Stream);
                Assert.Equal(mail, reader.ReadToEnd());
            }
        }

        [Fact]
        public void OpenMessages_caps_each_message()
        {
            var limits = new ReportInputLimits { MaxMessageBytes = 1024 * 1024, MaxCompressionRatio = int.MaxValue };
            var plain = _files.Write("huge.eml", new byte[2 * 1024 * 1024]);
            var e = Assert.Throws<ReportInputException>(() => new ReportInputReader(limits).OpenMessages(plain).ToList());
            Assert.Equal(ReportInputProblem.TooLarge, e.Problem);
            var gz = _files.GzipBomb("huge.eml.gz", 2);
            using var part = new ReportInputReader(limits).OpenMessages(gz).Single();
            Assert.Equal(ReportInputProblem.TooLarge, Assert.Throws<ReportInputException>(() => part.ReadToEnd()).Problem);
        }

        [Fact]
        public void An_archive_inside_an_archive_is_refused_and_the_other_entries_still_read()
        {
            var inner = File.ReadAllBytes(ReportFixtures.Sample("example.com-reports.zip"));
            var gz = File.ReadAllBytes(ReportFixtures.Sample("example.com-google.com-rfc7489.xml.gz"));
            var xml = File.ReadAllBytes(ReportFixtures.Sample("example.com-google.com-rfc7489.xml"));
            var path = _files.Zip("nested.zip", zip =>
            {
                ReportFixtures.AddEntry(zip, "inner.zip", inner);
                ReportFixtures.AddEntry(zip, "inner.xml.gz", gz);
                ReportFixtures.AddEntry(zip, "plain.xml", xml);
            });
            var parts = ReadAll(path);
            Assert.Contains("only one level", parts[0].Error);
            Assert.Contains("only one level", parts[1].Error);
            Assert.Null(parts[2].Error);
            Assert.Equal(Encoding.UTF8.GetString(xml), parts[2].Text);

            var gzOfGz = _files.Write("double.gz", ReportFixtures.Gzip(gz));
            Assert.Contains("only one level", Assert.Throws<ReportInputException>(() => ReadAll(gzOfGz)).Message);
        }

        [Fact]
        public void A_damaged_zip_is_an_error_naming_the_file()
        {
            var zip = File.ReadAllBytes(ReportFixtures.Sample("example.com-reports.zip"));
            var path = _files.Write("damaged.zip", zip.Take(40).ToArray());
            var e = Assert.Throws<ReportInputException>(() => ReadAll(path));
            Assert.Contains(path, e.Message);
        }

        [Theory]
        [InlineData("\uFEFF<?xml version=\"1.0\"?><feedback/>", ReportContentKind.Xml)]
        [InlineData("  \r\n{\"policies\":[]}", ReportContentKind.Json)]
        [InlineData("{\"organization-name\": \"x\", \"policies\": []}", ReportContentKind.Json)]   // not a header field "name: value"
        [InlineData("hello", ReportContentKind.Unknown)]
        [InlineData("", ReportContentKind.Unknown)]
        public void Content_kind_by_first_character(string text, ReportContentKind kind)
        {
            var path = _files.Write("x.bin", text);
            Assert.Equal(kind, ReadAll(path).Single().Kind);
        }
    }
}
