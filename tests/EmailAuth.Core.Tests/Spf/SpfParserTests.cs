using System.Linq;
using EmailAuth.Core.Spf;
using Xunit;

namespace EmailAuth.Core.Tests.Spf
{
    public class SpfParserTests
    {
        private static SpfRecord Ok(string text)
        {
            var r = SpfParser.Parse(text);
            Assert.True(r.IsValid, r.Error?.ToString());
            return r;
        }

        private static SpfSyntaxError Bad(string text)
        {
            var r = SpfParser.Parse(text);
            Assert.False(r.IsValid, "expected a syntax error in: " + text);
            return r.Error!;
        }

        [Theory]
        [InlineData("v=spf1", true)]
        [InlineData("v=spf1 -all", true)]
        [InlineData("V=SPF1 -all", true)]
        [InlineData("v=Spf1", true)]
        [InlineData("v=spf10", false)]
        [InlineData("v=spf1-all", false)]
        [InlineData(" v=spf1 -all", false)]
        [InlineData("v=spf2.0/pra -all", false)]
        [InlineData("v=spf1\t-all", false)]
        [InlineData("", false)]
        public void Version_selection(string text, bool isSpf) => Assert.Equal(isSpf, SpfParser.IsSpfRecord(text));

        [Fact]
        public void Empty_record_has_no_terms() => Assert.Empty(Ok("v=spf1").Terms);

        [Fact]
        public void Multiple_and_trailing_spaces_separate_terms()
        {
            var r = Ok("v=spf1   mx    -all   ");
            Assert.Equal(new[] { "mx", "-all" }, r.Terms.Select(t => t.Text));
            Assert.Equal(9, r.Terms[0].Position);
            Assert.Equal(15, r.Terms[1].Position);
        }

        [Theory]
        [InlineData("all", "All", "Pass")]
        [InlineData("+all", "All", "Pass")]
        [InlineData("-all", "All", "Fail")]
        [InlineData("~all", "All", "SoftFail")]
        [InlineData("?all", "All", "Neutral")]
        [InlineData("-ALL", "All", "Fail")]
        [InlineData("include:_spf.example.com", "Include", "Pass")]
        [InlineData("~Include:_spf.example.com", "Include", "SoftFail")]
        [InlineData("a", "A", "Pass")]
        [InlineData("-a:mail.example.com", "A", "Fail")]
        [InlineData("MX", "Mx", "Pass")]
        [InlineData("?mx:example.com", "Mx", "Neutral")]
        [InlineData("ptr", "Ptr", "Pass")]
        [InlineData("ptr:example.com", "Ptr", "Pass")]
        [InlineData("ip4:192.0.2.1", "Ip4", "Pass")]
        [InlineData("-IP4:192.0.2.0/24", "Ip4", "Fail")]
        [InlineData("ip6:2001:db8::/32", "Ip6", "Pass")]
        [InlineData("ip6:::1", "Ip6", "Pass")]
        [InlineData("ip6:::ffff:192.0.2.1/128", "Ip6", "Pass")]
        [InlineData("exists:%{i}.bl.example.com", "Exists", "Pass")]
        [InlineData("redirect=_spf.example.com", "Redirect", "Pass")]
        [InlineData("REDIRECT=_spf.example.com", "Redirect", "Pass")]
        [InlineData("exp=explain.%{d}", "Exp", "Pass")]
        [InlineData("foo=bar", "UnknownModifier", "Pass")]
        [InlineData("moo=", "UnknownModifier", "Pass")]
        [InlineData("match.sub-domains_9=yes", "UnknownModifier", "Pass")]
        [InlineData("include=foo", "UnknownModifier", "Pass")]
        [InlineData("a:foo=bar.example.com", "A", "Pass")]
        [InlineData("exists:%{i}.%{s1}.100/86400.rate.%{d}", "Exists", "Pass")]
        [InlineData("mx:%%%_/.Clara.de/27", "Mx", "Pass")]
        [InlineData("a:example.com.", "A", "Pass")]
        [InlineData("a:x.1-2", "A", "Pass")]
        public void Valid_terms(string term, string type, string qualifier)
        {
            var t = Assert.Single(Ok("v=spf1 " + term).Terms);
            Assert.Equal(type, t.Type.ToString());
            Assert.Equal(qualifier, t.Qualifier.ToString());
            Assert.Equal(term, t.Text);
            Assert.Equal(7, t.Position);
        }

