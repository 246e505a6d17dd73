using EmailAuth.Core.Domains;
using Xunit;

namespace EmailAuth.Core.Tests.Domains
{
    public sealed class DomainNameInputTests
    {
        [Theory]
        [InlineData("example.com", "example.com")]
        [InlineData(" Example.COM. ", "Example.COM")]                       // trimmed, trailing dot dropped, case kept
        [InlineData("_spf.example.com", "_spf.example.com")]                 // service labels (RFC 8552)
        [InlineData("bücher.example", "xn--bcher-kva.example")]              // RFC 5890 A-label
        [InlineData("BÜCHER.example", "xn--bcher-kva.example")]              // UTS #46 maps case
        [InlineData("faß.de", "xn--fa-hia.de")]                              // IDNA 2008 (non-transitional), not fass.de
        [InlineData("xn--bcher-kva.example", "xn--bcher-kva.example")]
        public void Converts_to_the_name_asked_of_DNS(string input, string expected)
        {
            Assert.Equal(expected, DomainNameInput.Normalize(input, out var error));
            Assert.Null(error);
        }

        [Theory]
        [InlineData("", "empty")]
        [InlineData("localhost", "single label")]
        [InlineData("bad..name", "empty label")]
        [InlineData("-bad.example.com", "hyphen")]
        [InlineData("sp ace.example.com", "' '")]
        [InlineData("ex!ample.com", "'!'")]
        [InlineData("a\u200Cb.example", "internationalized")]                 // ZWNJ without context: invalid IDN
        public void Refuses_what_is_not_a_domain_and_says_why(string input, string why)
        {
            Assert.Null(DomainNameInput.Normalize(input, out var error));
            Assert.Contains(why, error);
        }

        [Fact]
        public void Applies_the_RFC_1035_lengths_to_the_A_label_form()
        {
            Assert.Null(DomainNameInput.Normalize(new string('a', 64) + ".example", out var label));
            Assert.Contains("63", label);
            var name = string.Join(".", System.Linq.Enumerable.Repeat(new string('a', 63), 4)); // 255 characters
            Assert.Null(DomainNameInput.Normalize(name, out var length));
            Assert.Contains("253", length);
            // 60 characters as typed, longer than 63 once converted to its A-label: refused (by IDNA or by the length rule).
            Assert.Null(DomainNameInput.Normalize(new string('ü', 60) + ".example", out var converted));
            Assert.NotNull(converted);
        }

        [Theory]
        [InlineData("alice@bücher.example", "alice@xn--bcher-kva.example")]
        [InlineData("ålice@example.com", "ålice@example.com")]               // the local part stays (RFC 6531)
        public void Converts_the_domain_of_a_mailbox(string input, string expected)
        {
            Assert.Equal(expected, DomainNameInput.NormalizeMailbox(input, out _));
        }

        [Fact]
        public void A_mailbox_needs_an_at_sign_and_a_valid_domain()
        {
            Assert.Null(DomainNameInput.NormalizeMailbox("alice", out var noAt));
            Assert.Contains("local-part@domain", noAt);
            Assert.Null(DomainNameInput.NormalizeMailbox("alice@localhost", out var single));
            Assert.Contains("single label", single);
        }
    }
}
