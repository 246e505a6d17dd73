using EmailAuth.Core.Dns;
using EmailAuth.Core.ZoneFiles;
using Xunit;

namespace EmailAuth.Core.Tests.ZoneFiles
{
    public class ZoneFileErrorTests
    {
        private static ZoneFileException Fails(string text) =>
            Assert.Throws<ZoneFileException>(() => ZoneFileParser.Parse(text, "example.com", "example.com.zone"));

        [Theory]
        [InlineData("$TTL 60\n\na A 300.1.1.1\n", 3, "invalid IPv4 address '300.1.1.1'")]
        [InlineData("$TTL 60\na A 1.2.3\n", 2, "invalid IPv4 address '1.2.3'")]
        [InlineData("$TTL 60\na A 01.2.3.4\n", 2, "invalid IPv4 address '01.2.3.4'")]
        [InlineData("$TTL 60\na A 1.2.3.4.5\n", 2, "invalid IPv4 address '1.2.3.4.5'")]
        [InlineData("$TTL 60\na AAAA 1::2::3\n", 2, "invalid IPv6 address '1::2::3'")]
        [InlineData("$TTL 60\na AAAA 2001:db8::1%eth0\n", 2, "invalid IPv6 address '2001:db8::1%eth0'")]
        [InlineData("$TTL 60\na AAAA 192.0.2.1\n", 2, "invalid IPv6 address '192.0.2.1'")]
        [InlineData("$TTL 60\na A\n", 2, "missing IPv4 address")]
        [InlineData("$TTL 60\na A 192.0.2.1 192.0.2.2\n", 2, "extra input after A rdata: '192.0.2.2'")]
        [InlineData("$TTL 60\na MX 65536 mail\n", 2, "invalid MX preference '65536' (a number 0-65535)")]
        [InlineData("$TTL 60\na MX 1h mail\n", 2, "invalid MX preference '1h' (a number 0-65535)")]
        [InlineData("$TTL 60\na MX 10\n", 2, "missing MX exchange")]
        [InlineData("$TTL 60\na MX 10 mail extra\n", 2, "extra input after MX rdata: 'extra'")]
        [InlineData("$TTL 60\na MX 10 \"mail\"\n", 2, "expected MX exchange, found a quoted string 'mail'")]
        [InlineData("$TTL 60\n@ SOA ns h 4294967296 1 2 3 4\n", 2, "invalid SOA serial '4294967296' (a number 0-4294967295)")]
        [InlineData("$TTL 60\n@ SOA ns h 1 2 3 4\n", 2, "missing SOA minimum")]
        [InlineData("$TTL 60\n@ SOA ns h 1 2 3 4 1x\n", 2, "invalid SOA minimum '1x'")]
        [InlineData("$TTL 60\na TXT\n", 2, "TXT record needs at least one character-string")]
        [InlineData("$TTL 60\na TXT \"\\256\"\n", 2, "bad escape in character-string '\\256'")]
        [InlineData("$TTL 60\na TXT \"\\12\"\n", 2, "bad escape in character-string '\\12'")]
        [InlineData("$TTL 60\na FOO 1\n", 2, "unknown RR type 'FOO'")]
        [InlineData("$TTL 60\na 1h30 A 192.0.2.1\n", 2, "unknown RR type '1h30'")]
        [InlineData("$TTL 60\na 4294967296 A 192.0.2.1\n", 2, "unknown RR type '4294967296'")]
        [InlineData("$TTL 60\na TYPE65536 \\# 0\n", 2, "unknown RR type 'TYPE65536'")]
        [InlineData("$TTL 60\na AXFR \\# 0\n", 2, "meta type 'AXFR' cannot appear in a zone (RFC 6895 §3.1)")]
        [InlineData("$TTL 60\na TYPE0 \\# 0\n", 2, "meta type 'TYPE0' cannot appear in a zone (RFC 6895 §3.1)")]
        [InlineData("$TTL 60\na CH A 192.0.2.1\n", 2, "class 'CH' is not IN")]
        [InlineData("$TTL 60\na IN\n", 2, "missing RR type")]
        [InlineData("$TTL 60\n A 192.0.2.1\n", 2, "no current owner name for a line starting with white space")]
        [InlineData("a A 192.0.2.1\n", 1, "no TTL specified and no $TTL before this record (RFC 2308 §4)")]
        [InlineData("$TTL 60\na..b A 192.0.2.1\n", 2, "empty label in domain name 'a..b'")]
        [InlineData("$TTL 60\na\\256 A 192.0.2.1\n", 2, "bad escape in domain name 'a\\256'")]
        [InlineData("$TTL 60\na\\1 A 192.0.2.1\n", 2, "bad escape in domain name 'a\\1'")]
        [InlineData("$TTL 60\na CNAME .b\n", 2, "empty label in domain name '.b'")]
        [InlineData("$TTL\n", 1, "$TTL needs an argument")]
        [InlineData("$TTL 1x\n", 1, "invalid $TTL '1x'")]
        [InlineData("$TTL 60 70\n", 1, "extra input after $TTL: '70'")]
        [InlineData("$ORIGIN\n", 1, "$ORIGIN needs an argument")]
        [InlineData("$ORIGIN a..b.\n", 1, "empty label in domain name 'a..b.'")]
        [InlineData("$FOO bar\n", 1, "unknown directive '$FOO'")]
        [InlineData("$GENERATE 1-2 a$ A 192.0.2.$\n", 1, "$GENERATE (a BIND extension) is not supported")]
        [InlineData("$TTL 60\na TXT ( \"x\"\n", 3, "unbalanced parentheses: '(' not closed at end of file")]
        [InlineData("$TTL 60\na TXT \"x\" )\n", 2, "unbalanced parentheses: ')' without '('")]
        [InlineData("$TTL 60\na TXT ((((((((( \"x\" )))))))))\n", 2, "parentheses nested deeper than 8")]
        [InlineData("$TTL 60\na TXT \"x\ny\"\n", 2, "unbalanced quotes: string not closed on its line")]
        [InlineData("$TTL 60\na TXT \"x\\\n", 2, "unbalanced quotes: string not closed on its line")]
        [InlineData("$TTL 60\na TXT x\\\n", 2, "bad escape: '\\' at end of line in 'x\\'")]
        [InlineData("$TTL 60\na A \\# 3 010203\n", 2, "invalid generic rdata for A: rdata too short")]
        [InlineData("$TTL 60\na A \\# 4 0102030405\n", 2, "generic rdata longer than its length 4")]
        [InlineData("$TTL 60\na A \\# 4 010\n", 2, "generic rdata has an odd number of hex digits")]
        [InlineData("$TTL 60\na A \\# 4 0102\n", 2, "generic rdata has 2 octets, its length says 4")]
        [InlineData("$TTL 60\na A \\# 4 01020g04\n", 2, "invalid hex in generic rdata '01020g04'")]
        [InlineData("$TTL 60\na A \\# x\n", 2, "invalid generic rdata length 'x'")]
        [InlineData("$TTL 60\na A \\#\n", 2, "generic rdata '\\#' needs a length")]
        [InlineData("$TTL 60\na TXT \\# 0\n", 2, "invalid generic rdata for TXT: rdata too short")]
        [InlineData("$TTL 60\na TXT \\# 3 036162\n", 2, "invalid generic rdata for TXT: rdata too short")]
        [InlineData("$TTL 60\na A \\# 5 0102030405\n", 2, "invalid generic rdata for A: trailing octets")]
        [InlineData("$TTL 60\na CNAME \\# 2 c000\n", 2, "invalid generic rdata for CNAME: compressed or invalid label in name")]
        [InlineData("$TTL 60\na HINFO \\# 2 01\n", 2, "generic rdata has 1 octets, its length says 2")]
        public void Syntax_errors_name_file_line_and_text(string text, int line, string message)
        {
            var e = Fails(text);
            Assert.Equal($"example.com.zone:{line}: {message}", e.Message);
            Assert.Equal(("example.com.zone", line), (e.Path, e.Line));
        }

