using System.Linq;
using EmailAuth.Core.TlsRpt;
using Xunit;

namespace EmailAuth.Core.Tests.TlsRpt
{
    /// <summary>RFC 8460 §3 record syntax.</summary>
    public class TlsRptParserTests
    {
        private static string[] Codes(string text) => TlsRptParser.Parse(text).Findings.Select(f => f.Code).ToArray();

        [Theory]
        [InlineData("v=TLSRPTv1; rua=mailto:tls@example.com")]
        [InlineData("v=TLSRPTv1;rua=mailto:tls@example.com;")]                       // [field-delim] at the end
        [InlineData("v=TLSRPTv1; rua=mailto:tls@example.com,https://r.example.com/x; ext=whatever")] // extensions ignored
        [InlineData("v=TLSRPTv1; rua=mailto:tls@example.com?subject=tls")]
        public void Good_records(string text)
        {
            var r = TlsRptParser.Parse(text);
            Assert.Empty(r.Findings);
            Assert.True(r.IsUsable);
            Assert.Equal("TLSRPTv1", r.Version);
        }

        [Fact]
        public void Rua_keeps_every_uri_in_order() =>
            Assert.Equal(new[] { "mailto:a@example.com", "https://r.example.com/x" },
                TlsRptParser.Parse("v=TLSRPTv1; rua=mailto:a@example.com, https://r.example.com/x").Rua);

        [Theory]
        [InlineData("v=tlsrptv1; rua=mailto:a@example.com", TlsRptFindingCodes.BadVersion)] // %s: case-sensitive
        [InlineData("rua=mailto:a@example.com; v=TLSRPTv1", TlsRptFindingCodes.BadVersion)]
        [InlineData("v=TLSRPTv1", TlsRptFindingCodes.NoRua)]
        [InlineData("v=TLSRPTv1; rua=", TlsRptFindingCodes.NoRua)]
        [InlineData("v=TLSRPTv1; rua=ftp://example.com/x", TlsRptFindingCodes.BadUriScheme)]
        [InlineData("v=TLSRPTv1; rua=tls@example.com", TlsRptFindingCodes.BadUriScheme)]
        [InlineData("v=TLSRPTv1; rua=mailto:nobody", TlsRptFindingCodes.MalformedMailto)]
        [InlineData("v=TLSRPTv1; rua=mailto:a@bad..domain", TlsRptFindingCodes.MalformedMailto)]
        [InlineData("v=TLSRPTv1; rua=http://r.example.com/x", TlsRptFindingCodes.HttpNotHttps)]
        [InlineData("v=TLSRPTv1; rua=mailto:a@example.com; rua=mailto:b@example.com", TlsRptFindingCodes.SyntaxError)]
        [InlineData("v=TLSRPTv1;; rua=mailto:a@example.com", TlsRptFindingCodes.SyntaxError)]
        public void Finds(string text, string code)
        {
            Assert.Contains(code, Codes(text));
            Assert.False(TlsRptParser.Parse(text).IsUsable);
        }

        [Theory]
        [InlineData("v=TLSRPTv1; rua=mailto:a@example.com", true)]
        [InlineData("v=TLSRPTv1", true)]
        [InlineData("v=TLSRPTv10; rua=mailto:a@example.com", false)]
        [InlineData("v=tlsrptv1; rua=mailto:a@example.com", false)]
        [InlineData("v=spf1 -all", false)]
        public void Selection_keeps_records_that_begin_with_the_version(string text, bool expected) =>
            Assert.Equal(expected, TlsRptParser.IsTlsRptRecord(text));
    
        [Fact]
        public void Hostile_input_is_bounded()
        {
            var r = TlsRptParser.Parse("v=TLSRPTv1; rua=" + string.Join(",", Enumerable.Repeat("ftp://x", 100000)) + string.Concat(Enumerable.Repeat(";x=1", 100000)));
            Assert.InRange(r.Findings.Count, 1, 70);
            Assert.InRange(r.Rua.Count, 1, 32);
        }
    }
}
