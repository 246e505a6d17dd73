using System;
using System.Linq;
using EmailAuth.Core.Aws.DnsPlan;
using Xunit;

namespace EmailAuth.Core.Tests.Aws.DnsPlan
{
    public class TxtPresentationTests
    {
        [Fact]
        public void Quotes_and_escapes_quote_and_backslash()
        {
            Assert.Equal("\"a\\\"b\\\\c\"", TxtPresentation.Quote("a\"b\\c"));
            Assert.Equal("a\"b\\c", TxtPresentation.Unquote(TxtPresentation.Quote("a\"b\\c")));
            Assert.Equal("\"\"", TxtPresentation.Quote(""));
        }

        [Theory]
        [InlineData(255, 1)]
        [InlineData(256, 2)]
        [InlineData(510, 2)]
        [InlineData(511, 3)]
        public void Splits_in_strings_of_at_most_255_bytes(int length, int strings)
        {
            var text = new string('k', length);
            var quoted = TxtPresentation.Quote(text);
            var lengths = TxtPresentation.StringLengths(quoted);
            Assert.Equal(strings, lengths.Count);
            Assert.All(lengths, n => Assert.InRange(n, 1, 255));
            Assert.Equal(text, TxtPresentation.Unquote(quoted));
        }

        [Fact]
        public void A_split_never_cuts_an_escape()
        {
            var text = new string('x', 254) + "\"" + new string('y', 10);
            var quoted = TxtPresentation.Quote(text);
            Assert.Equal(new[] { 255, 10 }, TxtPresentation.StringLengths(quoted));
            Assert.Equal(text, TxtPresentation.Unquote(quoted));
        }

        [Fact]
        public void Unquote_joins_strings_without_a_space_and_reads_decimal_escapes()
        {
            Assert.Equal("v=spf1 include:amazonses.com ~all", TxtPresentation.Unquote("\"v=spf1 include:amazon\" \"ses.com ~all\""));
            Assert.Equal("a;b", TxtPresentation.Unquote("\"a\\059b\""));
            Assert.Equal("unquoted", TxtPresentation.Unquote("unquoted"));
            Assert.Equal("open", TxtPresentation.Unquote("\"open"));
        }

        [Fact]
        public void Non_ascii_text_is_refused() =>
            Assert.Throws<ArgumentException>(() => TxtPresentation.Quote("caf\u00e9"));
    }
}
