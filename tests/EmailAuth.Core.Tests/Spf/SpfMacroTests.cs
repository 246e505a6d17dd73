using System.Linq;
using System.Net;
using EmailAuth.Core.Spf;
using Xunit;

namespace EmailAuth.Core.Tests.Spf
{
    public class SpfMacroTests
    {
        private static SpfMacroValues Values(string ip, string sender = "strong-bad@email.example.com", string helo = "mx.example.org")
        {
            var at = sender.LastIndexOf('@');
            return new SpfMacroValues(sender, sender.Substring(0, at), sender.Substring(at + 1), helo,
                                      IpBits.From(IPAddress.Parse(ip), true), "receiver.example.net", 1400000000);
        }

        private static string Domain(string spec, string ip = "192.0.2.3", string domain = "email.example.com", string? p = null)
        {
            var ms = SpfParser.ParseDomainSpec(spec, 0, spec.Length, out var error);
            Assert.True(ms != null, error);
            var v = Values(ip);
            v.P = p;
            return SpfMacroExpander.ExpandDomain(ms!, v, domain);
        }

        private static string Exp(string text, string ip = "192.0.2.3")
        {
            var ms = SpfParser.ParseMacroString(text, 0, text.Length, SpfMacroContextKind.Explanation, out var error, out _);
            Assert.True(ms != null, error);
            return SpfMacroExpander.Expand(ms!, Values(ip), "email.example.com");
        }

        // RFC 7208 §7.4, verbatim: sender strong-bad@email.example.com, IPv4 192.0.2.3.
        [Theory]
        [InlineData("%{s}", "strong-bad@email.example.com")]
        [InlineData("%{o}", "email.example.com")]
        [InlineData("%{d}", "email.example.com")]
        [InlineData("%{d4}", "email.example.com")]
        [InlineData("%{d3}", "email.example.com")]
        [InlineData("%{d2}", "example.com")]
        [InlineData("%{d1}", "com")]
        [InlineData("%{dr}", "com.example.email")]
        [InlineData("%{d2r}", "example.email")]
        [InlineData("%{l}", "strong-bad")]
        [InlineData("%{l-}", "strong.bad")]
        [InlineData("%{lr}", "strong-bad")]
        [InlineData("%{lr-}", "bad.strong")]
        [InlineData("%{l1r-}", "strong")]
        public void Rfc7208_7_4_examples(string macro, string expected) => Assert.Equal(expected, Exp(macro));

        [Theory]
        [InlineData("%{ir}.%{v}._spf.%{d2}", "3.2.0.192.in-addr._spf.example.com")]
        [InlineData("%{lr-}.lp._spf.%{d2}", "bad.strong.lp._spf.example.com")]
        [InlineData("%{lr-}.lp.%{ir}.%{v}._spf.%{d2}", "bad.strong.lp.3.2.0.192.in-addr._spf.example.com")]
        [InlineData("%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}", "3.2.0.192.in-addr.strong.lp._spf.example.com")]
        [InlineData("%{d2}.trusted-domains.example.net", "example.com.trusted-domains.example.net")]
        public void Rfc7208_7_4_domain_examples_ipv4(string spec, string expected) => Assert.Equal(expected, Domain(spec));

        [Fact]
        public void Rfc7208_7_4_ipv6_example()
        {
            Assert.Equal("1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com",
                         Domain("%{ir}.%{v}._spf.%{d2}", ip: "2001:db8::cb01"));
        }

        [Fact]
        public void Ipv6_i_is_dotted_nibbles_and_c_is_readable()
        {
            Assert.Equal("2.0.0.1.0.d.b.8.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.c.b.0.1", Exp("%{i}", "2001:db8::cb01"));
            Assert.Equal("2001:db8::cb01", Exp("%{c}", "2001:db8::cb01"));
            Assert.Equal("ip6", Exp("%{v}", "2001:db8::cb01"));
            Assert.Equal("192.0.2.3", Exp("%{c}"));
            Assert.Equal("in-addr", Exp("%{v}"));
        }

        [Fact]
        public void Ipv4_mapped_client_expands_as_ipv4()
        {
            Assert.Equal("192.0.2.3", Exp("%{i}", "::ffff:192.0.2.3"));
            Assert.Equal("in-addr", Exp("%{v}", "::ffff:192.0.2.3"));
        }

