using System;
using System.Linq;
using System.Threading.Tasks;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Spf;
using Xunit;

namespace EmailAuth.Core.Tests.Spf
{
    public class SpfRecordInspectorTests
    {
        private static SpfRecordInfo Text(string record, string? domain = "example.com") => new SpfRecordInspector(null).InspectText(record, domain);

        private static Task<SpfRecordInfo> Dns(SpfTestZone zone, string domain = "example.com") => new SpfRecordInspector(zone.Resolver).InspectAsync(domain);

        private static Finding One(SpfRecordInfo info, string code) => Assert.Single(info.Findings, f => f.Code == code);

        private static void None(SpfRecordInfo info, string code) => Assert.DoesNotContain(info.Findings, f => f.Code == code);

        [Fact]
        public void Clean_record_is_valid_with_terms()
        {
            var info = Text("v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 include:_spf.example.net mx -all");
            Assert.True(info.IsValid);
            Assert.Empty(info.Findings);
            Assert.Equal(new[] { "ip4", "ip6", "include", "mx", "all" }, info.Terms.Select(t => t.Mechanism));
            Assert.Equal(new[] { 0, 0, 1, 1, 0 }, info.Terms.Select(t => t.Lookups));
            Assert.Equal(new[] { "+", "+", "+", "+", "-" }, info.Terms.Select(t => t.Qualifier));
            Assert.Equal("_spf.example.net", info.Terms[2].Value);
            Assert.Equal(7, info.Terms[0].Position);
            Assert.Equal(2, info.DnsLookupCount);
            Assert.Equal(new[] { "192.0.2.0/24" }, info.Ip4);
            Assert.Equal(new[] { "2001:db8::/32" }, info.Ip6);
        }

        [Fact]
        public void Syntax_error_finding_has_position_and_text()
        {
            var info = Text("v=spf1 inlcude:x.com -all");
            Assert.False(info.IsValid);
            var f = One(info, SpfFindingCodes.SyntaxError);
            Assert.Equal(FindingSeverity.Error, f.Severity);
            Assert.Contains("permerror: unknown mechanism 'inlcude:x.com' at position 7", f.Message);
            Assert.Equal("RFC 7208 §4.6", f.Reference);
            Assert.Equal("example.com: inlcude:x.com", f.Subject);
            Assert.NotNull(f.Remediation);
        }

        [Fact]
        public void Macro_letters_outside_exp()
        {
            var f = One(Text("v=spf1 exists:%{c}.example.net -all"), SpfFindingCodes.MacroInExpOnly);
            Assert.Equal(FindingSeverity.Error, f.Severity);
            Assert.Equal("RFC 7208 §7.3", f.Reference);
        }

        [Theory]
        [InlineData("v=spf1 +all", SpfFindingCodes.PassAll, FindingSeverity.Critical)]
        [InlineData("v=spf1 all", SpfFindingCodes.PassAll, FindingSeverity.Critical)]
        [InlineData("v=spf1 ?all", SpfFindingCodes.NeutralAll, FindingSeverity.Warning)]
        [InlineData("v=spf1 mx", SpfFindingCodes.NoAll, FindingSeverity.Warning)]
        [InlineData("v=spf1 redirect=x.example.net -all", SpfFindingCodes.RedirectIgnored, FindingSeverity.Warning)]
        [InlineData("v=spf1 ptr -all", SpfFindingCodes.PtrMechanism, FindingSeverity.Warning)]
        [InlineData("v=spf1 mx mx -all", SpfFindingCodes.DuplicateTerm, FindingSeverity.Warning)]
        [InlineData("v=spf1 ip4:192.0.2.1 +ip4:192.0.2.1 -all", SpfFindingCodes.DuplicateTerm, FindingSeverity.Warning)]
        [InlineData("v=spf1 -all mx", SpfFindingCodes.ShadowedTerm, FindingSeverity.Warning)]
        [InlineData("v=spf1 ip4:192.0.2.0/24 ip4:192.0.2.128/25 -all", SpfFindingCodes.ShadowedTerm, FindingSeverity.Warning)]
        [InlineData("v=spf1 ip6:2001:db8::/32 ip6:2001:db8:1::/48 -all", SpfFindingCodes.ShadowedTerm, FindingSeverity.Warning)]
        [InlineData("v=spf1 redirct=x.example.net", SpfFindingCodes.UnknownModifier, FindingSeverity.Info)]
        [InlineData("v=spf1 redirect=x.example.net mx", SpfFindingCodes.ModifierNotLast, FindingSeverity.Info)]
        public void Record_level_findings(string record, string code, FindingSeverity severity)
        {
            var f = One(Text(record), code);
            Assert.Equal(severity, f.Severity);
            Assert.StartsWith("RFC 7208 §", f.Reference);
            Assert.False(string.IsNullOrEmpty(f.Remediation));
        }

