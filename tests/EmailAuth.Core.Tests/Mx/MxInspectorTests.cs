using System.Linq;
using System.Threading.Tasks;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Mx;
using EmailAuth.Core.Tests.Infrastructure;
using Xunit;

namespace EmailAuth.Core.Tests.Mx
{
    /// <summary>MX lists, null MX, implicit MX and broken targets against knotd (tests/Fixtures/zones/records/test.zone).</summary>
    public class MxInspectorTests : IClassFixture<RecordsZonesFixture>
    {
        private readonly RecordsZonesFixture _zones;

        public MxInspectorTests(RecordsZonesFixture zones) => _zones = zones;

        private Task<MxRecordInfo> Inspect(string name) => new MxInspector(_zones.Resolver()).InspectAsync(name);

        private static string[] Codes(MxRecordInfo i) => i.Findings.Select(f => f.Code).ToArray();

        [PeerFact("knotd")]
        public async Task Hosts_are_sorted_by_preference_with_their_addresses()
        {
            var i = await Inspect("good.test");
            Assert.Equal(new[] { "mx1.good.test", "mx2.good.test" }, i.Hosts.Select(h => h.Exchange));
            Assert.Equal(new[] { 10, 20 }, i.Hosts.Select(h => h.Preference));
            Assert.Equal(new[] { "192.0.2.25", "2001:db8::25" }, i.Hosts[0].Addresses);
            Assert.Empty(i.Findings);
            Assert.True(i.IsValid);
            Assert.Equal((bool?)true, i.AcceptsMail);
        }

        [PeerFact("knotd")]
        public async Task A_null_mx_accepts_no_mail()
        {
            var i = await Inspect("nullmx.test");
            Assert.True(i.IsNullMx);
            Assert.Equal((bool?)false, i.AcceptsMail);
            Assert.Equal(new[] { MxFindingCodes.NullMx }, Codes(i));
            Assert.True(i.IsValid);
        }

        [PeerFact("knotd")]
        public async Task A_null_mx_beside_other_records_is_an_error()
        {
            var i = await Inspect("mixed.test");
            Assert.Contains(MxFindingCodes.NullMxMixed, Codes(i));
            Assert.Equal(new[] { ".", "mx1.good.test" }, i.Hosts.Select(h => h.Exchange));
            Assert.False(i.IsValid);
        }

        [PeerFact("knotd")]
        public async Task No_mx_uses_the_domain_address_as_implicit_mx()
        {
            var i = await Inspect("implicit.test");
            Assert.True(i.IsImplicit);
            Assert.Equal("192.0.2.30", i.Hosts.Single().Addresses.Single());
            var f = i.Findings.Single();
            Assert.Equal((MxFindingCodes.NoRecords, FindingSeverity.Warning), (f.Code, f.Severity));
        }

        [PeerFact("knotd")]
        public async Task No_mx_and_no_address_cannot_receive_mail()
        {
            var i = await Inspect("nothing.test");
            var f = i.Findings.Single();
            Assert.Equal((MxFindingCodes.NoRecords, FindingSeverity.Error), (f.Code, f.Severity));
            Assert.Equal((bool?)false, i.AcceptsMail);
        }

        [PeerFact("knotd")]
        public async Task A_cname_target_is_reported_with_its_chain()
        {
            var i = await Inspect("cname.test");
            Assert.Equal(new[] { MxFindingCodes.TargetIsCname }, Codes(i));
            Assert.Equal("mx1.good.test", i.Hosts.Single().CnameChain.Last());
            Assert.Contains("192.0.2.25", i.Hosts.Single().Addresses);
        }

        [PeerTheory("knotd")]
        [InlineData("iplit.test", MxFindingCodes.TargetIsIpLiteral, FindingSeverity.Error)]
        [InlineData("noaddr.test", MxFindingCodes.TargetNoAddress, FindingSeverity.Error)]
        [InlineData("gone.test", MxFindingCodes.TargetNotFound, FindingSeverity.Error)]
        [InlineData("nosuch.test", MxFindingCodes.DomainNotFound, FindingSeverity.Error)]
        [InlineData("ext.test", MxFindingCodes.DnsError, FindingSeverity.Warning)]       // the target's A query is refused
        [InlineData("example.invalid", MxFindingCodes.DnsError, FindingSeverity.Error)]  // the MX query itself is refused
        public async Task Finds(string domain, string code, FindingSeverity severity)
        {
            var i = await Inspect(domain);
            Assert.Contains(i.Findings, f => f.Code == code && f.Severity == severity);
            Assert.Single(i.Findings, f => f.Code == code); // one per host or domain, not one per query
        }

        [PeerFact("knotd")]
        public async Task A_failed_mx_query_is_never_no_mx()
        {
            var i = await Inspect("example.invalid");
            Assert.DoesNotContain(MxFindingCodes.NoRecords, Codes(i));
            Assert.Null(i.AcceptsMail);
            Assert.False(i.IsValid);
        }

        [Theory]
        [InlineData("192.0.2.25", true)]
        [InlineData("[192.0.2.25]", true)]
        [InlineData("2001:db8::25", true)]
        [InlineData("mx1.example.com", false)]
        [InlineData("1.2.3.example", false)]
        // The dotted-quad test reads the labels in place: the edges of the old Split-based test.
        [InlineData("1.2.3", false)]
        [InlineData("1.2.3.4.5", false)]
        [InlineData("1..3.4", false)]
        [InlineData("1.2.3.", false)]
        [InlineData("1234.2.3.4", false)]
        [InlineData("999.2.3.4", false)]        // four labels of digits, but not an address
        [InlineData("IPv6:2001:db8::25", true)]
        [InlineData("١.2.3.4", false)]     // an Arabic-Indic digit passes char.IsDigit, not the address parser
        public void Ip_literals(string target, bool expected) => Assert.Equal(expected, MxInspector.IsIpLiteral(target));
    }
}
