using System.Linq;
using System.Threading.Tasks;
using EmailAuth.Core.Dmarc;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Domains;
using EmailAuth.Core.Tests.Dmarc;
using EmailAuth.Core.Tests.Infrastructure;
using Xunit;

namespace EmailAuth.Core.Tests.Domains
{
    /// <summary>The RFC 9989 DNS tree walk against knotd serving tests/Fixtures/zones/dmarc/test.zone.</summary>
    public class DnsTreeWalkTests : IClassFixture<DmarcZonesFixture>
    {
        private readonly DmarcZonesFixture _zones;

        public DnsTreeWalkTests(DmarcZonesFixture zones) => _zones = zones;

        private async Task<(TreeWalkResult Walk, TracingDnsResolver Trace)> Walk(string name)
        {
            var trace = new TracingDnsResolver(_zones.Resolver());
            return (await new DnsTreeWalk(trace).WalkAsync(name), trace);
        }

        [PeerFact("knotd")]
        public async Task Fewest_labels_with_a_record_is_the_organizational_domain()
        {
            var (walk, _) = await Walk("a.mid.example.test");
            Assert.Equal(new[] { "a.mid.example.test", "mid.example.test", "example.test", "test" }, walk.Steps.Select(s => s.Domain));
            Assert.Equal("example.test", walk.OrganizationalDomain);
            Assert.Null(walk.FailedStep);
        }

        [PeerFact("knotd")]
        public async Task Ten_labels_skip_to_seven_and_send_eight_queries()
        {
            var (walk, trace) = await Walk("a.b.c.d.e.f.g.h.example.test");
            Assert.Equal(new[] { "a.b.c.d.e.f.g.h.example.test", "d.e.f.g.h.example.test", "e.f.g.h.example.test", "f.g.h.example.test",
                                 "g.h.example.test", "h.example.test", "example.test", "test" }, walk.Steps.Select(s => s.Domain));
            Assert.Equal(DnsTreeWalk.MaxQueries, trace.Entries.Count);
            Assert.Equal("example.test", walk.OrganizationalDomain);
        }

        [PeerFact("knotd")]
        public async Task Psd_y_makes_the_name_one_label_below_the_organizational_domain()
        {
            var (walk, _) = await Walk("a.b.psd.test");
            Assert.Equal(new[] { "a.b.psd.test", "b.psd.test", "psd.test" }, walk.Steps.Select(s => s.Domain)); // stops at psd=y
            Assert.Equal("b.psd.test", walk.OrganizationalDomain);
            Assert.Contains("psd=y", walk.Reason);
        }

        [PeerFact("knotd")]
        public async Task Psd_y_at_the_start_does_not_stop_the_walk()
        {
            var (walk, _) = await Walk("psd.test");
            Assert.Equal(new[] { "psd.test", "test" }, walk.Steps.Select(s => s.Domain));
            Assert.Equal("psd.test", walk.OrganizationalDomain); // its own record is the one with the fewest labels
        }

        [PeerFact("knotd")]
        public async Task Psd_n_stops_the_walk_and_is_the_organizational_domain()
        {
            var (walk, _) = await Walk("x.mail.psdn.test");
            Assert.Equal(new[] { "x.mail.psdn.test", "mail.psdn.test" }, walk.Steps.Select(s => s.Domain));
            Assert.Equal("mail.psdn.test", walk.OrganizationalDomain);
            Assert.Equal(DmarcPsd.N, walk.Steps[1].Psd);
        }

        [PeerFact("knotd")]
        public async Task Several_records_at_one_name_are_discarded()
        {
            var (walk, _) = await Walk("twice.example.test");
            Assert.Equal(2, walk.Steps[0].RecordCount);
            Assert.Null(walk.Steps[0].Record);
            Assert.Equal("example.test", walk.OrganizationalDomain);
        }

        [PeerFact("knotd")]
        public async Task No_record_anywhere_makes_the_name_its_own_organizational_domain()
        {
            var (walk, _) = await Walk("none.test");
            Assert.Equal("none.test", walk.OrganizationalDomain);
            Assert.All(walk.Steps, s => Assert.Equal(DnsAnswerStatus.NxDomain, s.Status));
        }

        [PeerFact("knotd")]
        public async Task A_failed_query_ends_the_walk_without_an_answer()
        {
            // knotd refuses names outside its zones: the walk from another TLD fails at once.
            var (walk, _) = await Walk("example.invalid");
            Assert.Null(walk.OrganizationalDomain);
            Assert.Equal(DnsAnswerStatus.Refused, walk.FailedStep!.Status);
            Assert.Single(walk.Steps);
        }

        [PeerFact("knotd")]
        public async Task Resolver_gives_both_methods()
        {
            var resolver = new OrganizationalDomainResolver(_zones.Resolver());
            var walk = await resolver.ResolveAsync("a.b.psd.test", OrganizationalDomainMethod.TreeWalk);
            var psl = await resolver.ResolveAsync("a.b.psd.test", OrganizationalDomainMethod.PublicSuffixList);
            Assert.Equal(("b.psd.test", 3), (walk.OrganizationalDomain, walk.Queries.Count));
            Assert.Equal(("psd.test", "test", "*"), (psl.OrganizationalDomain, psl.PublicSuffix, psl.Rule)); // "test" is not listed
            Assert.Empty(psl.Queries);
        }

        [Fact]
        public async Task Zone_file_answers_walk_the_same_way()
        {
            var zones = EmailAuth.Core.ZoneFiles.ZoneFileResolver.Load(new[] { DmarcZonesFixture.ZoneFile });
            var walk = await new DnsTreeWalk(zones).WalkAsync("a.b.psd.test");
            Assert.Equal("b.psd.test", walk.OrganizationalDomain);
        }
    }
}