        [Fact]
        public void Not_shadowed_when_qualifier_differs_or_not_contained()
        {
            None(Text("v=spf1 -ip4:192.0.2.0/24 +ip4:192.0.2.128/25 -all"), SpfFindingCodes.ShadowedTerm);
            None(Text("v=spf1 ip4:192.0.2.128/25 ip4:192.0.2.0/24 -all"), SpfFindingCodes.ShadowedTerm);
            None(Text("v=spf1 mx -all"), SpfFindingCodes.ShadowedTerm);
            None(Text("v=spf1 redirect=x.example.net"), SpfFindingCodes.NoAll);
        }

        [Fact]
        public void Pass_all_makes_record_invalid_warning_keeps_it_valid()
        {
            Assert.False(Text("v=spf1 +all").IsValid);
            Assert.True(Text("v=spf1 ?all").IsValid);
        }

        [Fact]
        public void Too_many_lookups_in_text()
        {
            var rec = "v=spf1 " + string.Join(" ", Enumerable.Range(1, 11).Select(i => $"include:i{i}.example.net")) + " -all";
            var f = One(Text(rec), SpfFindingCodes.TooManyLookups);
            Assert.Equal(FindingSeverity.Error, f.Severity);
            Assert.Contains("11 DNS-querying terms", f.Message);
            None(Text("v=spf1 " + string.Join(" ", Enumerable.Range(1, 10).Select(i => $"a:i{i}.example.net")) + " -all"), SpfFindingCodes.TooManyLookups);
        }

        [Fact]
        public void Long_text_suggests_splitting_and_size()
        {
            var rec = "v=spf1 " + string.Join(" ", Enumerable.Range(1, 30).Select(i => $"ip4:192.0.2.{i}")) + " -all";
            Assert.True(rec.Length > 255);
            var f = One(Text(rec), SpfFindingCodes.StringTooLong);
            Assert.Equal(FindingSeverity.Info, f.Severity);
            Assert.Contains("2 strings", f.Message);
            None(Text(rec), SpfFindingCodes.RecordTooLarge);
            var huge = "v=spf1 " + string.Join(" ", Enumerable.Range(1, 40).Select(i => $"ip6:2001:db8:{i:x}::/48")) + " -all";
            Assert.Equal(FindingSeverity.Warning, One(Text(huge), SpfFindingCodes.RecordTooLarge).Severity);
        }

        [Fact]
        public void Response_size_estimate()
        {
            // 12 header + (13 + 4) question + (2 + 10 + 1 + 11) answer = 53
            Assert.Equal(53, SpfLinter.EstimateTxtResponseSize("example.com", new[] { new[] { "v=spf1 -all" } }));
            Assert.Equal(13, SpfLinter.NameWireLength("example.com."));
        }

        [Fact]
        public void Not_an_spf_record_text()
        {
            var info = Text("spf1 -all");
            Assert.False(info.IsValid);
            One(info, SpfFindingCodes.SyntaxError);
        }

        // ---- DNS-backed ----

        [Fact]
        public async Task Tree_with_includes_and_redirect()
        {
            var zone = new SpfTestZone().Txt("example.com", "v=spf1 mx include:_spf.example.net redirect=_policy.example.com")
                .Mx("example.com", 10, "mx.example.com").A("mx.example.com", "192.0.2.1")
                .Txt("_spf.example.net", "v=spf1 ip4:198.51.100.0/24 include:_inner.example.net ?all").Txt("_inner.example.net", "v=spf1 ip6:2001:db8::/32")
                .Txt("_policy.example.com", "v=spf1 ip4:203.0.113.5 -all");
            var info = await Dns(zone);
            Assert.True(info.IsValid, string.Join("\n", info.Findings));
            Assert.Equal("v=spf1 mx include:_spf.example.net redirect=_policy.example.com", info.Record);
            Assert.Equal(4, info.DnsLookupCount); // mx, include, include (inner), redirect
            Assert.Equal(2, info.Includes.Count);
            Assert.Equal("include:_spf.example.net", info.Includes[0].ReferencedBy);
            Assert.Equal("redirect=_policy.example.com", info.Includes[1].ReferencedBy);
            Assert.Equal("_inner.example.net", info.Includes[0].Includes[0].Domain);
            Assert.Equal(new[] { "198.51.100.0/24", "203.0.113.5/32" }, info.Ip4);
            Assert.Equal(new[] { "2001:db8::/32" }, info.Ip6);
            Assert.Equal(0, info.VoidLookupCount);
            // ?all inside an include is normal; the policy record ends with -all
            None(info, SpfFindingCodes.NeutralAll);
        }

