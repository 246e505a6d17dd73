using System.IO;
using System.Text.RegularExpressions;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Tests.Infrastructure;
using EmailAuth.Core.ZoneFiles;
using Xunit;

namespace EmailAuth.Core.Tests.ZoneFiles
{
    /// <summary>Our reader against BIND's: the same records from every valid fixture, a rejection for every invalid one.</summary>
    public class NamedCrossCheckTests
    {
        [PeerTheory("named-compilezone")]
        [MemberData(nameof(ParserFixtures.Valid), MemberType = typeof(ParserFixtures))]
        public void Same_records_as_named_compilezone(string file)
        {
            var path = Path.Combine(ParserFixtures.Folder, file);
            var content = ZoneFileParser.ParseFile(path);
            var named = NamedCompilezone.Compile(content.Zone, path);
            Assert.True(named.ExitCode == 0, named.Messages);
            Assert.Equal(CanonicalRecords.FromNamedDump(named.Zone), CanonicalRecords.FromRecords(content.Records));
        }

        [PeerTheory("named-compilezone")]
        [MemberData(nameof(ParserFixtures.Invalid), MemberType = typeof(ParserFixtures))]
        public void Named_compilezone_and_we_both_reject(string file)
        {
            var path = Path.Combine(ParserFixtures.Folder, "invalid", file);
            var named = NamedCompilezone.Compile(ZoneFileParser.OriginFromFileName(path), path);
            Assert.True(named.ExitCode != 0, $"named-compilezone accepted {file}");
            Assert.Matches(new Regex($@"{Regex.Escape(file)}:\d+: "), named.Messages);

            var e = Assert.Throws<ZoneFileException>(() => ZoneFileParser.ParseFile(path));
            Assert.StartsWith($"{path}:{ParserFixtures.Expectation(path)}", e.Message);
        }

        [Fact]
        public void Fixture_sets_are_not_empty()
        {
            Assert.True(System.Linq.Enumerable.Count(ParserFixtures.Valid()) >= 6);
            Assert.True(System.Linq.Enumerable.Count(ParserFixtures.Invalid()) >= 10);
        }
    }
}
