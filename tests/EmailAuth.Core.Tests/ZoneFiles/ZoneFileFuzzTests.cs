using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using EmailAuth.Core.Tests.Fuzz;
using EmailAuth.Core.ZoneFiles;
using Xunit;

namespace EmailAuth.Core.Tests.ZoneFiles
{
    /// <summary>Truncated and mutated fixtures: the reader either succeeds or throws <see cref="ZoneFileException"/>, never anything else.</summary>
    public class ZoneFileFuzzTests
    {
        public static IEnumerable<object[]> Fixtures() =>
            ParserFixtures.Valid().Select(f => new object[] { Path.Combine(ParserFixtures.Folder, (string)f[0]) })
                .Concat(ParserFixtures.Invalid().Select(f => new object[] { Path.Combine(ParserFixtures.InvalidFolder, (string)f[0]) }));

        [Theory]
        [MemberData(nameof(Fixtures))]
        public void Mutations_succeed_or_throw_zone_file_exception(string path)
        {
            var original = File.ReadAllText(path);
            // Deterministic per fixture wherever the clone lives: seeded from the file name, not the full path.
            var seed = Path.GetFileName(path).Aggregate(original.Length, (h, c) => h * 31 + c);
            var generator = new ZoneTextGenerator(new Random(seed));
            for (var i = 0; i < 300; i++)
            {
                var text = generator.Mutate(original);
                try
                {
                    ZoneFileParser.Parse(text, "example.com", path);
                }
                catch (ZoneFileException e)
                {
                    // The message starts with the file it is about: the fixture, or a file it $INCLUDEs.
                    Assert.NotNull(e.Path);
                    Assert.StartsWith(e.Path!, e.Message);
                    Assert.StartsWith(Path.GetDirectoryName(path)!, Path.GetFullPath(e.Path!));
                }
                catch (Exception e)
                {
                    Assert.Fail($"{e.GetType().Name} on mutation {i} of {path}: {e.Message}\n---\n{text}");
                }
            }
        }

        /// <summary>Grammar-built zones, damaged fixtures and raw text through the shared fuzz target (also used by the long run).</summary>
        [Fact]
        public void Generated_zones_succeed_or_throw_zone_file_exception()
        {
            using var target = new ZoneFileTarget(ParserFixtures.Folder);
            var report = FuzzRunner.Run(target, seed: 2308, count: 2_000);
            Assert.True(report.Failures.Count == 0, report.ToString());
        }

        [Fact]
        public void Random_bytes_succeed_or_throw_zone_file_exception()
        {
            var generator = new ZoneTextGenerator(new Random(42));
            for (var i = 0; i < 2000; i++)
            {
                var text = generator.Raw();
                var e = Record.Exception(() => ZoneFileParser.Parse(text, "example.com"));
                Assert.True(e == null || e is ZoneFileException, $"{e?.GetType().Name}: {e?.Message} for {Convert.ToBase64String(Encoding.UTF8.GetBytes(text))}");
            }
        }
    }
}
