using System.Linq;
using System.Threading.Tasks;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Dmarc;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Domains;
using EmailAuth.Core.Tests.Infrastructure;
using Xunit;

namespace EmailAuth.Core.Tests.Dmarc
{
    /// <summary>Get-DmarcPolicy's discovery against knotd: every path (exact, org domain, tree walk with psd, np for a name that does not exist).</summary>
    public class DmarcDiscoveryTests : IClassFixture<DmarcZonesFixture>
    {
        private readonly DmarcZonesFixture _zones;

        public DmarcDiscoveryTests(DmarcZonesFixture zones) => _zones = zones;

        private Task<DmarcPolicyInfo> Inspect(string name, OrganizationalDomainMethod method = OrganizationalDomainMethod.TreeWalk) =>
            new DmarcPolicyInspector(_zones.Resolver()).InspectAsync(name, new DmarcDiscoveryOptions { Method = method });

        private static string[] Codes(DmarcPolicyInfo i) => i.Findings.Select(f => f.Code).ToArray();

        [PeerFact("knotd")]
        public async Task Exact_name_record_applies_p()
        {
            var i = await Inspect("sub.example.test");
            Assert.Equal(("sub.example.test", "example.test"), (i.PolicyDomain, i.OrganizationalDomain));
            Assert.Equal((DmarcPolicy?)DmarcPolicy.None, i.EffectivePolicy);
            Assert.Contains(DmarcFindingCodes.PolicyNone, Codes(i));
            Assert.Null(i.DomainExists); // not needed: the record is the name's own
            Assert.DoesNotContain(DmarcFindingCodes.InheritedPolicy, Codes(i));
        }

        [PeerFact("knotd")]
        public async Task Organizational_domain_record_gives_sp_to_an_existing_subdomain()
        {
            var i = await Inspect("www.example.test");
            Assert.Equal("example.test", i.PolicyDomain);
            Assert.Equal((DmarcPolicy?)DmarcPolicy.Reject, i.Policy);
            Assert.Equal((DmarcPolicy?)DmarcPolicy.Quarantine, i.SubdomainPolicy);
            Assert.Equal((bool?)true, i.DomainExists);
            Assert.Equal((DmarcPolicy?)DmarcPolicy.Quarantine, i.EffectivePolicy);
            Assert.Contains(DmarcFindingCodes.InheritedPolicy, Codes(i));
            Assert.Contains(DmarcFindingCodes.SubdomainPolicyWeaker, Codes(i));
            Assert.True(i.IsValid);
        }

        [PeerFact("knotd")]
        public async Task Np_applies_to_a_name_that_does_not_exist()
        {
            var i = await Inspect("nosuch.example.test");
            Assert.Equal((bool?)false, i.DomainExists);
            Assert.Equal((DmarcPolicy?)DmarcPolicy.Reject, i.EffectivePolicy);
            Assert.Equal((DmarcPolicy?)DmarcPolicy.Reject, i.NonexistentDomainPolicy);
        }

        [PeerFact("knotd")]
        public async Task An_intermediate_record_is_not_the_policy()
        {
            var i = await Inspect("a.mid.example.test");
            Assert.Equal("example.test", i.PolicyDomain);
            Assert.Equal(4, i.Queries.Count);
        }

        [PeerFact("knotd")]
        public async Task A_public_suffix_domain_record_applies_below_it()
        {
            var i = await Inspect("a.b.psd.test");
            Assert.Equal(("b.psd.test", "psd.test"), (i.OrganizationalDomain, i.PolicyDomain));
            Assert.Equal((DmarcPolicy?)DmarcPolicy.Quarantine, i.EffectivePolicy); // sp= of the PSD record: the name exists
            Assert.Contains("public suffix domain", i.Findings.Single(f => f.Code == DmarcFindingCodes.InheritedPolicy).Message);
            // The PSL (where "test" is unlisted) says psd.test: older receivers see another Organizational Domain.
            Assert.Contains(DmarcFindingCodes.OrgDomainMethodsDisagree, Codes(i));
        }

        [PeerFact("knotd")]
        public async Task A_public_suffix_domains_np_applies_to_a_name_that_does_not_exist_below_it()
        {
            // RFC 9989: nosuch.psd.test has no record and does not exist; the PSD record (psd=y) gives np=reject, where
            // an existing name below it (a.b.psd.test above) gets sp=quarantine.
            var i = await Inspect("nosuch.psd.test");
            Assert.Equal("psd.test", i.PolicyDomain);
            Assert.Equal((bool?)false, i.DomainExists);
            Assert.Equal((DmarcPolicy?)DmarcPolicy.Reject, i.EffectivePolicy);
            Assert.Contains(DmarcFindingCodes.InheritedPolicy, Codes(i));
        }

