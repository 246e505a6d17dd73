using System.Linq;
using System.Text;
using EmailAuth.Core.Messages.AuthenticationResults;
using Xunit;
using Codes = EmailAuth.Core.Messages.AuthenticationResults.AuthenticationResultsFindingCodes;

namespace EmailAuth.Core.Tests.Messages
{
    /// <summary>Input that must never throw, hang or grow without bound: a finding and IsValid=false instead.</summary>
    public class AuthenticationResultsHostileInputTests
    {
        private static string[] CodesOf(AuthenticationResultInfo info) => info.Findings.Select(f => f.Code).ToArray();

        [Theory]
        [InlineData("x.example (unterminated; spf=pass")]
        [InlineData("x.example; spf=pass reason=\"unterminated")]
        [InlineData("\"x.example; spf=pass")]
        [InlineData("x.example; spf=pass smtp.mailfrom=a\0b.example")]
        [InlineData("x.example; spf=pass (a\0b)")]
        [InlineData("x.example; spf=pass reason=\"a\0b\"")]
        [InlineData("x.example; spf=pass smtp.mailfrom=\"a\\")]
        [InlineData("\\")]
        [InlineData(";;;;")]
        [InlineData("x.example; spf=pass smtp.mailfrom=@[1.2.3.4")]
        public void Broken_text_is_invalid_without_throwing(string header)
        {
            var info = AuthenticationResultsParser.Parse(header);
            Assert.False(info.IsValid);
            Assert.NotEmpty(info.Findings);
        }

        [Fact]
        public void Ten_thousand_nested_comments_are_read_without_recursion()
        {
            var nested = new string('(', 10_000) + "deep" + new string(')', 10_000);
            var info = AuthenticationResultsParser.Parse($"x.example; spf=pass {nested} smtp.mailfrom=a.example");
            Assert.True(info.IsValid, string.Join("\n", info.Findings));
            Assert.Equal("a.example", info.Results[0].GetProperty("smtp.mailfrom"));
            Assert.StartsWith("((((", info.Results[0].Comment);
        }

        [Fact]
        public void Ten_thousand_unclosed_comments_are_one_syntax_error()
        {
            var info = AuthenticationResultsParser.Parse("x.example; spf=pass " + new string('(', 10_000));
            Assert.Equal(new[] { Codes.SyntaxError }, CodesOf(info));
            Assert.Equal("pass", info.Results.Single().Result); // the part read before the comment is kept
        }

        [Fact]
        public void A_header_over_64_KiB_is_refused_whole()
        {
            var info = AuthenticationResultsParser.Parse("x.example; spf=pass reason=\"" + new string('a', 70_000) + "\"");
            Assert.Equal(new[] { Codes.TooLong }, CodesOf(info));
            Assert.Empty(info.Results);
            Assert.True(info.Header.Length < 300);
        }

        [Fact]
        public void Results_beyond_the_cap_are_not_read()
        {
            var header = "x.example" + string.Concat(Enumerable.Repeat("; spf=pass", 1000));
            var info = AuthenticationResultsParser.Parse(header);
            Assert.Equal(AuthenticationResultsParser.MaxResults, info.Results.Count);
            Assert.Contains(Codes.TooManyResults, CodesOf(info));
        }

        [Fact]
        public void Many_broken_resinfos_stay_bounded()
        {
            var info = AuthenticationResultsParser.Parse("x.example" + string.Concat(Enumerable.Repeat("; =", 20_000)));
            Assert.Contains(Codes.TooManyResults, CodesOf(info));
            Assert.True(info.Findings.Count <= AuthenticationResultsParser.MaxResults + 1);
        }

        [Fact]
        public void Non_ascii_utf8_is_accepted_where_rfc_6532_allows_it()
        {
            // RFC 8601 §2.2 with RFC 6532 §3.2: UTF-8 in values, quoted strings and comments of an internationalized message.
            var info = AuthenticationResultsParser.Parse(
                "\"éxamplé.org\" (коммент); dkim=pass reason=\"Tést\" header.i=二ノ宮@黒川.日本 header.d=bloß.de");
            Assert.True(info.IsValid, string.Join("\n", info.Findings));
            Assert.Equal("éxamplé.org", info.AuthServId);
            Assert.Equal(new[] { "коммент" }, info.Comments);
            Assert.Equal("二ノ宮@黒川.日本", info.Results[0].GetProperty("header.i"));
            Assert.Equal("bloß.de", info.Results[0].GetProperty("header.d"));
            Assert.Equal("Tést", info.Results[0].Reason);
        }

        [Fact]
        public void Random_bytes_never_throw()
        {
            var random = new System.Random(8601);
            const string alphabet = "ab=.;@\"\\() \t\r\n/1\0é";
            for (var n = 0; n < 2000; n++)
            {
                var text = new StringBuilder();
                var length = random.Next(0, 80);
                for (var i = 0; i < length; i++) text.Append(alphabet[random.Next(alphabet.Length)]);
                var info = AuthenticationResultsParser.Parse(text.ToString());
                Assert.NotNull(info.Findings);
                AuthenticationResultsParser.ParseFields(text.ToString());
            }
        }
    }
}
