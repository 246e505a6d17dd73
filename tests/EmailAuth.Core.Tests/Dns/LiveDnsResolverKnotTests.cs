using System;
using System.Linq;
using System.Threading.Tasks;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Tests.Infrastructure;
using Xunit;

namespace EmailAuth.Core.Tests.Dns
{
    /// <summary>LiveDnsResolver against knotd, an authoritative server, serving tests/Fixtures/zones/dns.</summary>
    public class LiveDnsResolverKnotTests : IClassFixture<DnsZonesFixture>
    {
        private readonly DnsZonesFixture _zones;

        public LiveDnsResolverKnotTests(DnsZonesFixture zones) => _zones = zones;

        private Task<DnsAnswer> Query(string name, DnsRecordType type) => _zones.Resolver().QueryAsync(name, type);

        private static DnsRecord Single(DnsAnswer answer)
        {
            Assert.Equal(DnsAnswerStatus.Success, answer.Status);
            return Assert.Single(answer.Records);
        }

        [PeerFact("knotd")]
        public async Task A_record()
        {
            var answer = await Query("dns.test", DnsRecordType.A);
            var a = Single(answer);
            Assert.Equal(("dns.test", DnsRecordType.A, 300, "192.0.2.1"), (a.Name, a.Type, a.Ttl, a.Data));
            Assert.Equal(_zones.Knot.Endpoint, answer.Server);
            Assert.Empty(answer.CnameChain);
            Assert.False(answer.FromCache);
        }

        [PeerFact("knotd")]
        public async Task AAAA_record()
        {
            Assert.Equal("2001:db8::1", Single(await Query("dns.test", DnsRecordType.AAAA)).Data);
        }

        [PeerFact("knotd")]
        public async Task MX_records_have_exchange_without_trailing_dot_and_preference()
        {
            var answer = await Query("dns.test", DnsRecordType.MX);
            Assert.Equal(DnsAnswerStatus.Success, answer.Status);
            Assert.Equal(new[] { (10, "mx1.dns.test"), (20, "mx2.other.test") },
                         answer.Records.Select(r => (r.Preference, r.Data)).OrderBy(p => p.Preference).ToArray());
        }

        [PeerFact("knotd")]
        public async Task TXT_strings_are_kept_and_concatenated_with_nothing_between()
        {
            var txt = Single(await Query("dns.test", DnsRecordType.TXT));
            Assert.Equal(new[] { "v=spf1 ", "ip4:192.0.2.0/24 ", "-all" }, txt.TextStrings);
            Assert.Equal("v=spf1 ip4:192.0.2.0/24 -all", txt.Data);
        }

        [PeerFact("knotd")]
        public async Task TXT_quotes_backslashes_and_UTF8_come_back_as_published()
        {
            var quoted = Single(await Query("quoted.dns.test", DnsRecordType.TXT));
            Assert.Equal(new[] { "say \"hi\"; ok", "back\\slash" }, quoted.TextStrings);
            Assert.Equal("say \"hi\"; okback\\slash", quoted.Data);
            Assert.Equal("caf\u00e9", Single(await Query("utf8.dns.test", DnsRecordType.TXT)).Data);
            // A byte that is not UTF-8 cannot become text: it reads as U+FFFD, the replacement character.
            Assert.Equal("a\uFFFDb", Single(await Query("binary.dns.test", DnsRecordType.TXT)).Data);
        }

        [PeerFact("knotd")]
        public async Task Underscore_names_resolve()
        {
            Assert.Equal("v=DMARC1; p=none", Single(await Query("_dmarc.dns.test", DnsRecordType.TXT)).Data);
        }

        [PeerFact("knotd")]
        public async Task Large_TXT_over_UDP_limit_is_fetched_complete_over_TCP()
        {
            var big = Single(await Query("big.dns.test", DnsRecordType.TXT));
            Assert.Equal(18, big.TextStrings.Count);
            Assert.Equal(Enumerable.Range(0, 18).Select(i => $"t{i:00}-" + new string('x', 80)), big.TextStrings);
            Assert.Equal(18 * 84, big.Data.Length);
        }

        [PeerFact("knotd")]
        public async Task Many_A_records_over_UDP_limit_are_fetched_complete_over_TCP()
        {
            var answer = await Query("many.dns.test", DnsRecordType.A);
            Assert.Equal(Enumerable.Range(1, 120).Select(i => $"192.0.2.{i}").OrderBy(s => s),
                         answer.Records.Select(r => r.Data).OrderBy(s => s));
        }

