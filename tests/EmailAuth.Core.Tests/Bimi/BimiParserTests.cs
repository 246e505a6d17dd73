using System.Linq;
using EmailAuth.Core.Bimi;
using Xunit;

namespace EmailAuth.Core.Tests.Bimi
{
    /// <summary>BIMI Assertion Record syntax (draft-brand-indicators-for-message-identification §4.2, §4.3).</summary>
    public class BimiParserTests
    {
        private static string[] Codes(string text) => BimiParser.Parse(text).Findings.Select(f => f.Code).ToArray();

        [Fact]
        public void A_good_record_has_location_and_authority_and_no_findings()
        {
            var r = BimiParser.Parse("v=BIMI1; l=https://example.com/logo.svg; a=https://example.com/vmc.pem; x=unknown;");
            Assert.Equal(("BIMI1", "https://example.com/logo.svg", "https://example.com/vmc.pem"), (r.Version, r.Location, r.Authority));
            Assert.Empty(r.Findings);
            Assert.True(r.IsUsable);
            Assert.False(r.IsDeclination);
        }

        [Theory]
        [InlineData("v=bimi1; l=https://e.com/l.svg")]       // §4.2: must match "BIMI1" precisely
        [InlineData("l=https://e.com/l.svg; v=BIMI1")]       // v= must be first
        [InlineData("v=BIMI2; l=https://e.com/l.svg")]
        public void Version_must_be_BIMI1_and_first(string text) => Assert.Contains(BimiFindingCodes.BadVersion, Codes(text));

        [Fact]
        public void Empty_location_is_a_declination() =>
            Assert.True(BimiParser.Parse("v=BIMI1; l=; a=;").IsDeclination);

        [Theory]
        [InlineData("v=BIMI1; l=http://e.com/l.svg", BimiFindingCodes.LocationNotHttps)]
        [InlineData("v=BIMI1; l=e.com/l.svg", BimiFindingCodes.LocationNotHttps)]
        [InlineData("v=BIMI1; l=https://e.com/l.png", BimiFindingCodes.LocationNotSvg)]
        [InlineData("v=BIMI1; l=https://e.com/l.svg; a=ftp://e.com/v.pem", BimiFindingCodes.AuthorityNotHttps)]
        [InlineData("v=BIMI1; l=https://e.com/l.svg", BimiFindingCodes.NoAuthority)]
        [InlineData("v=BIMI1", BimiFindingCodes.MissingLocation)]
        [InlineData("v=BIMI1; l=https://e.com/l.svg; l=https://e.com/m.svg", BimiFindingCodes.SyntaxError)]
        [InlineData("v=BIMI1; garbage; l=https://e.com/l.svg", BimiFindingCodes.SyntaxError)]
        public void Finds(string text, string code) => Assert.Contains(code, Codes(text));

        [Fact]
        public void An_svg_url_with_a_query_still_counts_as_svg() =>
            Assert.DoesNotContain(BimiFindingCodes.LocationNotSvg, Codes("v=BIMI1; l=https://e.com/logo.svg?v=2; a=https://e.com/v.pem"));

        [Fact]
        public void Hostile_input_is_bounded()
        {
            var r = BimiParser.Parse("v=BIMI1;" + string.Concat(Enumerable.Repeat("x=1;;", 100000)));
            Assert.Equal("BIMI1", r.Version);
            Assert.InRange(r.Findings.Count, 1, 40); // duplicates past the bound are not read, nor reported one by one
        }
    }
}
