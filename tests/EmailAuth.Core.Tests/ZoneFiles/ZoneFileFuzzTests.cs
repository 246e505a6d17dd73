using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using EmailAuth.Core.Dns;
using EmailAuth.Core.ZoneFiles;
using Xunit;

namespace EmailAuth.Core.Tests.ZoneFiles
{
    /// <summary>Truncated and mutated fixtures: the reader either succeeds or throws <see cref="ZoneFileException"/>, never anything else.</summary>
    public class ZoneFileFuzzTests
    {
        private const string Specials = "()\"\\;$@. \t\n\r0123456789#*\u00e9\u0000";

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
            var random = new Random(seed);
            for (var i = 0; i < 300; i++)
            {
                var text = Mutate(original, random);
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

        [Fact]
        public void Random_bytes_succeed_or_throw_zone_file_exception()
        {
            var random = new Random(42);
            for (var i = 0; i < 2000; i++)
            {
                var chars = new char[random.Next(0, 200)];
                for (var j = 0; j < chars.Length; j++)
                    chars[j] = random.Next(3) == 0 ? Specials[random.Next(Specials.Length)] : (char)random.Next(0, 256);
                var text = new string(chars);
                var e = Record.Exception(() => ZoneFileParser.Parse(text, "example.com"));
                Assert.True(e == null || e is ZoneFileException, $"{e?.GetType().Name}: {e?.Message} for {Convert.ToBase64String(Encoding.UTF8.GetBytes(text))}");
            }
        }

        private static string Mutate(string text, Random random)
        {
            var sb = new StringBuilder(text);
            switch (random.Next(5))
            {
                case 0: // truncate
                    return text.Substring(0, random.Next(text.Length + 1));
                case 1: // delete a span
                    var at = random.Next(text.Length + 1);
                    return text.Remove(at, random.Next(Math.Min(20, text.Length - at) + 1));
                case 2: // duplicate a span
                    var from = random.Next(text.Length);
                    return text.Insert(random.Next(text.Length + 1), text.Substring(from, random.Next(Math.Min(60, text.Length - from) + 1)));
                default: // overwrite or insert special characters
                    for (var n = random.Next(1, 6); n > 0; n--)
                    {
                        var c = Specials[random.Next(Specials.Length)];
                        var pos = random.Next(sb.Length + 1);
                        if (pos < sb.Length && random.Next(2) == 0) sb[pos] = c; else sb.Insert(pos, c);
                    }
                    return sb.ToString();
            }
        }
    }
}