        [PeerFact("knotd")]
        public async Task Truncated_answer_without_TCP_fallback_is_an_error_never_a_partial_answer()
        {
            var answer = await _zones.Resolver(tcpFallback: false).QueryAsync("big.dns.test", DnsRecordType.TXT);
            Assert.Equal(DnsAnswerStatus.Error, answer.Status);
            Assert.Contains("truncated", answer.ErrorMessage);
            Assert.Contains(_zones.Knot.Endpoint, answer.ErrorMessage);
            Assert.Empty(answer.Records);
        }

        [PeerFact("knotd")]
        public async Task NXDOMAIN_and_NODATA_are_told_apart()
        {
            var nx = await Query("nope.dns.test", DnsRecordType.A);
            Assert.Equal(DnsAnswerStatus.NxDomain, nx.Status);
            Assert.True(nx.IsVoid);
            Assert.False(nx.IsError);

            Assert.Equal(DnsAnswerStatus.NoData, (await Query("www.dns.test", DnsRecordType.MX)).Status);
            // Empty non-terminals exist (RFC 8020): a.b.ent.dns.test has an A record.
            Assert.Equal(DnsAnswerStatus.NoData, (await Query("b.ent.dns.test", DnsRecordType.A)).Status);
            Assert.Equal(DnsAnswerStatus.NoData, (await Query("ent.dns.test", DnsRecordType.TXT)).Status);
        }

        [PeerFact("knotd")]
        public async Task Negative_answers_carry_the_SOA_negative_TTL_for_the_cache()
        {
            // RFC 2308 §5: min(SOA TTL, MINIMUM) = 120 s in dns.test.
            Assert.Equal(TimeSpan.FromSeconds(120), DnsAnswerTtl.Of(await Query("nope.dns.test", DnsRecordType.A)));
            Assert.Equal(TimeSpan.FromSeconds(120), DnsAnswerTtl.Of(await Query("www.dns.test", DnsRecordType.MX)));
        }

        [PeerFact("knotd")]
        public async Task CNAME_to_an_in_zone_target_is_followed_within_the_answer()
        {
            var answer = await Query("alias.dns.test", DnsRecordType.A);
            var a = Single(answer);
            Assert.Equal(("www.dns.test", "192.0.2.80"), (a.Name, a.Data));
            Assert.Equal(new[] { "www.dns.test" }, answer.CnameChain);

            var chained = await Query("chain1.dns.test", DnsRecordType.A);
            Assert.Equal("192.0.2.80", Single(chained).Data);
            Assert.Equal(new[] { "chain2.dns.test", "www.dns.test" }, chained.CnameChain);
        }

        [PeerFact("knotd")]
        public async Task CNAME_to_an_out_of_zone_target_is_followed_with_a_second_query()
        {
            // knot answers only the CNAME (its target is in another zone); the resolver asks for the target.
            var answer = await Query("outalias.dns.test", DnsRecordType.A);
            var a = Single(answer);
            Assert.Equal(("www.other.test", "198.51.100.80"), (a.Name, a.Data));
            Assert.Equal(new[] { "www.other.test" }, answer.CnameChain);
        }

        [PeerFact("knotd")]
        public async Task CNAME_chain_ending_without_data_is_void_with_the_chain()
        {
            var nodata = await Query("alias.dns.test", DnsRecordType.TXT);
            Assert.Equal(DnsAnswerStatus.NoData, nodata.Status);
            Assert.Equal(new[] { "www.dns.test" }, nodata.CnameChain);

            var outNodata = await Query("outalias.dns.test", DnsRecordType.TXT);
            Assert.Equal(DnsAnswerStatus.NoData, outNodata.Status);
            Assert.Equal(new[] { "www.other.test" }, outNodata.CnameChain);

            // RFC 6604 §3: the RCODE speaks for the last name of the chain.
            var dangling = await Query("dangling.dns.test", DnsRecordType.A);
            Assert.Equal(DnsAnswerStatus.NxDomain, dangling.Status);
            Assert.Equal(new[] { "nothere.dns.test" }, dangling.CnameChain);
        }

        [PeerFact("knotd")]
        public async Task Asking_for_the_CNAME_itself_does_not_follow_it()
        {
            var answer = await Query("alias.dns.test", DnsRecordType.CNAME);
            Assert.Equal("www.dns.test", Single(answer).Data);
            Assert.Empty(answer.CnameChain);
        }