        [Theory]
        [InlineData("a", 32, 128, null)]
        [InlineData("a/24", 24, 128, null)]
        [InlineData("a//64", 32, 64, null)]
        [InlineData("a/24//64", 24, 64, null)]
        [InlineData("a:example.com/0//0", 0, 0, "example.com")]
        [InlineData("mx/32//128", 32, 128, null)]
        [InlineData("mx:%{d}//97", 32, 97, "%{d}")]
        [InlineData("a:example.com/24", 24, 128, "example.com")]
        public void Dual_cidr(string term, int c4, int c6, string? domain)
        {
            var t = Assert.Single(Ok("v=spf1 " + term).Terms);
            Assert.Equal(c4, t.Cidr4);
            Assert.Equal(c6, t.Cidr6);
            Assert.Equal(domain, t.DomainSpec?.Text);
        }

        [Theory]
        [InlineData("ip4:192.0.2.1", "192.0.2.1/32")]
        [InlineData("ip4:192.0.2.0/24", "192.0.2.0/24")]
        [InlineData("ip4:0.0.0.0/0", "0.0.0.0/0")]
        [InlineData("ip4:255.255.255.255/32", "255.255.255.255/32")]
        [InlineData("ip6:2001:db8::/32", "2001:db8::/32")]
        [InlineData("ip6:2001:DB8:0:0:0:0:0:1", "2001:db8::1/128")]
        [InlineData("ip6::://0", null)]
        public void Ip_networks(string term, string? expected)
        {
            var r = SpfParser.Parse("v=spf1 " + term);
            if (expected == null) { Assert.False(r.IsValid); return; }
            Assert.True(r.IsValid, r.Error?.ToString());
            Assert.Equal(expected, r.Terms[0].Network!.ToString());
        }

