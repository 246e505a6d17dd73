using System;
using EmailAuth.Core.Dns;
using Xunit;

namespace EmailAuth.Core.Tests.Dns
{
    public class DnsServerAddressTests
    {
        [Theory]
        [InlineData("192.0.2.1", "192.0.2.1", 53, "192.0.2.1:53")]
        [InlineData(" 192.0.2.1:5353 ", "192.0.2.1", 5353, "192.0.2.1:5353")]
        [InlineData("127.0.0.1:1", "127.0.0.1", 1, "127.0.0.1:1")]
        [InlineData("127.0.0.1:65535", "127.0.0.1", 65535, "127.0.0.1:65535")]
        [InlineData("2001:db8::1", "2001:db8::1", 53, "[2001:db8::1]:53")]
        [InlineData("::1", "::1", 53, "[::1]:53")]
        [InlineData("[2001:db8::1]", "2001:db8::1", 53, "[2001:db8::1]:53")]
        [InlineData("[::1]:5353", "::1", 5353, "[::1]:5353")]
        public void Parses_addresses_and_ports(string text, string address, int port, string display)
        {
            var parsed = DnsServerAddress.Parse(text);
            Assert.Equal(address, parsed.Address.ToString());
            Assert.Equal(port, parsed.Port);
            Assert.Equal(display, parsed.ToString());
            Assert.True(DnsServerAddress.TryParse(text, out var again));
            Assert.Equal(parsed, again);
        }

        [Theory]
        [InlineData("300.1.1.1", "'300.1.1.1' is not an IP address[:port]")]
        [InlineData("1.2.3", "'1.2.3' is not an IP address[:port]")]
        [InlineData("010.0.0.1", "'010.0.0.1' is not an IP address[:port]")]
        [InlineData("", "An empty string is not an IP address[:port]")]
        [InlineData("dns.google", "'dns.google' is a host name; give the DNS server as an IP address[:port] (host names are not accepted)")]
        [InlineData("ns1.example.com:53", "'ns1.example.com:53' is a host name; give the DNS server as an IP address[:port] (host names are not accepted)")]
        [InlineData("1.2.3.4:0", "'1.2.3.4:0' is not an IP address[:port]: the port must be a number 1..65535")]
        [InlineData("1.2.3.4:65536", "'1.2.3.4:65536' is not an IP address[:port]: the port must be a number 1..65535")]
        [InlineData("1.2.3.4:", "'1.2.3.4:' is not an IP address[:port]: the port must be a number 1..65535")]
        [InlineData("1.2.3.4:x", "'1.2.3.4:x' is not an IP address[:port]: the port must be a number 1..65535")]
        [InlineData("[::1]:-1", "'[::1]:-1' is not an IP address[:port]: the port must be a number 1..65535")]
        [InlineData("[::1", "'[::1' is not an IP address[:port] (missing ']')")]
        [InlineData("[192.0.2.1]:53", "'[192.0.2.1]:53' is not an IP address[:port] (brackets are for IPv6 addresses)")]
        [InlineData("2001:db8::g", "'2001:db8::g' is not an IP address[:port]")]
        [InlineData("[::1]53", "'[::1]53' is not an IP address[:port]")]
        public void Rejects_other_text_with_a_clear_message(string text, string message)
        {
            var e = Assert.Throws<FormatException>(() => DnsServerAddress.Parse(text));
            Assert.Equal(message, e.Message);
            Assert.False(DnsServerAddress.TryParse(text, out var none));
            Assert.Null(none);
        }

        [Fact]
        public void Null_does_not_parse()
        {
            Assert.False(DnsServerAddress.TryParse(null, out _));
            Assert.Throws<FormatException>(() => DnsServerAddress.Parse(null!));
        }
    }
}