        [PeerFact("knotd")]
        public async Task Psd_n_below_another_record_is_the_organizational_domain()
        {
            var i = await Inspect("x.mail.psdn.test");
            Assert.Equal(("mail.psdn.test", "mail.psdn.test"), (i.OrganizationalDomain, i.PolicyDomain));
            Assert.Equal((DmarcPolicy?)DmarcPolicy.Reject, i.EffectivePolicy);
        }

        [PeerFact("knotd")]
        public async Task Public_suffix_list_method_queries_the_name_then_its_registrable_domain()
        {
            var i = await Inspect("a.b.psd.test", OrganizationalDomainMethod.PublicSuffixList);
            Assert.Equal(new[] { "_dmarc.a.b.psd.test", "_dmarc.psd.test" }, i.Queries.Select(q => q.QueryName));
            Assert.Equal(("psd.test", "psd.test"), (i.OrganizationalDomain, i.PolicyDomain));
            Assert.Contains(DmarcFindingCodes.OrgDomainMethodsDisagree, Codes(i));
        }

        [PeerFact("knotd")]
        public async Task Several_records_are_reported_and_discovery_goes_on()
        {
            var i = await Inspect("twice.example.test");
            Assert.Contains(DmarcFindingCodes.MultipleRecords, Codes(i));
            Assert.Equal("example.test", i.PolicyDomain);
            Assert.False(i.IsValid);
        }

        [PeerFact("knotd")]
        public async Task No_record_is_an_error()
        {
            var i = await Inspect("none.test");
            Assert.Null(i.Record);
            Assert.Null(i.EffectivePolicy);
            Assert.Contains(DmarcFindingCodes.NoRecord, Codes(i));
            Assert.False(i.IsValid);
        }

        [PeerFact("knotd")]
        public async Task A_record_at_the_name_itself_is_at_the_wrong_name()
        {
            var i = await Inspect("wrong.test");
            Assert.Equal(new[] { DmarcFindingCodes.RecordWrongName, DmarcFindingCodes.NoRecord }, Codes(i));
        }

        [PeerFact("knotd")]
        public async Task External_report_destinations_need_authorization_and_MX()
        {
            var i = await Inspect("ext.test");
            var unauthorized = i.Findings.Where(f => f.Code == DmarcFindingCodes.ExternalDestinationUnauthorized).ToList();
            Assert.Equal("noauth.test", Assert.Single(unauthorized).Subject);
            Assert.Contains("ext.test._report._dmarc.noauth.test", unauthorized[0].Message);
            Assert.Equal("noauth.test", i.Findings.Single(f => f.Code == DmarcFindingCodes.ReportDomainNoMx).Subject);
        }

        [PeerFact("knotd")]
        public async Task A_refused_query_is_a_dns_error_not_a_missing_record()
        {
            var i = await Inspect("example.invalid");
            Assert.Equal(new[] { DmarcFindingCodes.DnsError }, Codes(i));
            Assert.Equal(FindingSeverity.Error, i.Findings[0].Severity);
            Assert.Null(i.OrganizationalDomain);
        }