        [Theory]
        [InlineData("v=spf1 inlcude:x.com", "unknown mechanism", "inlcude:x.com", 7)]
        [InlineData("v=spf1 mx -all moo", "unknown mechanism", "moo", 15)]
        [InlineData("v=spf1 =a", "unknown mechanism", "=a", 7)]
        [InlineData("v=spf1 mx,", "unknown mechanism", "mx,", 7)]
        [InlineData("v=spf1 ip:192.0.2.1", "unknown mechanism", "ip:192.0.2.1", 7)]
        [InlineData("v=spf1 192.0.2.1", "unknown mechanism", "192.0.2.1", 7)]
        [InlineData("v=spf1 -all:foo", "\"all\" takes no argument", "-all:foo", 7)]
        [InlineData("v=spf1 all/24", "\"all\" takes no argument", "all/24", 7)]
        [InlineData("v=spf1 include", "\"include\" needs \":\" and a domain-spec", "include", 7)]
        [InlineData("v=spf1 include:", "missing domain-spec", "include:", 7)]
        [InlineData("v=spf1 exists", "\"exists\" needs \":\" and a domain-spec", "exists", 7)]
        [InlineData("v=spf1 a:", "missing domain-spec", "a:", 7)]
        [InlineData("v=spf1 ptr/24", "\"ptr\" takes no CIDR length", "ptr/24", 7)]
        [InlineData("v=spf1 ip4:192.0.2.1/33", "invalid IPv4 CIDR length (0-32)", "ip4:192.0.2.1/33", 7)]
        [InlineData("v=spf1 ip4:192.0.2.1/024", "invalid CIDR length", "ip4:192.0.2.1/024", 7)]
        [InlineData("v=spf1 ip4:192.0.2.1/", "invalid CIDR length", "ip4:192.0.2.1/", 7)]
        [InlineData("v=spf1 ip4:192.0.02.1", "invalid IPv4 address", "ip4:192.0.02.1", 7)]
        [InlineData("v=spf1 ip4:192.0.2.256", "invalid IPv4 address", "ip4:192.0.2.256", 7)]
        [InlineData("v=spf1 ip4:192.0.2", "invalid IPv4 address", "ip4:192.0.2", 7)]
        [InlineData("v=spf1 ip4:192.0.0.n", "invalid IPv4 address", "ip4:192.0.0.n", 7)]
        [InlineData("v=spf1 ip4", "\"ip4\" needs \":\" and an address", "ip4", 7)]
        [InlineData("v=spf1 ip6:2001:db8::/129", "invalid IPv6 CIDR length (0-128)", "ip6:2001:db8::/129", 7)]
        [InlineData("v=spf1 ip6:2001:db8:ZZZZ::", "invalid IPv6 address", "ip6:2001:db8:ZZZZ::", 7)]
        [InlineData("v=spf1 ip6:2001:db8::1::2", "invalid IPv6 address", "ip6:2001:db8::1::2", 7)]
        [InlineData("v=spf1 ip6:1:2:3:4:5:6:7:8:9", "invalid IPv6 address", "ip6:1:2:3:4:5:6:7:8:9", 7)]
        [InlineData("v=spf1 ip6:192.0.2.1", "invalid IPv6 address", "ip6:192.0.2.1", 7)]
        [InlineData("v=spf1 ip4:192.0.2.1//64", "invalid CIDR length", "ip4:192.0.2.1//64", 7)]
        [InlineData("v=spf1 a/33", "invalid IPv4 CIDR length (0-32)", "a/33", 7)]
        [InlineData("v=spf1 a//129", "invalid IPv6 CIDR length (0-128)", "a//129", 7)]
        [InlineData("v=spf1 a/024", "invalid CIDR length", "a/024", 7)]
        [InlineData("v=spf1 mx/24/", "invalid CIDR length", "mx/24/", 7)]
        [InlineData("v=spf1 a:localhost", "invalid domain-spec (must end in a top-level label or a macro, RFC 7208 §7.1):", "a:localhost", 7)]
        [InlineData("v=spf1 a:example.com:8080", "invalid domain-spec (must end in a top-level label or a macro, RFC 7208 §7.1):", "a:example.com:8080", 7)]
        [InlineData("v=spf1 a:192.0.2.1", "invalid domain-spec (must end in a top-level label or a macro, RFC 7208 §7.1):", "a:192.0.2.1", 7)]
        [InlineData("v=spf1 include:example.com/24", "invalid domain-spec (must end in a top-level label or a macro, RFC 7208 §7.1):", "include:example.com/24", 7)]
        [InlineData("v=spf1 a:x.-com", "invalid domain-spec (must end in a top-level label or a macro, RFC 7208 §7.1):", "a:x.-com", 7)]
        [InlineData("v=spf1 redirect=", "missing domain-spec", "redirect=", 7)]
        [InlineData("v=spf1 redirect=a.example redirect=b.example", "redirect= appears more than once (RFC 7208 §6):", "redirect=b.example", 26)]
        [InlineData("v=spf1 exp=a.example EXP=b.example", "exp= appears more than once (RFC 7208 §6):", "EXP=b.example", 21)]
        [InlineData("v=spf1 a:%{x}.example.com", "invalid macro '%{x}' (unknown macro letter 'x') in", "a:%{x}.example.com", 7)]
        [InlineData("v=spf1 a:%{d0}.example.com", "invalid macro '%{d0}' (the DIGIT transformer must be nonzero, RFC 7208 §7.3) in", "a:%{d0}.example.com", 7)]
        [InlineData("v=spf1 a:%{c}.example.com", "invalid macro '%{c}' (macro letter 'c' is allowed only in exp= text, RFC 7208 §7.3) in", "a:%{c}.example.com", 7)]
        [InlineData("v=spf1 exists:%{r}.example.com", "invalid macro '%{r}' (macro letter 'r' is allowed only in exp= text, RFC 7208 §7.3) in", "exists:%{r}.example.com", 7)]
        [InlineData("v=spf1 exp=%{t}.example.com", "invalid macro '%{t}' (macro letter 't' is allowed only in exp= text, RFC 7208 §7.3) in", "exp=%{t}.example.com", 7)]
        [InlineData("v=spf1 foo=%{c}", "invalid macro '%{c}' (macro letter 'c' is allowed only in exp= text, RFC 7208 §7.3) in", "foo=%{c}", 7)]
        [InlineData("v=spf1 a:%{d!}.example.com", "invalid macro '%{d!}' (invalid delimiter '!') in", "a:%{d!}.example.com", 7)]
        [InlineData("v=spf1 a:%{dx}.example.com", "invalid macro '%{dx}' (invalid delimiter 'x') in", "a:%{dx}.example.com", 7)]
        [InlineData("v=spf1 a:%x.example.com", "invalid macro '%x' in", "a:%x.example.com", 7)]
        [InlineData("v=spf1 a:example.com%", "invalid macro '%' at the end of", "a:example.com%", 7)]
        [InlineData("v=spf1 a:%{d.example.com", "unterminated macro '%{d.example.com' in", "a:%{d.example.com", 7)]
        [InlineData("v=spf1 a:%{}.example.com", "invalid macro '%{}' (no macro letter) in", "a:%{}.example.com", 7)]
        [InlineData("v=spf1 foo=%", "invalid macro '%' at the end of", "foo=%", 7)]
        [InlineData("v=spf1 a:ex\u00e4mple.com", "invalid character U+00E4 in term", "a:ex\u00e4mple.com", 7)]
        [InlineData("v=spf1 mx\t-all", "invalid character U+0009 in term", "mx\t-all", 7)]
        public void Syntax_errors_have_message_text_and_position(string record, string message, string text, int position)
        {
            var e = Bad(record);
            Assert.Equal(message, e.Message);
            Assert.Equal(text, e.OffendingText);
            Assert.Equal(position, e.Position);
        }

