using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.ZoneFiles;
using Xunit;

namespace EmailAuth.Core.Tests.ZoneFiles
{
    /// <summary>Files that are not zone files at all: devices, FIFOs, empty files; and cancellation of a read.</summary>
    public class ZoneFileHostileInputTests
    {
        /// <summary>Generous: the refusal is immediate; old code never returned (FIFO) or ran out of memory (devices).</summary>
        private static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);

        private static ZoneFileException Refused(Func<ZoneFileContent> parse)
        {
            var task = Task.Run(parse);
            Assert.True(Task.WhenAny(task, Task.Delay(Generous)).Result == task, "the reader did not return");
            return Assert.IsType<ZoneFileException>(task.Exception?.InnerException);
        }

        [Theory]
        [InlineData("/dev/zero")]
        [InlineData("/dev/urandom")]
        public void Character_device_is_refused_naming_the_file(string device)
        {
            if (OperatingSystem.IsWindows()) return;
            var e = Refused(() => ZoneFileParser.ParseFile(device, "example.com"));
            Assert.Equal($"{device}: not a regular file (a character device)", e.Message);
            Assert.Equal(device, e.Path);
        }

        [Fact]
        public void Include_of_a_character_device_is_refused_at_the_directive()
        {
            if (OperatingSystem.IsWindows()) return;
            using var dir = new TempZoneDir();
            var top = dir.Write("example.com.zone", "$TTL 60", "a A 192.0.2.1", "$INCLUDE /dev/zero");
            var e = Refused(() => ZoneFileParser.ParseFile(top));
            Assert.Equal($"{top}:3: $INCLUDE /dev/zero: not a regular file (a character device)", e.Message);
            Assert.Equal((top, 3), (e.Path, e.Line));
        }

        [Fact]
        public void Fifo_is_refused_without_waiting_for_a_writer()
        {
            if (OperatingSystem.IsWindows()) return;
            using var dir = new TempZoneDir();
            var fifo = Path.Combine(dir.Root, "example.com.zone");
            MakeFifo(fifo);
            // A reader that opened it would sit in open(2) until a writer came; Refused bounds the wait.
            var e = Refused(() => ZoneFileParser.ParseFile(fifo));
            Assert.Equal($"{fifo}: not a regular file (a FIFO (named pipe))", e.Message);
        }

        [Fact]
        public void Directory_named_by_include_is_refused()
        {
            using var dir = new TempZoneDir();
            Directory.CreateDirectory(Path.Combine(dir.Root, "sub"));
            var top = dir.Write("example.com.zone", "$TTL 60", "$INCLUDE sub");
            var e = Assert.Throws<ZoneFileException>(() => ZoneFileParser.ParseFile(top));
            Assert.Equal($"{top}:2: $INCLUDE {Path.Combine(dir.Root, "sub")}: not a regular file (a directory)", e.Message);
        }

        [Theory]
        [InlineData("")]
        [InlineData("; only a comment\n$TTL 60\n$ORIGIN example.com.\n")]
        public void Empty_zone_file_is_accepted_with_a_warning_naming_it(string text)
        {
            using var dir = new TempZoneDir();
            var path = Path.Combine(dir.Root, "example.com.zone");
            File.WriteAllText(path, text);
            var resolver = ZoneFileResolver.Load(new[] { path });
            Assert.Empty(resolver.Records);
            Assert.Equal($"{path}: no records (the zone file is empty or holds only comments and directives)", resolver.Warnings.Single());
        }

        [Fact]
        public void File_with_only_unmodelled_records_gets_no_empty_warning()
        {
            var content = ZoneText.Parse("$TTL 60", "a DS 1 2 3 ABCD");
            Assert.Empty(content.Records);
            Assert.Equal("<text>:2: skipped DS record at a.example.com (type not modelled)", content.Warnings.Single());
        }

        [Fact]
        public void Empty_included_file_gets_no_warning_of_its_own()
        {
            using var dir = new TempZoneDir();
            var top = dir.Write("example.com.zone", "$TTL 60", "$INCLUDE empty.inc", "a A 192.0.2.1");
            File.WriteAllText(Path.Combine(dir.Root, "empty.inc"), "");
            Assert.Empty(ZoneFileParser.ParseFile(top).Warnings);
        }

        [Fact]
        public void Cancelled_load_throws_operation_cancelled()
        {
            using var dir = new TempZoneDir();
            var path = dir.Write("example.com.zone", "$TTL 60", "a A 192.0.2.1");
            using var cts = new CancellationTokenSource();
            cts.Cancel();
            Assert.ThrowsAny<OperationCanceledException>(() => ZoneFileResolver.Load(new[] { path }, cts.Token));
        }

        private static void MakeFifo(string path)
        {
            using var p = Process.Start(new ProcessStartInfo("mkfifo", $"\"{path}\"") { UseShellExecute = false })!;
            p.WaitForExit();
            Assert.Equal(0, p.ExitCode);
        }
    }
}
