using System;
using System.Linq;
using System.Threading.Tasks;
using EmailAuth.Core.Bimi;
using EmailAuth.Core.Dmarc;
using EmailAuth.Core.Tests.Infrastructure;
using Xunit;

namespace EmailAuth.Core.Tests.Bimi
{
    /// <summary>BIMI discovery and the DMARC prerequisites against knotd (tests/Fixtures/zones/records/test.zone).</summary>
    public class BimiInspectorTests : IClassFixture<RecordsZonesFixture>
    {
        private readonly RecordsZonesFixture _zones;

        public BimiInspectorTests(RecordsZonesFixture zones) => _zones = zones;

        private Task<BimiRecordInfo> Inspect(string name, string selector = "default") =>
            new BimiInspector(_zones.Resolver()).InspectAsync(name, selector);

        private static string[] Codes(BimiRecordInfo i) => i.Findings.Select(f => f.Code).ToArray();

        [PeerFact("knotd")]
        public async Task A_good_record_with_an_enforcing_policy_is_valid()
        {
            var i = await Inspect("good.test");
            Assert.Equal("default._bimi.good.test", i.QueryName);
            Assert.Equal(("https://good.test/brand/logo.svg", "https://good.test/brand/vmc.pem"), (i.Location, i.Authority));
            Assert.Equal((DmarcPolicy?)DmarcPolicy.Reject, i.DmarcPolicy);
            Assert.Empty(i.Findings);
            Assert.True(i.IsValid);
            Assert.False(i.IsFallback);
        }

        [PeerFact("knotd")]
        public async Task A_selector_is_looked_up_and_unknown_tags_ignored()
        {
            var i = await Inspect("good.test", "brand");
            Assert.Equal("brand._bimi.good.test", i.QueryName);
            Assert.Equal("https://good.test/brand/other.svg", i.Location);
            Assert.True(i.IsValid);
        }

        [PeerFact("knotd")]
        public async Task A_subdomain_falls_back_to_default_at_the_organizational_domain()
        {
            var i = await Inspect("www.good.test", "nosuch");
            Assert.True(i.IsFallback);
            Assert.Equal("default._bimi.good.test", i.QueryName);
            Assert.Equal(new[] { BimiFindingCodes.OrganizationalDomainFallback }, Codes(i));
            Assert.True(i.IsValid);
        }

        [PeerFact("knotd")]
        public async Task No_record_is_info_not_an_error()
        {
            var i = await Inspect("implicit.test");
            Assert.Equal(new[] { BimiFindingCodes.NoRecord }, Codes(i));
            Assert.False(i.IsValid);
            Assert.Null(i.Record);
        }

        [PeerTheory("knotd")]
        [InlineData("weak.test", BimiFindingCodes.DmarcNotEnforced)]
        [InlineData("weak.test", BimiFindingCodes.DmarcPctBelow100)]
        [InlineData("weak.test", BimiFindingCodes.DmarcSubdomainPolicyNone)]
        [InlineData("weak.test", BimiFindingCodes.DmarcTesting)]
        [InlineData("weak.test", BimiFindingCodes.LocationNotSvg)]
        [InlineData("weak.test", BimiFindingCodes.NoAuthority)]
        [InlineData("http.test", BimiFindingCodes.LocationNotHttps)]
        [InlineData("http.test", BimiFindingCodes.AuthorityNotHttps)]
        [InlineData("decline.test", BimiFindingCodes.Declined)]
        [InlineData("dup.test", BimiFindingCodes.MultipleRecords)]
        [InlineData("version.test", BimiFindingCodes.BadVersion)]
        [InlineData("nodmarc.test", BimiFindingCodes.DmarcMissing)]
        [InlineData("example.invalid", BimiFindingCodes.DnsError)]
        public async Task Finds(string domain, string code)
        {
            var i = await Inspect(domain);
            Assert.Contains(code, Codes(i));
            Assert.False(i.IsValid);
        }

        [PeerFact("knotd")]
        public async Task A_declination_is_not_judged_against_dmarc()
        {
            var i = await Inspect("decline.test"); // its DMARC is p=none, which does not matter for a declination
            Assert.True(i.IsDeclination);
            Assert.DoesNotContain(BimiFindingCodes.DmarcNotEnforced, Codes(i));
        }

        [PeerFact("knotd")]
        public async Task A_dns_failure_is_not_no_record()
        {
            var i = await Inspect("example.invalid"); // outside knot's zone: REFUSED
            Assert.DoesNotContain(BimiFindingCodes.NoRecord, Codes(i));
        }

        [Fact]
        public async Task A_bad_selector_is_refused()
        {
            var inspector = new BimiInspector(EmailAuth.Core.ZoneFiles.ZoneFileResolver.Load(new[] { RecordsZonesFixture.ZoneFile }));
            await Assert.ThrowsAsync<ArgumentException>(() => inspector.InspectAsync("good.test", "bad selector"));
        }
    }
}