        [Theory]
        [InlineData("%%", "%")]
        [InlineData("%_", " ")]
        [InlineData("%-", "%20")]
        [InlineData("a%%b%_c%-d", "a%b c%20d")]
        [InlineData("%{h}", "mx.example.org")]
        [InlineData("%{r}", "receiver.example.net")]
        [InlineData("%{t}", "1400000000")]
        [InlineData("%{p}", "unknown")]
        [InlineData("%{S}", "strong-bad%40email.example.com")]
        [InlineData("%{L}", "strong-bad")]
        [InlineData("%{d2R}", "example.email")]
        [InlineData("%{l+-}", "strong.bad")]
        [InlineData("%{d.-}", "email.example.com")]
        [InlineData("%{d999999999}", "email.example.com")]
        [InlineData("%{h.}", "mx.example.org")]
        [InlineData("%{i} is not one of %{d}'s designated mail servers.", "192.0.2.3 is not one of email.example.com's designated mail servers.")]
        public void Other_letters_and_escapes(string text, string expected) => Assert.Equal(expected, Exp(text));

        [Fact]
        public void Uppercase_escapes_everything_but_unreserved()
        {
            var v = new SpfMacroValues("a b/c~d@x.example", "a b/c~d", "x.example", "h", IpBits.From(IPAddress.Parse("192.0.2.1"), true), "r", 0);
            var ms = SpfParser.ParseMacroString("%{L}", 0, 4, SpfMacroContextKind.Explanation, out _, out _)!;
            Assert.Equal("a%20b%2Fc~d", SpfMacroExpander.Expand(ms, v, "x.example"));
        }

        [Fact]
        public void Custom_delimiters_rejoin_with_dots()
        {
            var v = new SpfMacroValues("a+b=c/d_e,f@x.example", "a+b=c/d_e,f", "x.example", "h", IpBits.From(IPAddress.Parse("192.0.2.1"), true), "r", 0);
            var ms = SpfParser.ParseMacroString("%{l+=/_,}", 0, 9, SpfMacroContextKind.Explanation, out _, out _)!;
            Assert.Equal("a.b.c.d.e.f", SpfMacroExpander.Expand(ms, v, "x.example"));
            var ms2 = SpfParser.ParseMacroString("%{l2r+=/_,}", 0, 11, SpfMacroContextKind.Explanation, out _, out _)!;
            Assert.Equal("b.a", SpfMacroExpander.Expand(ms2, v, "x.example"));
        }

        [Fact]
        public void P_uses_the_computed_value() => Assert.Equal("example.org.trusted.example.net", Domain("%{p2}.trusted.example.net", p: "mx.example.org"));

        [Fact]
        public void Trailing_dot_is_removed_from_domains()
        {
            Assert.Equal("mail.example.com", Domain("mail.example.com."));
            Assert.Equal("example.com.trusted-domains.example.net", Domain("%{d2}.trusted-domains.example.net."));
        }

        [Fact]
        public void Long_names_are_truncated_from_the_left_at_label_boundaries()
        {
            var longLocal = string.Join(".", Enumerable.Repeat("abcdefghij", 30)); // 329 characters
            var v = new SpfMacroValues(longLocal + "@example.com", longLocal, "example.com", "h", IpBits.From(IPAddress.Parse("192.0.2.1"), true), "r", 0);
            var spec = "%{l}._spf.example.com";
            var ms = SpfParser.ParseDomainSpec(spec, 0, spec.Length, out _)!;
            var name = SpfMacroExpander.ExpandDomain(ms, v, "example.com");
            Assert.True(name.Length <= 253, name.Length.ToString());
            Assert.EndsWith("abcdefghij._spf.example.com", name);
            Assert.StartsWith("abcdefghij.", name);
            // removing one more label would still be <= 253; the result is the longest suffix that fits
            Assert.True(name.Length + 11 > 253);
        }

        [Fact]
        public void Exp_text_allows_spaces_and_crt()
        {
            Assert.NotNull(SpfParser.ParseMacroString("You %{c} via %{r} at %{t}", 0, 25, SpfMacroContextKind.Explanation, out _, out _));
            Assert.Null(SpfParser.ParseMacroString("a b", 0, 3, SpfMacroContextKind.DomainSpec, out var e, out _));
            Assert.NotNull(e);
        }
    }
}
