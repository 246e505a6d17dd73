using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Spf;
using Xunit;

namespace EmailAuth.Core.Tests.Spf
{
    public class SpfEvaluatorTests
    {
        private const string Sender = "user@example.com";

        private static SpfTestZone Zone(string record) => new SpfTestZone().Txt("example.com", record);

        private static async Task<SpfCheckResult> Run(string record, string ip = "192.0.2.10", SpfTestZone? zone = null)
            => await (zone ?? Zone(record)).Check(ip, Sender);

        // ---- qualifiers and simple mechanisms ----

        [Theory]
        [InlineData("v=spf1 all", SpfResult.Pass)]
        [InlineData("v=spf1 +all", SpfResult.Pass)]
        [InlineData("v=spf1 -all", SpfResult.Fail)]
        [InlineData("v=spf1 ~all", SpfResult.SoftFail)]
        [InlineData("v=spf1 ?all", SpfResult.Neutral)]
        [InlineData("v=spf1", SpfResult.Neutral)]
        [InlineData("v=spf1 ip4:192.0.2.10 -all", SpfResult.Pass)]
        [InlineData("v=spf1 -ip4:192.0.2.10 +all", SpfResult.Fail)]
        [InlineData("v=spf1 ~ip4:192.0.2.0/24 -all", SpfResult.SoftFail)]
        [InlineData("v=spf1 ?ip4:192.0.2.0/28 -all", SpfResult.Neutral)]
        [InlineData("v=spf1 ip4:192.0.2.11 -all", SpfResult.Fail)]
        [InlineData("v=spf1 ip4:192.0.2.11/31 -all", SpfResult.Pass)]
        [InlineData("v=spf1 ip4:192.0.2.12/31 -all", SpfResult.Fail)]
        [InlineData("v=spf1 ip4:0.0.0.0/0 -all", SpfResult.Pass)]
        [InlineData("v=spf1 ip6:::/0 -all", SpfResult.Fail)]
        [InlineData("v=spf1 ip4:192.0.2.10", SpfResult.Pass)]
        [InlineData("v=spf1 ip4:192.0.2.99", SpfResult.Neutral)]
        public async Task Qualifiers_and_ip4(string record, SpfResult expected)
        {
            var r = await Run(record);
            Assert.Equal(expected, r.Result);
        }

        [Fact]
        public async Task Matched_term_and_reason()
        {
            var r = await Run("v=spf1 ip4:192.0.2.0/24 -all");
            Assert.Equal(SpfResult.Pass, r.Result);
            Assert.Equal("ip4:192.0.2.0/24", r.MatchedTerm);
            Assert.Equal("matched ip4:192.0.2.0/24 in the record of example.com", r.Reason);
            Assert.Equal("example.com", r.Domain);
            Assert.Equal(0, r.DnsLookupCount);
            Assert.Contains(r.Trace, l => l.Contains("record of example.com: \"v=spf1 ip4:192.0.2.0/24 -all\""));
            Assert.Contains(r.Trace, l => l.StartsWith("DNS TXT example.com"));
        }

        [Fact]
        public async Task No_match_is_neutral_with_null_matched_term()
        {
            var r = await Run("v=spf1 ip4:198.51.100.1");
            Assert.Equal(SpfResult.Neutral, r.Result);
            Assert.Null(r.MatchedTerm);
            Assert.Contains("default result neutral", r.Reason);
        }

