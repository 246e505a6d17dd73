using System.Linq;
using System.Threading.Tasks;
using EmailAuth.Core.Tests.Infrastructure;
using EmailAuth.Core.TlsRpt;
using Xunit;

namespace EmailAuth.Core.Tests.TlsRpt
{
    /// <summary>_smtp._tls lookups against knotd (tests/Fixtures/zones/records/test.zone).</summary>
    public class TlsRptInspectorTests : IClassFixture<RecordsZonesFixture>
    {
        private readonly RecordsZonesFixture _zones;

        public TlsRptInspectorTests(RecordsZonesFixture zones) => _zones = zones;

        private Task<TlsRptRecordInfo> Inspect(string name) => new TlsRptInspector(_zones.Resolver()).InspectAsync(name);

        [PeerFact("knotd")]
        public async Task A_good_record_with_an_extension()
        {
            var i = await Inspect("good.test");
            Assert.Equal("_smtp._tls.good.test", i.QueryName);
            Assert.Equal(new[] { "mailto:tls@good.test", "https://reports.good.test/tlsrpt" }, i.Rua);
            Assert.Empty(i.Findings);
            Assert.True(i.IsValid);
        }

        [PeerTheory("knotd")]
        [InlineData("implicit.test", TlsRptFindingCodes.NoRecord)]
        [InlineData("decline.test", TlsRptFindingCodes.NoRecord)]   // a TXT that is not a TLS-RPT record
        [InlineData("dup.test", TlsRptFindingCodes.MultipleRecords)]
        [InlineData("version.test", TlsRptFindingCodes.BadVersion)]
        [InlineData("weak.test", TlsRptFindingCodes.NoRua)]
        [InlineData("http.test", TlsRptFindingCodes.HttpNotHttps)]
        [InlineData("http.test", TlsRptFindingCodes.BadUriScheme)]
        [InlineData("http.test", TlsRptFindingCodes.MalformedMailto)]
        [InlineData("example.invalid", TlsRptFindingCodes.DnsError)]
        public async Task Finds(string domain, string code)
        {
            var i = await Inspect(domain);
            Assert.Contains(code, i.Findings.Select(f => f.Code));
            Assert.False(i.IsValid);
        }

        [PeerFact("knotd")]
        public async Task Several_records_mean_no_reporting_and_no_record_is_chosen()
        {
            var i = await Inspect("dup.test");
            Assert.Null(i.Record);
            Assert.Equal(new[] { TlsRptFindingCodes.MultipleRecords }, i.Findings.Select(f => f.Code));
        }
    }
}