        [Fact]
        public void Error_renders_as_permerror_with_position()
        {
            Assert.Equal("permerror: unknown mechanism 'inlcude:x.com' at position 7", Bad("v=spf1 inlcude:x.com").ToString());
        }

        [Fact]
        public void All_errors_are_collected_but_valid_terms_kept()
        {
            var r = SpfParser.Parse("v=spf1 mx foo bar:x ip4:1.2.3.4 -all");
            Assert.Equal(2, r.Errors.Count);
            Assert.Equal(new[] { "mx", "ip4:1.2.3.4", "-all" }, r.Terms.Select(t => t.Text));
        }

        [Fact]
        public void Domain_spec_ending_rules()
        {
            Assert.True(SpfParser.Parse("v=spf1 a:%{d}").IsValid);
            Assert.True(SpfParser.Parse("v=spf1 a:foo.%%").IsValid); // "%%" is a macro-expand
            Assert.True(SpfParser.Parse("v=spf1 a:.com").IsValid);
            Assert.False(SpfParser.Parse("v=spf1 a:%{d}.").IsValid);
            Assert.False(SpfParser.Parse("v=spf1 a:%{d}com").IsValid);
            Assert.False(SpfParser.Parse("v=spf1 a:example.com..").IsValid);
            Assert.False(SpfParser.Parse("v=spf1 a:example.123").IsValid);
        }

        [Fact]
        public void Macro_string_segments()
        {
            var t = Ok("v=spf1 exists:%{ir}.%{l1r-}.%{D2}.x.example").Terms[0];
            var segs = t.DomainSpec!.Segments;
            Assert.Equal('i', segs[0].Letter);
            Assert.True(segs[0].Reverse);
            Assert.Equal(".", segs[1].Literal);
            Assert.Equal('l', segs[2].Letter);
            Assert.Equal(1, segs[2].KeepRight);
            Assert.Equal("-", segs[2].Delimiters);
            Assert.True(segs[4].UrlEscape);
            Assert.Equal(2, segs[4].KeepRight);
            Assert.True(t.DomainSpec.DependsOnClient);
        }

        [Fact]
        public void Hostile_digits_saturate()
        {
            var t = Ok("v=spf1 a:%{d999999999999999999999}.example.com").Terms[0];
            Assert.True(t.DomainSpec!.Segments[0].KeepRight > 0);
        }

        [Fact]
        public void Very_long_record_parses()
        {
            var text = "v=spf1 " + string.Join(" ", Enumerable.Range(0, 5000).Select(i => $"ip4:10.{i / 256 % 256}.{i % 256}.0/24")) + " -all";
            var r = SpfParser.Parse(text);
            Assert.True(r.IsValid);
            Assert.Equal(5001, r.Terms.Count);
        }
    }
}
