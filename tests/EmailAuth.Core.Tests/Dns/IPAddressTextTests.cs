using EmailAuth.Core.Dns;
using Xunit;

namespace EmailAuth.Core.Tests.Dns
{
    public sealed class IPAddressTextTests
    {
        [Theory]
        [InlineData("192.0.2.1", "192.0.2.1")]
        [InlineData(" 0.0.0.0 ", "0.0.0.0")]
        [InlineData("255.255.255.255", "255.255.255.255")]
        [InlineData("2001:db8::1", "2001:db8::1")]
        [InlineData("2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1")]   // RFC 4291 §2.2 form 1
        [InlineData("::", "::")]                                                    // form 2
        [InlineData("::ffff:192.0.2.1", "::ffff:192.0.2.1")]                        // form 3
        public void Accepts_dotted_quads_and_RFC_4291_text(string text, string expected)
        {
            Assert.True(IPAddressText.TryParse(text, out var address));
            Assert.Equal(expected, address!.ToString());
        }

        [Theory]
        [InlineData("192.0.2")]          // inet_aton: 192.0.0.2
        [InlineData("1")]                // 0.0.0.1
        [InlineData("0x7f.1")]           // 127.0.0.1
        [InlineData("3221225985")]       // 192.0.2.1
        [InlineData("192.0.2.010")]      // octal to inet_aton
        [InlineData("192.0.2.256")]
        [InlineData("192.0.2.1.")]
        [InlineData("2001:db8::1%eth0")] // a zone index is not part of an address
        [InlineData("[2001:db8::1]")]
        [InlineData("::ffff:192.0.2")]
        [InlineData("")]
        [InlineData("example.com")]
        public void Refuses_what_inet_aton_or_IPAddress_Parse_would_guess(string text)
        {
            Assert.False(IPAddressText.TryParse(text, out _));
            Assert.Contains(text, IPAddressText.Describe(text));
        }
    }
}
