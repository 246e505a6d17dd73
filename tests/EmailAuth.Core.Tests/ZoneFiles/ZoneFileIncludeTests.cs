using System.IO;
using System.Linq;
using EmailAuth.Core.Dns;
using EmailAuth.Core.ZoneFiles;
using Xunit;

namespace EmailAuth.Core.Tests.ZoneFiles
{
    public class ZoneFileIncludeTests
    {
        [Fact]
        public void Include_paths_are_relative_to_the_including_file()
        {
            using var dir = new TempZoneDir();
            var top = dir.Write("example.com.zone", "$TTL 60", "$INCLUDE sub/first.inc");
            dir.Write("sub/first.inc", "a A 192.0.2.1", "$INCLUDE second.inc");
            dir.Write("sub/second.inc", "b A 192.0.2.2");
            Assert.Equal(new[] { "a.example.com", "b.example.com" }, ZoneFileParser.ParseFile(top).Records.Select(r => r.Name));
        }

        [Fact]
        public void Include_origin_argument_and_origin_and_owner_restored_after_it()
        {
            using var dir = new TempZoneDir();
            var top = dir.Write("example.com.zone", "$TTL 60", "x A 192.0.2.1", "$INCLUDE part.inc other", "  TXT \"after\"", "y A 192.0.2.3");
            dir.Write("part.inc", "  TXT \"inherited owner\"", "@ A 192.0.2.2", "$ORIGIN inner.example.com.", "z A 192.0.2.4");
            Assert.Equal(new[]
            {
                "x.example.com 60 A 192.0.2.1", "x.example.com 60 TXT inherited owner", "other.example.com 60 A 192.0.2.2",
                "z.inner.example.com 60 A 192.0.2.4", "x.example.com 60 TXT after", "y.example.com 60 A 192.0.2.3",
            }, ZoneText.Show(ZoneFileParser.ParseFile(top).Records));
        }

        [Fact]
        public void Dollar_ttl_set_in_an_included_file_persists_like_bind()
        {
            using var dir = new TempZoneDir();
            var top = dir.Write("example.com.zone", "$TTL 60", "$INCLUDE ttl.inc", "a A 192.0.2.1");
            dir.Write("ttl.inc", "$TTL 99");
            Assert.Equal(99, ZoneFileParser.ParseFile(top).Records.Single().Ttl);
        }

        [Fact]
        public void Include_cycle_is_refused()
        {
            using var dir = new TempZoneDir();
            var top = dir.Write("example.com.zone", "$TTL 60", "$INCLUDE b.inc");
            var b = dir.Write("b.inc", "", "$INCLUDE example.com.zone");
            var e = Assert.Throws<ZoneFileException>(() => ZoneFileParser.ParseFile(top));
            var includer = Path.Combine(dir.Root, "b.inc");
            Assert.Equal($"{includer}:2: $INCLUDE {Path.Combine(dir.Root, "example.com.zone")}: include cycle ({top} -> {b} -> {top})", e.Message);
            Assert.Equal((includer, 2), (e.Path, e.Line));
        }

        [Fact]
        public void Self_include_from_parsed_text_is_a_cycle()
        {
            using var dir = new TempZoneDir();
            var path = Path.Combine(dir.Root, "self.zone");
            var e = Assert.Throws<ZoneFileException>(() => ZoneFileParser.Parse("$INCLUDE self.zone\n", "example.com", path));
            Assert.Equal($"{path}:1: $INCLUDE {path}: include cycle ({path} -> {path})", e.Message);
        }

        [Fact]
        public void Include_depth_is_bounded()
        {
            using var dir = new TempZoneDir();
            for (var i = 0; i < 12; i++) dir.Write($"f{i}.inc", $"$INCLUDE f{i + 1}.inc");
            dir.Write("f12.inc", "$TTL 60");
            var e = Assert.Throws<ZoneFileException>(() => ZoneFileParser.ParseFile(Path.Combine(dir.Root, "f0.inc"), "example.com"));
            Assert.Equal($"{Path.Combine(dir.Root, "f8.inc")}:1: $INCLUDE {Path.Combine(dir.Root, "f9.inc")}: $INCLUDE nested deeper than 8", e.Message);
        }

        [Fact]
        public void Missing_include_names_the_directive_line_and_the_file()
        {
            using var dir = new TempZoneDir();
            var top = dir.Write("example.com.zone", "$TTL 60", "$INCLUDE nope.inc");
            var e = Assert.Throws<ZoneFileException>(() => ZoneFileParser.ParseFile(top));
            Assert.Equal($"{top}:2: $INCLUDE {Path.Combine(dir.Root, "nope.inc")}: zone file not found", e.Message);
        }

        [Fact]
        public void Missing_file_names_the_path()
        {
            var e = Assert.Throws<ZoneFileException>(() => ZoneFileParser.ParseFile("/nonexistent/dir/example.com.zone"));
            Assert.Equal("/nonexistent/dir/example.com.zone: zone file not found", e.Message);
            Assert.Equal("/nonexistent/dir/example.com.zone", e.Path);
        }

        [Fact]
        public void Include_needs_one_or_two_arguments()
        {
            Assert.Equal("<text>:1: $INCLUDE needs an argument",
                         Assert.Throws<ZoneFileException>(() => ZoneText.Parse("$INCLUDE")).Message);
            Assert.Equal("<text>:1: extra input after $INCLUDE: 'c'",
                         Assert.Throws<ZoneFileException>(() => ZoneText.Parse("$INCLUDE a b c")).Message);
        }

        [Fact]
        public void File_over_64_MiB_is_refused_before_reading()
        {
            using var dir = new TempZoneDir();
            var path = Path.Combine(dir.Root, "huge.zone");
            using (var f = File.Create(path)) f.SetLength(64L * 1024 * 1024 + 1); // sparse
            var e = Assert.Throws<ZoneFileException>(() => ZoneFileParser.ParseFile(path));
            Assert.Equal($"{path}: zone data exceeds 64 MiB (with $INCLUDEs)", e.Message);
        }

        [Fact]
        public void Total_size_across_includes_is_bounded()
        {
            using var dir = new TempZoneDir();
            File.WriteAllBytes(Path.Combine(dir.Root, "blank.inc"), Enumerable.Repeat((byte)'\n', 33 * 1024 * 1024).ToArray());
            var top = dir.Write("example.com.zone", "$INCLUDE blank.inc", "$INCLUDE blank.inc");
            var e = Assert.Throws<ZoneFileException>(() => ZoneFileParser.ParseFile(top));
            Assert.Equal($"{top}:2: $INCLUDE {Path.Combine(dir.Root, "blank.inc")}: zone data exceeds 64 MiB (with $INCLUDEs)", e.Message);
        }
    }
}