        /// <summary>
        /// A posture audit discovers once without the report-destination checks and adds them for its DMARC section
        /// (WithReportDestinationsAsync): the result must be what one full inspection gives, finding for finding.
        /// </summary>
        [PeerTheory("knotd")]
        [InlineData("sub.example.test", OrganizationalDomainMethod.TreeWalk)]
        [InlineData("www.example.test", OrganizationalDomainMethod.TreeWalk)]
        [InlineData("nosuch.example.test", OrganizationalDomainMethod.TreeWalk)]
        [InlineData("a.mid.example.test", OrganizationalDomainMethod.TreeWalk)]
        [InlineData("a.b.psd.test", OrganizationalDomainMethod.TreeWalk)]
        [InlineData("a.b.psd.test", OrganizationalDomainMethod.PublicSuffixList)]
        [InlineData("nosuch.psd.test", OrganizationalDomainMethod.TreeWalk)]
        [InlineData("x.mail.psdn.test", OrganizationalDomainMethod.TreeWalk)]
        [InlineData("twice.example.test", OrganizationalDomainMethod.TreeWalk)]
        [InlineData("none.test", OrganizationalDomainMethod.TreeWalk)]
        [InlineData("wrong.test", OrganizationalDomainMethod.TreeWalk)]
        [InlineData("ext.test", OrganizationalDomainMethod.TreeWalk)]
        [InlineData("ext.test", OrganizationalDomainMethod.PublicSuffixList)]
        [InlineData("c.psdrua.test", OrganizationalDomainMethod.TreeWalk)]
        [InlineData("example.invalid", OrganizationalDomainMethod.TreeWalk)]
        public async Task Report_destinations_added_to_a_shared_discovery_give_the_full_inspection(string name, OrganizationalDomainMethod method)
        {
            var inspector = new DmarcPolicyInspector(_zones.Resolver());
            var full = await inspector.InspectAsync(name, new DmarcDiscoveryOptions { Method = method });
            var light = await inspector.InspectAsync(name, new DmarcDiscoveryOptions { Method = method, CheckReportDestinations = false });
            var added = await inspector.WithReportDestinationsAsync(light, new DmarcDiscoveryOptions { Method = method }, default);

            string Text(DmarcPolicyInfo i) => string.Join("\n", i.Findings.Select(f => $"{f.Severity} {f.Code} {f.Message}"));
            Assert.Equal(Text(full), Text(added));
            Assert.Equal((full.IsValid, full.EffectivePolicy, full.PolicyDomain, full.OrganizationalDomain),
                         (added.IsValid, added.EffectivePolicy, added.PolicyDomain, added.OrganizationalDomain));
            // The shared discovery itself is left as it was (BIMI and the verdict read it).
            Assert.NotSame(light, added);
            Assert.Equal(Text(light), Text(await inspector.InspectAsync(name, new DmarcDiscoveryOptions { Method = method, CheckReportDestinations = false })));
        }

        [PeerFact("knotd")]
        public async Task Report_destination_findings_come_before_the_methods_disagreeing()
        {
            var i = await Inspect("c.psdrua.test");
            var codes = Codes(i).ToList();
            Assert.Equal(DmarcFindingCodes.OrgDomainMethodsDisagree, codes.Last());
            Assert.InRange(codes.IndexOf(DmarcFindingCodes.ExternalDestinationUnauthorized), 0, codes.Count - 2);
            Assert.InRange(codes.IndexOf(DmarcFindingCodes.ReportDomainNoMx), 0, codes.Count - 2);
        }

        [PeerFact("knotd")]
        public async Task Discovery_is_bounded()
        {
            var trace = new TracingDnsResolver(_zones.Resolver());
            await new DmarcPolicyInspector(trace).InspectAsync("a.b.c.d.e.f.g.h.example.test");
            // 8 walk queries, 3 existence queries, 1 MX for the report domain (its walk and the comparison reuse nothing
            // from the cache here, so count them too): never more than the documented bound.
            Assert.InRange(trace.Entries.Count, 11, 8 + 3 + 3 + 4 * (8 + 2) + 8);
        }

        [Fact]
        public void Offline_inspection_lints_the_record()
        {
            var i = new DmarcPolicyInspector(null).InspectText("v=DMARC1; p=reject; sp=none; np=quarantine; pct=50; t=y", "example.com");
            var codes = Codes(i);
            foreach (var c in new[] { DmarcFindingCodes.SubdomainPolicyWeaker, DmarcFindingCodes.NonexistentPolicyWeaker, DmarcFindingCodes.PartialPercentage,
                                      DmarcFindingCodes.TestingMode, DmarcFindingCodes.NoAggregateReports, DmarcFindingCodes.RemovedTag })
                Assert.Contains(c, codes);
            Assert.Equal((DmarcPolicy?)DmarcPolicy.Reject, i.EffectivePolicy);
            Assert.Equal((DmarcPolicy?)DmarcPolicy.None, i.SubdomainPolicy);
            Assert.Equal((DmarcPolicy?)DmarcPolicy.Quarantine, i.NonexistentDomainPolicy);
            Assert.Equal((50, true), (i.Pct, i.Testing));
            Assert.True(i.IsValid);
        }

        [Fact]
        public void Offline_inspection_of_a_good_record_has_no_warnings()
        {
            var i = new DmarcPolicyInspector(null).InspectText("v=DMARC1; p=reject; rua=mailto:dmarc@example.com", "example.com");
            Assert.Empty(i.Findings);
            Assert.True(i.IsValid);
        }

        [Fact]
        public void Offline_inspection_of_a_discarded_record_has_no_policy()
        {
            var i = new DmarcPolicyInspector(null).InspectText("v=DMARC1; p=block", null);
            Assert.False(i.IsValid);
            Assert.Null(i.EffectivePolicy);
            Assert.Null(i.Policy);
        }
    }
}