        [PeerFact("knotd")]
        public async Task CNAME_loops_are_errors_within_a_zone_and_across_zones()
        {
            var inZone = await Query("loop1.dns.test", DnsRecordType.A);
            Assert.Equal(DnsAnswerStatus.Error, inZone.Status);
            Assert.Equal("CNAME loop: loop1.dns.test -> loop2.dns.test -> loop1.dns.test", inZone.ErrorMessage);

            var acrossZones = await Query("xloop.dns.test", DnsRecordType.TXT);
            Assert.Equal(DnsAnswerStatus.Error, acrossZones.Status);
            Assert.Equal("CNAME loop: xloop.dns.test -> x.other.test -> xloop.dns.test", acrossZones.ErrorMessage);
        }

        [PeerFact("knotd")]
        public async Task SPF_type_99_record_is_read()
        {
            var spf = Single(await Query("spf99.dns.test", DnsRecordType.SPF));
            Assert.Equal(DnsRecordType.SPF, spf.Type);
            Assert.Equal(new[] { "v=spf1 ", "-all" }, spf.TextStrings);
            Assert.Equal("v=spf1 -all", spf.Data);
            Assert.Equal(DnsAnswerStatus.NoData, (await Query("dns.test", DnsRecordType.SPF)).Status);
        }

        [PeerFact("knotd")]
        public async Task Names_are_case_insensitive_and_may_end_with_a_dot()
        {
            var upper = await Query("WWW.Dns.TEST", DnsRecordType.A);
            Assert.Equal("192.0.2.80", Single(upper).Data);
            Assert.Equal("WWW.Dns.TEST", upper.QueryName);
            Assert.Equal("192.0.2.80", Single(await Query("www.dns.test.", DnsRecordType.A)).Data);
            Assert.Equal("www.dns.test", Single(await Query("ALIAS.dns.test", DnsRecordType.A)).Name);
        }

        [PeerFact("knotd")]
        public async Task Non_ASCII_names_are_queried_in_IDNA_form()
        {
            var answer = await Query("Café.dns.test", DnsRecordType.TXT);
            Assert.Equal(("xn--caf-dma.dns.test", "v=spf1 -all"), (Single(answer).Name, Single(answer).Data));
            Assert.Equal("Café.dns.test", answer.QueryName);
            // Names in records stay in wire form too.
            Assert.Equal("xn--caf-dma.dns.test", Single(await Query("idn.dns.test", DnsRecordType.CNAME)).Data);
        }

        [PeerFact("knotd")]
        public async Task A_label_with_a_space_and_percent_signs_is_found_as_knot_serves_it()
        {
            // The zone file says a\032%%20 (RFC 1035 §5.1): one label "a %%20", as %{l}%_%%%- expands.
            var escaped = Single(await Query(@"a\032%%20.dns.test", DnsRecordType.A));
            Assert.Equal((@"a\032%%20.dns.test", "192.0.2.32"), (escaped.Name, escaped.Data));
            Assert.Equal("192.0.2.32", Single(await Query("a %%20.dns.test", DnsRecordType.A)).Data);
            Assert.Equal(DnsAnswerStatus.NxDomain, (await Query(@"a\032%%21.dns.test", DnsRecordType.A)).Status);
        }

        [PeerFact("knotd")]
        public async Task SOA_rdata_is_joined_by_spaces()
        {
            var soa = Single(await Query("dns.test", DnsRecordType.SOA));
            Assert.Equal("ns.dns.test hostmaster.dns.test 2024010101 3600 600 86400 120", soa.Data);
            Assert.Equal(3600, soa.Ttl);
        }

        [PeerFact("knotd")]
        public async Task PTR_and_NS_targets_have_no_trailing_dot()
        {
            Assert.Equal("dns.test", Single(await Query("1.2.0.192.in-addr.arpa", DnsRecordType.PTR)).Data);
            Assert.Equal("ns.dns.test", Single(await Query("dns.test", DnsRecordType.NS)).Data);
        }

        [PeerFact("knotd")]
        public async Task A_zone_the_server_does_not_serve_is_refused_naming_the_server()
        {
            var answer = await Query("example.invalid", DnsRecordType.A);
            Assert.Equal(DnsAnswerStatus.Refused, answer.Status);
            Assert.True(answer.IsError);
            Assert.Equal(_zones.Knot.Endpoint, answer.Server);
            Assert.StartsWith(_zones.Knot.Endpoint + ": ", answer.ErrorMessage);
        }
    }
}