        [Theory]
        [InlineData("2001:db8::10", "v=spf1 ip6:2001:db8::/32 -all", SpfResult.Pass)]
        [InlineData("2001:db8::10", "v=spf1 ip6:2001:db8::10 -all", SpfResult.Pass)]
        [InlineData("2001:db8::10", "v=spf1 ip6:2001:db8::11 -all", SpfResult.Fail)]
        [InlineData("2001:db8::10", "v=spf1 ip6:2001:db8::11/127 -all", SpfResult.Pass)]
        [InlineData("2001:db8::10", "v=spf1 ip4:0.0.0.0/0 -all", SpfResult.Fail)]
        [InlineData("192.0.2.10", "v=spf1 ip6:::/0 -all", SpfResult.Fail)]
        [InlineData("::ffff:192.0.2.10", "v=spf1 ip4:192.0.2.10 -all", SpfResult.Pass)]
        [InlineData("::ffff:192.0.2.10", "v=spf1 ip6:::ffff:0:0/96 -all", SpfResult.Fail)]
        [InlineData("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "v=spf1 ip6:2001:db8::/65 -all", SpfResult.Fail)]
        [InlineData("2001:db8::7fff:ffff:ffff:ffff", "v=spf1 ip6:2001:db8::/65 -all", SpfResult.Pass)]
        [InlineData("2001:db8::8000:0:0:0", "v=spf1 ip6:2001:db8::/65 -all", SpfResult.Fail)]
        public async Task Ip6_and_family_separation(string ip, string record, SpfResult expected)
        {
            Assert.Equal(expected, (await Run(record, ip)).Result);
        }

        // ---- a / mx ----

        [Fact]
        public async Task A_mechanism_uses_the_client_family_and_dual_cidr()
        {
            var zone = Zone("v=spf1 a -all").A("example.com", "192.0.2.10", "2001:db8::10");
            Assert.Equal(SpfResult.Pass, (await zone.Check("192.0.2.10", Sender)).Result);
            Assert.Equal(SpfResult.Pass, (await zone.Check("2001:db8::10", Sender)).Result);
            Assert.Equal(SpfResult.Fail, (await zone.Check("192.0.2.11", Sender)).Result);
            Assert.Equal(SpfResult.Pass, (await zone.Check("::ffff:192.0.2.10", Sender)).Result);

            var cidr = Zone("v=spf1 a:mail.example.com/24//64 -all").A("mail.example.com", "192.0.2.1", "2001:db8::1");
            Assert.Equal(SpfResult.Pass, (await cidr.Check("192.0.2.200", Sender)).Result);
            Assert.Equal(SpfResult.Fail, (await cidr.Check("192.0.3.1", Sender)).Result);
            Assert.Equal(SpfResult.Pass, (await cidr.Check("2001:db8::ffff:1", Sender)).Result);
            Assert.Equal(SpfResult.Fail, (await cidr.Check("2001:db8:0:1::1", Sender)).Result);
            var r = await cidr.Check("192.0.2.200", Sender);
            Assert.Equal(1, r.DnsLookupCount);
            Assert.Equal("a:mail.example.com/24//64", r.MatchedTerm);
        }

        [Fact]
        public async Task A_follows_cnames()
        {
            var zone = Zone("v=spf1 a:alias.example.com -all").Cname("alias.example.com", "host.example.net").A("host.example.net", "192.0.2.10");
            Assert.Equal(SpfResult.Pass, (await zone.Check("192.0.2.10", Sender)).Result);
        }

        [Fact]
        public async Task Mx_mechanism()
        {
            var zone = Zone("v=spf1 mx -all").Mx("example.com", 10, "mx1.example.com").Mx("example.com", 20, "mx2.example.com")
                .A("mx1.example.com", "192.0.2.1").A("mx2.example.com", "192.0.2.2", "2001:db8::2");
            Assert.Equal(SpfResult.Pass, (await zone.Check("192.0.2.2", Sender)).Result);
            Assert.Equal(SpfResult.Pass, (await zone.Check("2001:db8::2", Sender)).Result);
            Assert.Equal(SpfResult.Fail, (await zone.Check("192.0.2.3", Sender)).Result);
            var r = await zone.Check("192.0.2.2", Sender);
            Assert.Equal(1, r.DnsLookupCount);
            // IPv6 client: mx1 has no AAAA: one void lookup (pyspf counts each address lookup)
            var v6 = await zone.Check("2001:db8::99", Sender);
            Assert.Equal(SpfResult.Fail, v6.Result);
            Assert.Equal(1, v6.VoidLookupCount);
        }

        [Fact]
        public async Task Mx_cidr()
        {
            var zone = Zone("v=spf1 mx:mail.example.net/30 -all").Mx("mail.example.net", 10, "mx.example.net").A("mx.example.net", "192.0.2.1");
            Assert.Equal(SpfResult.Pass, (await zone.Check("192.0.2.3", Sender)).Result);
            Assert.Equal(SpfResult.Fail, (await zone.Check("192.0.2.4", Sender)).Result);
        }

        [Fact]
        public async Task Mx_with_exactly_10_names_is_fine_and_11_is_permerror()
        {
            var ten = Zone("v=spf1 mx -all");
            for (var i = 1; i <= 10; i++) ten.Mx("example.com", i, $"mx{i}.example.com").A($"mx{i}.example.com", $"192.0.2.{i}");
            Assert.Equal(SpfResult.Pass, (await ten.Check("192.0.2.10", Sender)).Result);

            var eleven = Zone("v=spf1 mx -all");
            for (var i = 1; i <= 11; i++) eleven.Mx("example.com", i, $"mx{i}.example.com").A($"mx{i}.example.com", $"192.0.2.{i}");
            var r = await eleven.Check("192.0.2.1", Sender);
            Assert.Equal(SpfResult.PermError, r.Result);
            Assert.Contains("11 MX names", r.Reason);
        }

        [Fact]
        public async Task Null_mx_is_not_looked_up()
        {
            var zone = Zone("v=spf1 mx -all").Mx("example.com", 0, ".");
            var r = await zone.Check("192.0.2.1", Sender);
            Assert.Equal(SpfResult.Fail, r.Result);
            Assert.Equal(0, r.VoidLookupCount);
        }

        // ---- exists ----

        [Fact]
        public async Task Exists_queries_A_even_for_ipv6_clients()
        {
            var zone = Zone("v=spf1 exists:%{ir}.%{v}.allow.example.com -all")
                .A("10.2.0.192.in-addr.allow.example.com", "127.0.0.2")
                .A("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.allow.example.com", "127.0.0.2");
            Assert.Equal(SpfResult.Pass, (await zone.Check("192.0.2.10", Sender)).Result);
            Assert.Equal(SpfResult.Pass, (await zone.Check("2001:db8::1", Sender)).Result);
            var miss = await zone.Check("192.0.2.11", Sender);
            Assert.Equal(SpfResult.Fail, miss.Result);
            Assert.Equal(1, miss.VoidLookupCount);

            var only6 = Zone("v=spf1 exists:x.example.com -all").A("x.example.com", "2001:db8::1");
            Assert.Equal(SpfResult.Fail, (await only6.Check("2001:db8::1", Sender)).Result);
        }

        [Fact]
        public async Task Exists_with_sender_macros()
        {
            var zone = Zone("v=spf1 exists:%{l}.%{o}.users.example.net -all").A("user.example.com.users.example.net", "127.0.0.1");
            Assert.Equal(SpfResult.Pass, (await zone.Check("203.0.113.5", "user@example.com")).Result);
            Assert.Equal(SpfResult.Fail, (await zone.Check("203.0.113.5", "other@example.com")).Result);
        }

        // ---- ptr ----

        [Fact]
        public async Task Ptr_requires_validated_names()
        {
            var zone = Zone("v=spf1 ptr -all")
                .Ptr("10.2.0.192.in-addr.arpa", "mail.example.com").A("mail.example.com", "192.0.2.10")
                .Ptr("11.2.0.192.in-addr.arpa", "forged.example.com") // no forward record
                .Ptr("12.2.0.192.in-addr.arpa", "other.example.net").A("other.example.net", "192.0.2.12");
            Assert.Equal(SpfResult.Pass, (await zone.Check("192.0.2.10", Sender)).Result);
            Assert.Equal(SpfResult.Fail, (await zone.Check("192.0.2.11", Sender)).Result);
            Assert.Equal(SpfResult.Fail, (await zone.Check("192.0.2.12", Sender)).Result);
            Assert.Equal(SpfResult.Fail, (await zone.Check("192.0.2.13", Sender)).Result); // no PTR at all
        }

        [Fact]
        public async Task Ptr_with_target_and_ipv6()
        {
            var zone = Zone("v=spf1 ptr:example.net -all")
                .Ptr("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa", "host.EXAMPLE.net")
                .A("host.example.net", "2001:db8::1");
            Assert.Equal(SpfResult.Pass, (await zone.Check("2001:db8::1", Sender)).Result);
            var noSuffixMatch = Zone("v=spf1 ptr:ample.net -all")
                .Ptr("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa", "host.example.net")
                .A("host.example.net", "2001:db8::1");
            Assert.Equal(SpfResult.Fail, (await noSuffixMatch.Check("2001:db8::1", Sender)).Result);
        }

        [Fact]
        public async Task Ptr_considers_only_the_first_10_names()
        {
            var zone = Zone("v=spf1 ptr:good.example -all");
            for (var i = 1; i <= 10; i++) zone.Ptr("10.2.0.192.in-addr.arpa", $"h{i}.bad.example").A($"h{i}.bad.example", "192.0.2.10");
            zone.Ptr("10.2.0.192.in-addr.arpa", "h.good.example").A("h.good.example", "192.0.2.10");
            Assert.Equal(SpfResult.Fail, (await zone.Check("192.0.2.10", Sender)).Result);
        }

        [Fact]
        public async Task Ptr_dns_errors_do_not_temperror()
        {
            // RFC 7208 §5.5: a PTR lookup error → no match; an address lookup error skips that name.
            var ptrError = Zone("v=spf1 ptr -all").Failure("10.2.0.192.in-addr.arpa", DnsRecordType.PTR);
            Assert.Equal(SpfResult.Fail, (await ptrError.Check("192.0.2.10", Sender)).Result);
            var aError = Zone("v=spf1 ptr -all").Ptr("10.2.0.192.in-addr.arpa", "bad.example.com").Ptr("10.2.0.192.in-addr.arpa", "mail.example.com")
                .A("mail.example.com", "192.0.2.10").Failure("bad.example.com", DnsRecordType.A);
            Assert.Equal(SpfResult.Pass, (await aError.Check("192.0.2.10", Sender)).Result);
        }

        // ---- include result table (§5.2) ----

        [Theory]
        [InlineData("v=spf1 ip4:192.0.2.10", SpfResult.Pass)]          // pass → match
        [InlineData("v=spf1 -ip4:192.0.2.10", SpfResult.SoftFail)]      // fail → no match
        [InlineData("v=spf1 ~all", SpfResult.SoftFail)]                 // softfail → no match
        [InlineData("v=spf1 ?all", SpfResult.SoftFail)]                 // neutral → no match
        [InlineData("v=spf1", SpfResult.SoftFail)]                      // neutral (default) → no match
        [InlineData("v=spf1 moo", SpfResult.PermError)]                 // permerror → permerror
        public async Task Include_result_table(string included, SpfResult expected)
        {
            var zone = Zone("v=spf1 include:_spf.example.net ~all").Txt("_spf.example.net", included);
            var r = await zone.Check("192.0.2.10", Sender);
            Assert.Equal(expected, r.Result);
            if (expected == SpfResult.Pass)
            {
                Assert.Equal("include:_spf.example.net", r.MatchedTerm);
                Assert.Equal("matched include:_spf.example.net in the record of example.com (ip4:192.0.2.10 in the record of _spf.example.net)", r.Reason);
            }
        }

        [Fact]
        public async Task Include_qualifier_applies_on_match()
        {
            var zone = Zone("v=spf1 -include:_spf.example.net +all").Txt("_spf.example.net", "v=spf1 +ip4:192.0.2.10");
            Assert.Equal(SpfResult.Fail, (await zone.Check("192.0.2.10", Sender)).Result);
            Assert.Equal(SpfResult.Pass, (await zone.Check("192.0.2.11", Sender)).Result);
        }

        [Fact]
        public async Task Include_of_domain_without_record_is_permerror()
        {
            var nx = Zone("v=spf1 include:amazoneses.com -all");
            var r = await nx.Check("192.0.2.10", Sender);
            Assert.Equal(SpfResult.PermError, r.Result);
            Assert.Contains("amazoneses.com has no SPF record", r.Reason);
            var noSpf = Zone("v=spf1 include:_spf.example.net -all").Txt("_spf.example.net", "google-site-verification=abc");
            Assert.Equal(SpfResult.PermError, (await noSpf.Check("192.0.2.10", Sender)).Result);
        }

        [Fact]
        public async Task Include_temperror_propagates()
        {
            var zone = Zone("v=spf1 include:_spf.example.net -all").Failure("_spf.example.net", DnsRecordType.TXT);
            var r = await zone.Check("192.0.2.10", Sender);
            Assert.Equal(SpfResult.TempError, r.Result);
            Assert.Contains("192.0.2.53:53", r.Reason);
        }

        [Fact]
        public async Task Include_exp_is_not_used_and_mechanisms_after_non_matching_include_run()
        {
            var zone = Zone("v=spf1 include:_spf.example.net ip4:192.0.2.10 -all")
                .Txt("_spf.example.net", "v=spf1 -all exp=why.example.net").Txt("why.example.net", "inner");
            Assert.Equal(SpfResult.Pass, (await zone.Check("192.0.2.10", Sender)).Result);
            var f = await zone.Check("192.0.2.11", Sender);
            Assert.Equal(SpfResult.Fail, f.Result);
            Assert.Null(f.Explanation);
        }

        [Fact]
        public async Task Include_macro_d_is_the_included_domain()
        {
            var zone = Zone("v=spf1 include:_spf.example.net -all").Txt("_spf.example.net", "v=spf1 a:%{d} -all").A("_spf.example.net", "192.0.2.10");
            Assert.Equal(SpfResult.Pass, (await zone.Check("192.0.2.10", Sender)).Result);
        }

        [Fact]
        public async Task Include_loop_is_permerror_with_clear_reason()
        {
            var zone = Zone("v=spf1 include:a.example.net -all").Txt("a.example.net", "v=spf1 include:b.example.net").Txt("b.example.net", "v=spf1 include:example.com");
            var r = await zone.Check("192.0.2.10", Sender);
            Assert.Equal(SpfResult.PermError, r.Result);
            Assert.Contains("include loop: example.com → a.example.net → b.example.net → example.com", r.Reason);
            var self = await Zone("v=spf1 include:example.com").Check("192.0.2.10", Sender);
            Assert.Equal(SpfResult.PermError, self.Result);
        }

        [Fact]
        public async Task Same_domain_included_twice_is_not_a_loop()
        {
            var zone = Zone("v=spf1 include:a.example.net include:b.example.net -all")
                .Txt("a.example.net", "v=spf1 include:common.example.net").Txt("b.example.net", "v=spf1 include:common.example.net ip4:192.0.2.10")
                .Txt("common.example.net", "v=spf1 ip4:198.51.100.1");
            var r = await zone.Check("192.0.2.10", Sender);
            Assert.Equal(SpfResult.Pass, r.Result);
            Assert.Equal(4, r.DnsLookupCount);
        }

        [Fact]
        public async Task Deep_include_chain_stops_at_the_lookup_limit()
        {
            var zone = Zone("v=spf1 include:d1.example.net -all");
            for (var i = 1; i <= 30; i++) zone.Txt($"d{i}.example.net", $"v=spf1 include:d{i + 1}.example.net");
            var r = await zone.Check("192.0.2.10", Sender);
            Assert.Equal(SpfResult.PermError, r.Result);
            Assert.Equal(11, r.DnsLookupCount);
            Assert.Contains("11th: include:d11.example.net", r.Reason);
        }

        // ---- redirect ----

        [Fact]
        public async Task Redirect_is_followed_when_nothing_matches()
        {
            var zone = Zone("v=spf1 ip4:198.51.100.1 redirect=_spf.example.net").Txt("_spf.example.net", "v=spf1 ip4:192.0.2.10 -all");
            var pass = await zone.Check("192.0.2.10", Sender);
            Assert.Equal(SpfResult.Pass, pass.Result);
            Assert.Equal("ip4:192.0.2.10", pass.MatchedTerm);
            Assert.Equal(1, pass.DnsLookupCount);
            Assert.Equal(SpfResult.Fail, (await zone.Check("192.0.2.11", Sender)).Result);
            var early = await zone.Check("198.51.100.1", Sender);
            Assert.Equal(SpfResult.Pass, early.Result);
            Assert.Equal(0, early.DnsLookupCount); // redirect not evaluated, not counted (pyspf counts it)
        }

        [Fact]
        public async Task Redirect_is_ignored_when_all_is_present()
        {
            var zone = Zone("v=spf1 redirect=_spf.example.net ~all").Txt("_spf.example.net", "v=spf1 +all");
            var r = await zone.Check("192.0.2.10", Sender);
            Assert.Equal(SpfResult.SoftFail, r.Result);
            Assert.Equal(0, r.DnsLookupCount);
        }

        [Fact]
        public async Task Redirect_target_without_record_is_permerror()
        {
            var r = await Zone("v=spf1 redirect=nothing.example.net").Check("192.0.2.10", Sender);
            Assert.Equal(SpfResult.PermError, r.Result);
            Assert.Contains("nothing.example.net has no SPF record", r.Reason);
            var malformed = await Zone("v=spf1 redirect=%{l}.x..example.net").Check("192.0.2.10", Sender);
            Assert.Equal(SpfResult.PermError, malformed.Result);
        }

        [Fact]
        public async Task Redirect_result_none_inside_include_is_permerror_and_redirect_loop_detected()
        {
            var loop = Zone("v=spf1 redirect=a.example.net").Txt("a.example.net", "v=spf1 redirect=example.com");
            var r = await loop.Check("192.0.2.10", Sender);
            Assert.Equal(SpfResult.PermError, r.Result);
            Assert.Contains("redirect loop", r.Reason);
        }

        [Fact]
        public async Task Redirect_uses_target_domain_for_d_and_its_exp()
        {
            var zone = Zone("v=spf1 redirect=_spf.example.net exp=outer.example.com")
                .Txt("_spf.example.net", "v=spf1 a:%{d} -all exp=inner.%{d}").A("_spf.example.net", "192.0.2.10")
                .Txt("outer.example.com", "outer").Txt("inner._spf.example.net", "inner %{d}");
            Assert.Equal(SpfResult.Pass, (await zone.Check("192.0.2.10", Sender)).Result);
            var f = await zone.Check("192.0.2.11", Sender);
            Assert.Equal(SpfResult.Fail, f.Result);
            Assert.Equal("inner _spf.example.net", f.Explanation);
            var noExp = Zone("v=spf1 redirect=_spf.example.net exp=outer.example.com").Txt("_spf.example.net", "v=spf1 -all").Txt("outer.example.com", "outer");
            Assert.Null((await noExp.Check("192.0.2.11", Sender)).Explanation);
        }

        // ---- exp ----

        [Fact]
        public async Task Exp_on_fail_is_expanded()
        {
            var zone = Zone("v=spf1 mx -all exp=explain._spf.%{d}")
                .Txt("explain._spf.example.com", "%{i} is not one of %{d}'s ", "designated mail servers. See %{c} via %{r}");
            var r = await zone.Check("192.0.2.10", Sender, options: new SpfEvaluationOptions { ReceivingDomain = "mx.receiver.example" });
            Assert.Equal(SpfResult.Fail, r.Result);
            Assert.Equal("192.0.2.10 is not one of example.com's designated mail servers. See 192.0.2.10 via mx.receiver.example", r.Explanation);
        }

        [Fact]
        public async Task Exp_only_on_fail()
        {
            var zone = Zone("v=spf1 ~all exp=explain.example.com").Txt("explain.example.com", "nope");
            Assert.Null((await zone.Check("192.0.2.10", Sender)).Explanation);
        }

        [Theory]
        [InlineData(null)]                 // no TXT
        [InlineData("two")]                // several TXT
        [InlineData("bad %{x} macro")]     // syntax error
        [InlineData("servfail")]           // DNS error
        public async Task Exp_problems_drop_the_explanation_but_fail_stands(string? variant)
        {
            var zone = Zone("v=spf1 -all exp=explain.example.com");
            if (variant == "two") zone.Txt("explain.example.com", "one").Txt("explain.example.com", "two");
            else if (variant == "servfail") zone.Failure("explain.example.com", DnsRecordType.TXT);
            else if (variant != null) zone.Txt("explain.example.com", variant);
            var r = await zone.Check("192.0.2.10", Sender);
            Assert.Equal(SpfResult.Fail, r.Result);
            Assert.Null(r.Explanation);
        }

        // ---- record selection ----

        [Fact]
        public async Task Record_selection()
        {
            Assert.Equal(SpfResult.None, (await new SpfTestZone().A("example.com", "192.0.2.1").Check("192.0.2.10", Sender)).Result);
            Assert.Equal(SpfResult.None, (await new SpfTestZone().Check("192.0.2.10", Sender)).Result); // NXDOMAIN
            Assert.Equal(SpfResult.None, (await new SpfTestZone().Txt("example.com", "v=spf10 -all").Check("192.0.2.10", Sender)).Result);
            Assert.Equal(SpfResult.None, (await new SpfTestZone().Spf99("example.com", "v=spf1 -all").Check("192.0.2.10", Sender)).Result);
            Assert.Equal(SpfResult.Fail, (await new SpfTestZone().Txt("example.com", "V=SPF1 -all").Check("192.0.2.10", Sender)).Result);
            Assert.Equal(SpfResult.Fail, (await new SpfTestZone().Txt("example.com", "v=spf1 ", "-all").Check("192.0.2.10", Sender)).Result);
            Assert.Equal(SpfResult.Fail, (await new SpfTestZone().Txt("example.com", "v=spf1 -all").Txt("example.com", "other").Check("192.0.2.10", Sender)).Result);
            var two = await new SpfTestZone().Txt("example.com", "v=spf1 -all").Txt("example.com", "v=spf1 +all").Check("192.0.2.10", Sender);
            Assert.Equal(SpfResult.PermError, two.Result);
            Assert.Contains("2 SPF records", two.Reason);
        }

        [Theory]
        [InlineData(DnsAnswerStatus.ServerFailure)]
        [InlineData(DnsAnswerStatus.Timeout)]
        [InlineData(DnsAnswerStatus.Refused)]
        [InlineData(DnsAnswerStatus.Error)]
        public async Task Dns_errors_are_temperror_naming_the_server(DnsAnswerStatus status)
        {
            var top = await Zone("v=spf1 -all").Failure("example.com", DnsRecordType.TXT, status).Check("192.0.2.10", Sender);
            Assert.Equal(SpfResult.TempError, top.Result);
            Assert.Contains("192.0.2.53:53", top.Reason);
            Assert.Contains(status.ToString(), top.Reason);
            foreach (var (rec, name, type) in new[] { ("v=spf1 a:h.example.net -all", "h.example.net", DnsRecordType.A),
                                                      ("v=spf1 mx:m.example.net -all", "m.example.net", DnsRecordType.MX),
                                                      ("v=spf1 exists:e.example.net -all", "e.example.net", DnsRecordType.A) })
            {
                var r = await Zone(rec).Failure(name, type, status).Check("192.0.2.10", Sender);
                Assert.Equal(SpfResult.TempError, r.Result);
                Assert.Contains("192.0.2.53:53", r.Reason);
            }
            var mxHost = await Zone("v=spf1 mx -all").Mx("example.com", 10, "mx.example.com").Failure("mx.example.com", DnsRecordType.A, status).Check("192.0.2.10", Sender);
            Assert.Equal(SpfResult.TempError, mxHost.Result);
        }

        [Fact]
        public async Task Syntax_error_anywhere_is_permerror_even_after_a_match()
        {
            var r = await Run("v=spf1 ip4:192.0.2.10 inlcude:x.com -all");
            Assert.Equal(SpfResult.PermError, r.Result);
            Assert.Equal("permerror: unknown mechanism 'inlcude:x.com' at position 22 in the record of example.com (RFC 7208 §4.6)", r.Reason);
            Assert.Null(r.MatchedTerm);
        }

        // ---- §4.6.4 limits ----

        private static SpfTestZone LookupZone(int count, string tail = "-all")
        {
            var terms = string.Join(" ", Enumerable.Range(1, count).Select(i => $"a:h{i}.example.com"));
            var zone = Zone($"v=spf1 {terms} {tail}");
            for (var i = 1; i <= count; i++) zone.A($"h{i}.example.com", "198.51.100.1");
            return zone;
        }

        [Fact]
        public async Task Ten_dns_lookups_are_allowed()
        {
            var r = await LookupZone(10).Check("192.0.2.10", Sender);
            Assert.Equal(SpfResult.Fail, r.Result);
            Assert.Equal(10, r.DnsLookupCount);
        }

        [Fact]
        public async Task Eleven_dns_lookups_are_permerror()
        {
            var r = await LookupZone(11).Check("192.0.2.10", Sender);
            Assert.Equal(SpfResult.PermError, r.Result);
            Assert.Equal(11, r.DnsLookupCount);
            Assert.Equal("permerror: more than 10 DNS-querying terms (11th: a:h11.example.com in the record of example.com) (RFC 7208 §4.6.4)", r.Reason);
        }

        [Fact]
        public async Task Redirect_counts_as_a_lookup()
        {
            var ten = LookupZone(9, "redirect=_spf.example.net").Txt("_spf.example.net", "v=spf1 -all");
            Assert.Equal(SpfResult.Fail, (await ten.Check("192.0.2.10", Sender)).Result);
            var eleven = LookupZone(10, "redirect=_spf.example.net").Txt("_spf.example.net", "v=spf1 -all");
            var r = await eleven.Check("192.0.2.10", Sender);
            Assert.Equal(SpfResult.PermError, r.Result);
            Assert.Contains("11th: redirect=_spf.example.net", r.Reason);
        }

        [Fact]
        public async Task Lookups_count_across_includes()
        {
            var zone = Zone("v=spf1 a:h1.example.com include:_spf.example.net -all").A("h1.example.com", "198.51.100.1")
                .Txt("_spf.example.net", "v=spf1 " + string.Join(" ", Enumerable.Range(2, 9).Select(i => $"a:h{i}.example.com")));
            for (var i = 2; i <= 10; i++) zone.A($"h{i}.example.com", "198.51.100.1");
            var r = await zone.Check("192.0.2.10", Sender);
            Assert.Equal(SpfResult.PermError, r.Result); // 1 + include + 9 = 11
            Assert.Contains("11th: a:h10.example.com in the record of _spf.example.net", r.Reason);
        }

        [Fact]
        public async Task Ip_and_all_do_not_count()
        {
            var r = await LookupZone(10, "ip4:192.0.2.10 ip6:2001:db8::1 -all").Check("192.0.2.10", Sender);
            Assert.Equal(SpfResult.Pass, r.Result);
            Assert.Equal(10, r.DnsLookupCount);
        }

        [Fact]
        public async Task Custom_lookup_limit()
        {
            var r = await LookupZone(3).Check("192.0.2.10", Sender, options: new SpfEvaluationOptions { MaxDnsLookups = 2 });
            Assert.Equal(SpfResult.PermError, r.Result);
        }

        [Fact]
        public async Task Two_void_lookups_are_allowed_three_are_permerror()
        {
            var two = await Zone("v=spf1 a:v1.example.com a:v2.example.com ip4:192.0.2.10 -all").Check("192.0.2.10", Sender);
            Assert.Equal(SpfResult.Pass, two.Result);
            Assert.Equal(2, two.VoidLookupCount);
            var three = await Zone("v=spf1 a:v1.example.com mx:v2.example.com exists:v3.example.com ip4:192.0.2.10 -all").Check("192.0.2.10", Sender);
            Assert.Equal(SpfResult.PermError, three.Result);
            Assert.Equal(3, three.VoidLookupCount);
            Assert.Contains("more than 2 void DNS lookups (3rd: A v3.example.com", three.Reason);
        }

        [Fact]
        public async Task Nodata_is_void_too()
        {
            var zone = Zone("v=spf1 a:h.example.com a:h.example.com a:h.example.com ip4:192.0.2.10 -all").A("h.example.com", "2001:db8::1");
            var r = await zone.Check("192.0.2.10", Sender);
            Assert.Equal(SpfResult.PermError, r.Result);
            Assert.Contains("NoData", r.Reason);
        }

        [Fact]
        public async Task Void_lookups_count_in_includes_and_include_targets()
        {
            var zone = Zone("v=spf1 a:v1.example.com include:_spf.example.net include:nx.example.net -all")
                .Txt("_spf.example.net", "v=spf1 a:v2.example.com");
            var r = await zone.Check("192.0.2.10", Sender);
            Assert.Equal(SpfResult.PermError, r.Result);
            Assert.Equal(3, r.VoidLookupCount);
        }

        // ---- sender / domain handling ----

        [Fact]
        public async Task Empty_sender_uses_postmaster_at_helo()
        {
            var zone = new SpfTestZone().Txt("mail.example.org", "v=spf1 exists:%{l}.%{o}.x.example.net -all").A("postmaster.mail.example.org.x.example.net", "127.0.0.1");
            var r = await zone.Check("192.0.2.10", "", helo: "mail.example.org");
            Assert.Equal(SpfResult.Pass, r.Result);
            Assert.Equal("postmaster@mail.example.org", r.Sender);
            Assert.Equal("mail.example.org", r.Domain);
            var nullSender = await new SpfEvaluator(zone.Resolver).CheckHostAsync(IPAddress.Parse("192.0.2.10"), null, null, "mail.example.org");
            Assert.Equal(SpfResult.Pass, nullSender.Result);
        }

        [Theory]
        [InlineData("example.com")]
        [InlineData("@example.com")]
        [InlineData("<@example.com>")]
        public async Task Sender_without_local_part_is_postmaster(string sender)
        {
            var zone = Zone("v=spf1 exists:%{l}.x.example.net -all").A("postmaster.x.example.net", "127.0.0.1");
            var r = await zone.Check("192.0.2.10", sender);
            Assert.Equal(SpfResult.Pass, r.Result);
            Assert.Equal("postmaster@example.com", r.Sender);
        }

        [Theory]
        [InlineData("com")]
        [InlineData("example..com")]
        [InlineData("")]
        [InlineData("-")]
        public async Task Malformed_domain_is_none(string domain)
        {
            var r = await new SpfTestZone().Txt("com", "v=spf1 -all").Check("192.0.2.10", "user@" + domain);
            Assert.Equal(SpfResult.None, r.Result);
        }

        [Fact]
        public async Task Explicit_domain_overrides_sender_domain()
        {
            var zone = new SpfTestZone().Txt("helo.example.org", "v=spf1 ip4:192.0.2.10 -all");
            var r = await zone.Check("192.0.2.10", "user@example.com", helo: "helo.example.org", domain: "helo.example.org.");
            Assert.Equal(SpfResult.Pass, r.Result);
            Assert.Equal("helo.example.org", r.Domain);
        }

        [Fact]
        public async Task P_macro_is_validated_and_unknown_otherwise()
        {
            var zone = Zone("v=spf1 exists:%{p}.allow.example.net -all")
                .Ptr("10.2.0.192.in-addr.arpa", "mail.example.com").A("mail.example.com", "192.0.2.10")
                .A("mail.example.com.allow.example.net", "127.0.0.1").A("unknown.allow.example.net", "127.0.0.1");
            var r = await zone.Check("192.0.2.10", Sender);
            Assert.Equal(SpfResult.Pass, r.Result);
            Assert.Contains(r.Trace, l => l.Contains("expands to mail.example.com.allow.example.net"));
            var unknown = await zone.Check("192.0.2.11", Sender);
            Assert.Equal(SpfResult.Pass, unknown.Result);
            Assert.Contains(unknown.Trace, l => l.Contains("expands to unknown.allow.example.net"));
        }

        // ---- hostile inputs, timeouts, cancellation ----

        [Theory]
        [InlineData("v=spf1 a:%{d999999999}.example.com -all")]
        [InlineData("v=spf1 exists:%{s}%{s}%{s}%{s}%{s}%{s}%{s}%{s}%{s}%{s}%{s}%{s}.example.com -all")]
        [InlineData("v=spf1 exists:%{l}.%{l}.%{l}.%{l}.%{l}.%{l}.example.com -all")]
        [InlineData("v=spf1 a:%{ir}.%{ir}.%{ir}.%{ir}.%{ir}.%{ir}.%{ir}.%{ir}.%{ir}.%{ir}.%{ir}.%{ir}.%{ir}.example.com -all")]
        [InlineData("v=spf1 include:%{l}.example.com -all")]
        [InlineData("v=spf1 redirect=%{s}")]
        [InlineData("v=spf1 a:%_.example.com -all")]
        [InlineData("v=spf1 %")]
        [InlineData("v=spf1 a:%{")]
        [InlineData("v=spf1 ip6:")]
        [InlineData("v=spf1 ip4:/")]
        [InlineData("v=spf1 a://")]
        [InlineData("v=spf1 \u0000\u0001")]
        [InlineData("v=spf1 exp=")]
        [InlineData("v=spf1 -all exp=%{l}.%{l}.%{l}.example.com")]
        public async Task Hostile_records_return_a_result(string record)
        {
            var longSender = new string('a', 60) + "." + new string('b', 60) + "." + new string('c', 60) + "@example.com";
            var r = await Zone(record).Check("2001:db8::1", longSender);
            Assert.True(Enum.IsDefined(typeof(SpfResult), r.Result));
        }

        [Fact]
        public async Task Huge_record_returns_a_result()
        {
            var record = "v=spf1 " + string.Join(" ", Enumerable.Range(0, 20000).Select(i => "a:" + new string('x', 40) + i + ".example.com"));
            var r = await Run(record);
            Assert.Equal(SpfResult.PermError, r.Result);
            Assert.True(r.Trace.Count <= SpfEvaluation.MaxTraceLines + 1);
        }

        [Fact]
        public async Task Overall_timeout_is_temperror()
        {
            var slow = new DelayingResolver(Zone("v=spf1 a:a.example.com a:b.example.com -all").Resolver, TimeSpan.FromMilliseconds(150));
            var evaluator = new SpfEvaluator(slow, new SpfEvaluationOptions { OverallTimeout = TimeSpan.FromMilliseconds(250) });
            var r = await evaluator.CheckHostAsync(IPAddress.Parse("192.0.2.10"), null, Sender, "h.example.org");
            Assert.Equal(SpfResult.TempError, r.Result);
            Assert.Contains("overall time limit", r.Reason);
        }

        [Fact]
        public async Task Overall_timeout_with_a_resolver_ignoring_cancellation()
        {
            var delay = TimeSpan.FromMinutes(2);
            var slow = new DelayingResolver(Zone("v=spf1 -all").Resolver, delay, honourCancellation: false);
            var evaluator = new SpfEvaluator(slow, new SpfEvaluationOptions { OverallTimeout = TimeSpan.FromMilliseconds(100) });
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var r = await evaluator.CheckHostAsync(IPAddress.Parse("192.0.2.10"), null, Sender, "h.example.org");
            Assert.Equal(SpfResult.TempError, r.Result);
            // Not a speed claim: the evaluation ended without waiting for the 2-minute answer.
            Assert.True(sw.Elapsed < delay / 2, $"took {sw.Elapsed}");
        }

        [Fact]
        public async Task Cancellation_throws()
        {
            var slow = new DelayingResolver(Zone("v=spf1 -all").Resolver, TimeSpan.FromMinutes(2));
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                new SpfEvaluator(slow).CheckHostAsync(IPAddress.Parse("192.0.2.10"), null, Sender, "h", cts.Token));
        }

        [Fact]
        public async Task Trace_can_be_disabled()
        {
            var r = await Zone("v=spf1 -all").Check("192.0.2.10", Sender, options: new SpfEvaluationOptions { IncludeTrace = false });
            Assert.Empty(r.Trace);
            Assert.Equal(SpfResult.Fail, r.Result);
        }
    }
}