        [Fact]
        public async Task No_record_and_multiple_records()
        {
            var none = await Dns(new SpfTestZone().Txt("example.com", "hello"));
            Assert.False(none.IsValid);
            Assert.Null(none.Record);
            Assert.Equal(FindingSeverity.Error, One(none, SpfFindingCodes.NoRecord).Severity);
            var two = await Dns(new SpfTestZone().Txt("example.com", "v=spf1 -all").Txt("example.com", "v=spf1 mx -all"));
            Assert.False(two.IsValid);
            One(two, SpfFindingCodes.MultipleRecords);
        }

        [Fact]
        public async Task Include_without_record_is_an_error_and_void()
        {
            var info = await Dns(new SpfTestZone().Txt("example.com", "v=spf1 include:amazoneses.com -all"));
            var f = One(info, SpfFindingCodes.IncludeNoRecord);
            Assert.Equal(FindingSeverity.Error, f.Severity);
            Assert.Contains("amazoneses.com", f.Message);
            Assert.Equal("RFC 7208 §5.2", f.Reference);
            Assert.False(info.IsValid);
            Assert.Equal(1, info.VoidLookupCount);
            Assert.Equal("include:amazoneses.com", info.Includes[0].ReferencedBy);
        }

        [Fact]
        public async Task Dns_errors_become_findings_naming_the_server()
        {
            var info = await Dns(new SpfTestZone().Txt("example.com", "v=spf1 include:_spf.example.net -all").Failure("_spf.example.net", DnsRecordType.TXT));
            var f = One(info, SpfFindingCodes.DnsError);
            Assert.Contains("192.0.2.53:53", f.Message);
            Assert.Contains("ServerFailure", f.Message);
            var top = await Dns(new SpfTestZone().Failure("example.com", DnsRecordType.TXT, DnsAnswerStatus.Timeout));
            Assert.False(top.IsValid);
            One(top, SpfFindingCodes.DnsError);
        }

        [Fact]
        public async Task Loop_is_detected()
        {
            var info = await Dns(new SpfTestZone().Txt("example.com", "v=spf1 include:a.example.net -all").Txt("a.example.net", "v=spf1 include:example.com"));
            var f = One(info, SpfFindingCodes.IncludeLoop);
            Assert.Contains("example.com → a.example.net → example.com", f.Message);
            Assert.False(info.IsValid);
        }

        [Fact]
        public async Task Too_many_lookups_across_tree_lists_terms_per_record()
        {
            var zone = new SpfTestZone().Txt("example.com", "v=spf1 mx a include:a.example.net include:b.example.net -all")
                .Mx("example.com", 10, "mx.example.com").A("example.com", "192.0.2.1")
                .Txt("a.example.net", "v=spf1 " + string.Join(" ", Enumerable.Range(1, 4).Select(i => $"a:h{i}.example.net")))
                .Txt("b.example.net", "v=spf1 " + string.Join(" ", Enumerable.Range(5, 4).Select(i => $"a:h{i}.example.net")));
            for (var i = 1; i <= 8; i++) zone.A($"h{i}.example.net", "198.51.100.1");
            var info = await Dns(zone);
            Assert.Equal(12, info.DnsLookupCount);
            var f = One(info, SpfFindingCodes.TooManyLookups);
            Assert.Contains("12 DNS-querying terms", f.Message);
            Assert.Contains("example.com 4 [mx, a, include:a.example.net, include:b.example.net]", f.Message);
            Assert.Contains("a.example.net 4 [a:h1.example.net", f.Message);
            Assert.False(info.IsValid);
        }