        [Fact]
        public void Txt_string_over_255_bytes_is_an_error_as_in_bind()
        {
            var e = Fails($"$TTL 60\na TXT \"{new string('x', 256)}\"\n");
            Assert.StartsWith("example.com.zone:2: character-string of 256 bytes exceeds 255 (split it into several quoted strings) 'xxxx", e.Message);
        }

        [Fact]
        public void Escapes_count_as_one_byte_toward_255()
        {
            var ok = ZoneFileParser.Parse($"$TTL 60\na TXT \"{new string('x', 254)}\\065\"\n", "example.com");
            Assert.Equal(new string('x', 254) + "A", ok.Records[0].Data);
            Assert.StartsWith("example.com.zone:2: character-string of 256 bytes", Fails($"$TTL 60\na TXT \"{new string('x', 255)}\\065\"\n").Message);
        }

        [Fact]
        public void Label_over_63_octets_and_name_over_255_octets()
        {
            Assert.Equal($"example.com.zone:2: label longer than 63 octets in domain name '{new string('a', 64)}'",
                         Fails($"$TTL 60\n{new string('a', 64)} A 192.0.2.1\n").Message);
            var longName = string.Join(".", System.Linq.Enumerable.Repeat(new string('a', 63), 4)) + ".";
            Assert.StartsWith("example.com.zone:2: name longer than 255 octets in domain name 'aaa", Fails($"$TTL 60\n{longName} A 192.0.2.1\n").Message);
        }

        [Fact]
        public void Txt_rdata_over_65535_octets_is_an_error()
        {
            var strings = string.Join(" ", System.Linq.Enumerable.Repeat("\"" + new string('x', 255) + "\"", 257));
            Assert.Equal("example.com.zone:2: TXT rdata longer than 65535 octets", Fails($"$TTL 60\na TXT {strings}\n").Message);
        }

        [Fact]
        public void Overlong_line_is_an_error()
        {
            Assert.Equal("example.com.zone:2: line longer than 262144 characters",
                         Fails("$TTL 60\n; " + new string('x', 300_000) + "\n").Message);
        }

        [Fact]
        public void Invalid_origin_argument()
        {
            var e = Assert.Throws<ZoneFileException>(() => ZoneFileParser.Parse("", "a..b", null));
            Assert.Equal("<text>: invalid origin 'a..b': empty label", e.Message);
        }
    }
}
