using System;
using System.IO;
using System.Net;
using System.Threading.Tasks;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Spf;
using EmailAuth.Core.Tests.Dns;
using EmailAuth.Core.Tests.Infrastructure;
using EmailAuth.Core.ZoneFiles;
using Xunit;

namespace EmailAuth.Core.Tests.Spf
{
    /// <summary>
    /// Macro expansions with octets host names never hold: "%%" gives "%", "%_" a space, "%-" "%20" (RFC 7208 §7.3).
    /// DNS allows any octet in a label (RFC 2181 §11), so such a name is queried as it is and matches when DNS has
    /// it; only the length rules (§4.3, §7.3) decide what is not queried. The same from knotd, a zone file and memory.
    /// </summary>
    public class SpfOctetNameTests : IClassFixture<DnsZonesFixture>
    {
        private const string Record = "v=spf1 exists:%{l}%_%%%-.dns.test -all"; // exists:"a %%20.dns.test" for a@...
        private readonly DnsZonesFixture _zones;

        public SpfOctetNameTests(DnsZonesFixture zones) => _zones = zones;

        private static Task<SpfCheckResult> Check(IDnsResolver resolver, string sender = "a@macro.dns.test") =>
            new SpfEvaluator(resolver).CheckHostAsync(IPAddress.Parse("192.0.2.10"), null, sender, "mail.example.org");

        [PeerFact("knotd")]
        public async Task Exists_matches_a_name_with_a_space_and_percent_signs_served_by_knot()
        {
            var r = await Check(_zones.Resolver());
            Assert.Equal(SpfResult.Pass, r.Result);
            Assert.Equal("exists:%{l}%_%%%-.dns.test", r.MatchedTerm);
            Assert.Contains(r.Trace, l => l.Contains(@"DNS A a\032%%20.dns.test: 192.0.2.32"));
            Assert.Equal(SpfResult.Fail, (await Check(_zones.Resolver(), "b@macro.dns.test")).Result); // "b %%20" is not there
        }

        [Fact]
        public async Task Exists_matches_the_name_in_a_zone_file()
        {
            var zone = ZoneFileResolver.Load(new[] { Path.Combine(AppContext.BaseDirectory, "Fixtures", "zones", "dns", "dns.test.zone") });
            Assert.Contains(zone.Records, rr => rr.Name == @"a\032%%20.dns.test"); // The reader's presentation form.
            Assert.Equal(SpfResult.Pass, (await Check(zone)).Result);
        }

        [Fact]
        public async Task Exists_matches_the_name_in_memory_and_other_mechanisms_too()
        {
            var zone = new SpfTestZone()
                .Txt("example.com", "v=spf1 a:%{l}%_x.example.com mx:mx%%.example.com -all")
                .A(@"b\032x.example.com", "192.0.2.20")
                .Mx(@"mx%.example.com", 10, @"mail\032host.example.com").A(@"mail\032host.example.com", "192.0.2.30");
            Assert.Equal(SpfResult.Pass, (await zone.Check("192.0.2.20", "b@example.com")).Result);
            var viaMx = await zone.Check("192.0.2.30", "c@example.com");
            Assert.Equal(SpfResult.Pass, viaMx.Result);
            Assert.Equal("mx:mx%%.example.com", viaMx.MatchedTerm);
        }

        [Theory]
        [InlineData("v=spf1 exists:%{l}.%_.example.com -all", "x@example.com", @"x.\032.example.com")]  // a label that is one space
        [InlineData("v=spf1 exists:%{l}.example.com -all", "a\"b\\c@example.com", @"a\""b\\c.example.com")]   // quoted local-part octets
        public async Task Odd_labels_are_queried_in_presentation_form(string record, string sender, string queried)
        {
            var zone = new SpfTestZone().Txt("example.com", record).A(queried, "127.0.0.2");
            var r = await zone.Check("192.0.2.10", sender);
            Assert.Equal(SpfResult.Pass, r.Result);
        }

        [Fact]
        public async Task Only_length_rules_stop_a_query()
        {
            // RFC 7208 §4.3 / RFC 1035 §2.3.4: a 64-octet label is not queried (void), whatever its octets.
            var zone = new SpfTestZone().Txt("example.com", "v=spf1 exists:%{l}%_.example.com -all");
            var r = await zone.Check("192.0.2.10", new string('a', 63) + "@example.com");
            Assert.Equal(SpfResult.Fail, r.Result);
            Assert.Contains(r.Trace, l => l.Contains("not queried (not a valid domain name)"));
        }
    }
}
