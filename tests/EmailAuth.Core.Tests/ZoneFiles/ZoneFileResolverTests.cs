using System.IO;
using System.Linq;
using System.Threading.Tasks;
using EmailAuth.Core.Dns;
using EmailAuth.Core.ZoneFiles;
using Xunit;

namespace EmailAuth.Core.Tests.ZoneFiles
{
    public class ZoneFileResolverTests
    {
        private static string Fixture(string name) => Path.Combine(System.AppContext.BaseDirectory, "Fixtures", "zones", "parser", name);

        private static readonly ZoneFileResolver Resolver =
            ZoneFileResolver.Load(new[] { Fixture("example.com.zone"), Fixture("txt.example.zone") });

        [Fact]
        public async Task Answers_records_with_the_zonefile_source()
        {
            var a = await Resolver.QueryAsync("example.com", DnsRecordType.MX);
            Assert.Equal(DnsAnswerStatus.Success, a.Status);
            Assert.Equal(new[] { "10 mail.example.com", "20 mx2.example.net" }, a.Records.Select(r => $"{r.Preference} {r.Data}"));
            Assert.Equal($"zonefile:{Fixture("example.com.zone")}, {Fixture("txt.example.zone")}", a.Server);
        }

        [Fact]
        public async Task Names_are_case_insensitive_and_cnames_followed()
        {
            var a = await Resolver.QueryAsync("WWW.Example.COM.", DnsRecordType.TXT);
            Assert.Equal((DnsAnswerStatus.Success, "example.com"), (a.Status, a.CnameChain.Single()));
        }

        [Theory]
        [InlineData("mail.example.com", DnsRecordType.TXT, DnsAnswerStatus.NoData)]
        [InlineData("_domainkey.example.com", DnsRecordType.TXT, DnsAnswerStatus.NoData)] // empty non-terminal (RFC 8020)
        [InlineData("nothing.example.com", DnsRecordType.A, DnsAnswerStatus.NxDomain)]
        [InlineData("com", DnsRecordType.A, DnsAnswerStatus.NxDomain)]                  // above the zone: outside it
        [InlineData("example.org", DnsRecordType.TXT, DnsAnswerStatus.NxDomain)]        // outside every loaded zone
        [InlineData("25.2.0.192.in-addr.arpa", DnsRecordType.PTR, DnsAnswerStatus.NxDomain)] // out-of-zone data was dropped
        [InlineData("multi.txt.example", DnsRecordType.TXT, DnsAnswerStatus.Success)]
        public async Task Authoritative_style_answers(string name, DnsRecordType type, DnsAnswerStatus status)
        {
            Assert.Equal(status, (await Resolver.QueryAsync(name, type)).Status);
        }

        [Fact]
        public void Exposes_records_zones_soas_and_warnings()
        {
            Assert.Equal(new[] { "example.com", "txt.example" }, Resolver.Zones);
            Assert.Equal(new uint[] { 2024060101, 1 }, Resolver.Soas.Select(s => s.Serial));
            Assert.Equal(300u, Resolver.Soas[0].Minimum);
            Assert.Contains(Resolver.Records, r => r.Name == "old.txt.example" && r.Type == DnsRecordType.SPF);
            Assert.Equal($"{Fixture("example.com.zone")}:22: ignoring out-of-zone data 25.2.0.192.in-addr.arpa (zone example.com)", Resolver.Warnings.Single());
        }

        [Fact]
        public void Duplicates_across_files_are_served_once()
        {
            var twice = ZoneFileResolver.Load(new[] { Fixture("txt.example.zone"), Fixture("txt.example.zone") });
            Assert.Equal(ZoneFileParser.ParseFile(Fixture("txt.example.zone")).Records.Count, twice.Records.Count);
        }

        [Fact]
        public void Syntax_error_names_the_fixture_file_and_line()
        {
            var e = Assert.Throws<ZoneFileException>(() => ZoneFileResolver.Load(new[] { Fixture("invalid/bad-ipv4.zone") }));
            Assert.Equal($"{Fixture("invalid/bad-ipv4.zone")}:6: invalid IPv4 address '300.1.1.1'", e.Message);
        }

        [Fact]
        public void Missing_file_throws_zone_file_exception()
        {
            var e = Assert.Throws<ZoneFileException>(() => ZoneFileResolver.Load(new[] { Fixture("absent.zone") }));
            Assert.Equal($"{Fixture("absent.zone")}: zone file not found", e.Message);
        }
    }
}
