using System.Linq;
using System.Text;
using EmailAuth.Core.Dns;
using Xunit;

namespace EmailAuth.Core.Tests.Dns
{
    /// <summary>Names as text and octets: RFC 1035 §5.1 escapes, any octet in a label (RFC 2181 §11), RFC 1035 §2.3.4 lengths.</summary>
    public class DnsNameTextTests
    {
        [Theory]
        [InlineData("a b.example.com", @"a\032b.example.com")]
        [InlineData("50%.x", "50%.x")]
        [InlineData("%20", "%20")]
        [InlineData("q\"(;)@$\\", @"q\""\(\;\)\@\$\\")]
        [InlineData("tab\t.x", @"tab\009.x")]
        [InlineData("café.x", "café.x")] // non-ASCII stays for IDNA
        public void Raw_text_converts_to_presentation_and_back(string raw, string presentation)
        {
            Assert.Equal(presentation, DnsNameText.FromRaw(raw));
            Assert.Equal(raw, DnsNameText.ToRaw(presentation));
        }

        [Theory]
        [InlineData(@"a\032b.example.com", new[] { "a b", "example", "com" })]
        [InlineData("example.com.", new[] { "example", "com" })]
        [InlineData(@"x\.y", new[] { "x.y" })]
        [InlineData(@"\065\066c", new[] { "ABc" })]
        [InlineData("Bücher.example", new[] { "xn--bcher-kva", "example" })]
        public void Presentation_names_parse_to_wire_labels(string name, string[] labels)
        {
            Assert.Null(DnsNameText.TryParse(name, out var parsed));
            Assert.Equal(labels, parsed.Select(l => Encoding.ASCII.GetString(l)).ToArray());
        }

        [Theory]
        [InlineData("a..b", "empty label")]
        [InlineData(".a", "empty label")]
        [InlineData(@"a\", "bad escape")]
        [InlineData(@"a\256", "bad escape")]
        [InlineData(@"a\12", "bad escape")]
        public void Bad_names_say_why(string name, string why)
        {
            Assert.Contains(why, DnsNameText.TryParse(name, out _));
        }

        [Fact]
        public void Lengths_count_octets_not_characters()
        {
            var sixtyThreeSpaces = string.Concat(Enumerable.Repeat(@"\032", 63)); // 252 characters, 63 octets
            Assert.Null(DnsNameText.TryParse(sixtyThreeSpaces + ".x", out _));
            Assert.Contains("longer than 63 octets", DnsNameText.TryParse(sixtyThreeSpaces + @"\032.x", out _));
            Assert.Contains("longer than 63 octets", DnsNameText.TryParse(new string('a', 1_000_000), out _));
            var label = new string('a', 63);
            Assert.Null(DnsNameText.TryParse(string.Join(".", label, label, label, new string('a', 61)), out _));          // 255 on the wire
            Assert.Contains("longer than 255", DnsNameText.TryParse(string.Join(".", label, label, label, new string('a', 62)), out _));
        }

        [Fact]
        public void Wire_labels_print_as_BIND_prints_them()
        {
            var labels = new[] { new byte[] { (byte)'a', 32, (byte)'.', 0xFF, (byte)'%' }, Encoding.ASCII.GetBytes("test") };
            Assert.Equal(@"a\032\.\255%.test", DnsNameText.Format(labels));
            Assert.Equal(".", DnsNameText.Format(new byte[0][]));
        }
    }
}