        [Fact]
        public async Task Near_limit_is_info()
        {
            var zone = new SpfTestZone().Txt("example.com", "v=spf1 " + string.Join(" ", Enumerable.Range(1, 9).Select(i => $"a:h{i}.example.net")) + " -all");
            for (var i = 1; i <= 9; i++) zone.A($"h{i}.example.net", "198.51.100.1");
            var info = await Dns(zone);
            Assert.True(info.IsValid);
            Assert.Equal(FindingSeverity.Info, One(info, SpfFindingCodes.LookupsNearLimit).Severity);
        }

        [Fact]
        public async Task Void_lookups_across_tree()
        {
            var zone = new SpfTestZone().Txt("example.com", "v=spf1 a:gone1.example.com include:_spf.example.net exists:%{i}.bl.example.net -all")
                .Txt("_spf.example.net", "v=spf1 mx:gone2.example.net a:gone3.example.net");
            var info = await Dns(zone);
            Assert.Equal(3, info.VoidLookupCount);
            Assert.Equal(3, info.Findings.Count(f => f.Code == SpfFindingCodes.VoidLookup));
            var f = One(info, SpfFindingCodes.TooManyVoidLookups);
            Assert.Equal(FindingSeverity.Error, f.Severity);
            Assert.Equal(2, info.Includes[0].VoidLookupCount);
        }

        [Fact]
        public async Task Mx_too_many()
        {
            var zone = new SpfTestZone().Txt("example.com", "v=spf1 mx -all");
            for (var i = 1; i <= 11; i++) zone.Mx("example.com", i, $"mx{i}.example.com");
            Assert.Equal(FindingSeverity.Error, One(await Dns(zone), SpfFindingCodes.MxTooMany).Severity);
        }

        [Fact]
        public async Task Obsolete_type_99()
        {
            var info = await Dns(new SpfTestZone().Txt("example.com", "v=spf1 -all").Spf99("example.com", "v=spf1 -all"));
            Assert.Equal(FindingSeverity.Warning, One(info, SpfFindingCodes.ObsoleteRrType).Severity);
            Assert.True(info.IsValid);
        }

        [Fact]
        public async Task Published_string_over_255_and_large_answer()
        {
            var longString = "v=spf1 " + string.Join(" ", Enumerable.Range(1, 30).Select(i => $"ip4:192.0.2.{i}")) + " -all";
            var info = await Dns(new SpfTestZone().Txt("example.com", longString));
            Assert.Equal(FindingSeverity.Error, One(info, SpfFindingCodes.StringTooLong).Severity);

            var zone = new SpfTestZone().Txt("example.com", "v=spf1 -all");
            for (var i = 0; i < 4; i++) zone.Txt("example.com", "verification-token-" + i + "=" + new string('x', 120));
            Assert.Equal(FindingSeverity.Warning, One(await Dns(zone), SpfFindingCodes.RecordTooLarge).Severity);
        }

        [Fact]
        public async Task Redirect_target_policy_checks()
        {
            var info = await Dns(new SpfTestZone().Txt("example.com", "v=spf1 redirect=_spf.example.com").Txt("_spf.example.com", "v=spf1 ?all"));
            var f = One(info, SpfFindingCodes.NeutralAll);
            Assert.Equal("_spf.example.com: ?all", f.Subject);
            var missing = await Dns(new SpfTestZone().Txt("example.com", "v=spf1 redirect=_spf.example.com"));
            Assert.Equal("RFC 7208 §6.1", One(missing, SpfFindingCodes.IncludeNoRecord).Reference);
        }

        [Fact]
        public async Task Pass_all_in_include_is_critical()
        {
            var info = await Dns(new SpfTestZone().Txt("example.com", "v=spf1 include:_spf.example.net -all").Txt("_spf.example.net", "v=spf1 +all"));
            Assert.Equal(FindingSeverity.Critical, One(info, SpfFindingCodes.PassAll).Severity);
            Assert.False(info.IsValid);
            Assert.False(info.Includes[0].IsValid);
        }

        [Fact]
        public async Task Hostile_tree_stays_bounded()
        {
            var zone = new SpfTestZone().Txt("example.com", "v=spf1 " + string.Join(" ", Enumerable.Range(1, 40).Select(i => $"include:i{i}.example.net")) + " -all");
            for (var i = 1; i <= 40; i++) zone.Txt($"i{i}.example.net", "v=spf1 " + string.Join(" ", Enumerable.Range(1, 40).Select(j => $"include:j{j}.example.net")));
            var info = await Dns(zone);
            Assert.False(info.IsValid);
            One(info, SpfFindingCodes.TooManyLookups);
        }
    }
}
