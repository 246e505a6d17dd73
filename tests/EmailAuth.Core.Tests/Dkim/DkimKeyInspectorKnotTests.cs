using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Dkim;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Tests.Infrastructure;
using EmailAuth.Core.ZoneFiles;
using Xunit;

namespace EmailAuth.Core.Tests.Dkim
{
    /// <summary>
    /// Key lookups against knotd serving the fixture zones (an authoritative server: CNAMEs leaving a zone are
    /// followed by the stub with further questions), and the same lookups from the zone files.
    /// </summary>
    public sealed class DkimKeyInspectorKnotTests : IClassFixture<DkimZonesFixture>
    {
        private const string Token = "abcdefghijklmnopqrstuvwxyz234567";
        private readonly DkimZonesFixture _f;

        public DkimKeyInspectorKnotTests(DkimZonesFixture fixture) => _f = fixture;

        private Task<DkimKeyInfo?> Live(string selector, bool guessed = false) =>
            new DkimKeyInspector(_f.Resolver()).InspectAsync("dkim.test", selector, guessed, CancellationToken.None);

        private static string[] Codes(DkimKeyInfo? info) => info!.Findings.Select(f => f.Code).ToArray();

        [PeerFact("knotd")]
        public async Task Reads_a_key_and_names_the_server()
        {
            var info = await Live("good");
            Assert.Equal("good._domainkey.dkim.test", info!.Name);
            Assert.Equal(2048, info.KeyBits);
            Assert.True(info.IsValid);
            Assert.Empty(info.CnameChain);
            Assert.Equal(_f.Knot.Endpoint, info.Server);
        }

        [PeerFact("knotd")]
        public async Task Follows_a_two_link_chain_inside_the_zone()
        {
            var info = await Live("inzone");
            Assert.Equal(new[] { "hop1.keys.dkim.test", "hop2.keys.dkim.test" }, info!.CnameChain);
            Assert.Equal(2048, info.KeyBits);
            Assert.True(info.IsValid);
        }

        [PeerFact("knotd")]
        public async Task Follows_an_SES_style_chain_out_of_the_zone()
        {
            var info = await Live(Token);
            Assert.Equal(new[] { Token + ".dkim.sesdkim.test" }, info!.CnameChain);
            Assert.Equal(2048, info.KeyBits);
            Assert.Empty(info.Findings); // a CNAME at an SES-looking name is what SES wants
        }

        [PeerTheory("knotd")]
        [InlineData("danglingin", "nothing.keys.dkim.test")]
        [InlineData("danglingout", "gone.dkim.sesdkim.test")]
        public async Task Reports_a_dangling_cname(string selector, string target)
        {
            var info = await Live(selector);
            Assert.Equal(new[] { target }, info!.CnameChain);
            Assert.Equal(new[] { DkimFindingCodes.CnameDangling }, Codes(info));
            Assert.False(info.IsValid);
            // Guessing still outputs it: a CNAME is published there.
            Assert.NotNull(await Live(selector, guessed: true));
        }

        [PeerFact("knotd")]
        public async Task Reports_a_TXT_at_an_SES_token_name()
        {
            var info = await Live("zyxwvutsrqponmlkjihgfedcba765432");
            Assert.Equal(new[] { DkimFindingCodes.TxtInsteadOfCname }, Codes(info));
            Assert.True(info!.IsValid);
        }

        [PeerFact("knotd")]
        public async Task Finds_a_key_under_a_doubled_suffix()
        {
            var info = await Live("doubled");
            Assert.Equal("doubled._domainkey.dkim.test", info!.Name);
            Assert.Equal(new[] { DkimFindingCodes.DoubledSuffix, DkimFindingCodes.KeyUnder2048 }, Codes(info));
            Assert.Contains("doubled._domainkey.dkim.test.dkim.test", info.Findings[0].Message);
            Assert.False(info.IsValid);
        }

        [PeerTheory("knotd")]
        [InlineData("missing")]  // NXDOMAIN
        [InlineData("notxt")]    // NODATA
        public async Task Reports_no_record_or_nothing_when_guessed(string selector)
        {
            Assert.Equal(new[] { DkimFindingCodes.NoRecord }, Codes(await Live(selector)));
            Assert.Null(await Live(selector, guessed: true));
        }

        [PeerFact("knotd")]
        public async Task Reports_several_records()
        {
            var info = await Live("twice");
            Assert.Contains(DkimFindingCodes.MultipleRecords, Codes(info));
            Assert.False(info!.IsValid);
        }

        [PeerFact("knotd")]
        public async Task Gives_the_same_results_from_the_zone_files()
        {
            var files = ZoneFileResolver.Load(DkimZonesFixture.Zones.Select(DkimZonesFixture.ZoneFile));
            var offline = new DkimKeyInspector(files, files.Zones);
            foreach (var s in new[] { "good", "weak", "inzone", Token, "danglingin", "danglingout", "zyxwvutsrqponmlkjihgfedcba765432", "doubled", "twice", "missing", "testing", "revoked" })
            {
                var live = await Live(s);
                var off = await offline.InspectAsync("dkim.test", s, false, CancellationToken.None);
                Assert.Equal(Codes(live), Codes(off));
                Assert.Equal(live!.CnameChain, off!.CnameChain);
                Assert.Equal(live.KeyBits, off.KeyBits);
                Assert.Equal(live.IsValid, off.IsValid);
            }
        }

        [Fact]
        public async Task Zone_files_without_the_target_zone_do_not_call_a_cname_dangling()
        {
            var files = ZoneFileResolver.Load(new[] { DkimZonesFixture.ZoneFile("dkim.test") });
            var info = await new DkimKeyInspector(files, files.Zones).InspectAsync("dkim.test", Token, false, CancellationToken.None);
            Assert.Equal(new[] { DkimFindingCodes.CnameNotChecked }, Codes(info));
            // In-zone targets are still checked.
            var dangling = await new DkimKeyInspector(files, files.Zones).InspectAsync("dkim.test", "danglingin", false, CancellationToken.None);
            Assert.Equal(new[] { DkimFindingCodes.CnameDangling }, Codes(dangling));
        }

        [Fact]
        public async Task A_dns_failure_is_DKIM_DNS_ERROR_naming_the_server_and_never_no_record()
        {
            var fake = new FailingResolver();
            var info = await new DkimKeyInspector(fake).InspectAsync("dkim.test", "good", false, CancellationToken.None);
            Assert.Equal(new[] { DkimFindingCodes.DnsError }, Codes(info));
            Assert.Contains("192.0.2.53:53", info!.Findings[0].Message);
            // A guessed selector whose lookup failed is output too.
            Assert.NotNull(await new DkimKeyInspector(fake).InspectAsync("dkim.test", "google", true, CancellationToken.None));
            Assert.Equal(1 + 1, fake.Queries); // no doubled-suffix probe after a failure
        }

        private sealed class FailingResolver : IDnsResolver
        {
            public int Queries;

            public Task<DnsAnswer> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken = default)
            {
                Interlocked.Increment(ref Queries);
                return Task.FromResult(new DnsAnswer(name, type, DnsAnswerStatus.ServerFailure, server: "192.0.2.53:53", errorMessage: "SERVFAIL"));
            }
        }
    }
}
