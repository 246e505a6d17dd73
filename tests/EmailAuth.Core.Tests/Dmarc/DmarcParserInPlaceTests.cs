using System.Linq;
using EmailAuth.Core.Dmarc;
using Xunit;

namespace EmailAuth.Core.Tests.Dmarc
{
    /// <summary>
    /// The parser reads the parts between ';'s in place (RFC 7489 §6.4 / RFC 9989 formal definition): the same tags,
    /// values and findings as splitting gave, with known tag names shared instead of copied per record.
    /// </summary>
    public class DmarcParserInPlaceTests
    {
        [Fact]
        public void Known_tag_names_are_shared_between_records()
        {
            // Fails on a parser that cuts each name out of the text (a new string per tag of every record parsed).
            var a = DmarcParser.Parse("v=DMARC1; p=reject; rua=mailto:a@example.com");
            var b = DmarcParser.Parse("v=DMARC1;p=none;rua=mailto:b@example.net");
            Assert.Equal(new[] { "v", "p", "rua" }, a.Tags.Select(t => t.Name));
            for (var i = 0; i < 3; i++) Assert.Same(a.Tags[i].Name, b.Tags[i].Name);
        }

        [Fact]
        public void Blanks_around_parts_names_and_values_are_trimmed()
        {
            var r = DmarcParser.Parse("v=DMARC1 ;  p \t= reject ;\tsp=none\t; pct = 50 ;");
            Assert.Equal(new[] { "v", "p", "sp", "pct" }, r.Tags.Select(t => t.Name));
            Assert.Equal(new[] { "DMARC1", "reject", "none", "50" }, r.Tags.Select(t => t.Value));
            Assert.Equal(DmarcPolicy.Reject, r.Policy);
            Assert.Equal(50, r.Pct);
            Assert.DoesNotContain(r.Findings, f => f.Code == DmarcFindingCodes.SyntaxError);
        }

        [Theory]
        [InlineData("v=DMARC1; p=reject; =x", "=x")]               // no name
        [InlineData("v=DMARC1; p=reject;  p x = y ", "p x = y")]   // a blank inside the name
        [InlineData("v=DMARC1; p=reject; pct=", "pct=")]           // no value
        [InlineData("v=DMARC1; p=reject; novalue", "novalue")]     // no '='
        public void A_part_that_is_not_a_pair_is_named_as_written(string text, string part)
        {
            var r = DmarcParser.Parse(text);
            var f = Assert.Single(r.Findings, x => x.Code == DmarcFindingCodes.SyntaxError);
            Assert.Equal(part, f.Subject);
            Assert.Contains($"\"{part}\" is not a tag=value pair", f.Message);
            Assert.Equal(new[] { "v", "p" }, r.Tags.Select(t => t.Name));
        }

        [Theory]
        [InlineData("v=DMARC1; p=reject;", false)]      // one trailing ';' is allowed
        [InlineData("v=DMARC1; p=reject; ;", true)]     // an empty part before the last
        [InlineData("v=DMARC1;; p=reject", true)]
        [InlineData("v=DMARC1; p=reject; \t ", false)]  // a blank last part is the trailing one
        public void Empty_parts_are_reported_except_a_trailing_one(string text, bool reported)
        {
            var r = DmarcParser.Parse(text);
            Assert.Equal(reported, r.Findings.Any(f => f.Code == DmarcFindingCodes.SyntaxError && f.Severity == EmailAuth.Core.Audit.FindingSeverity.Info));
            Assert.Equal(DmarcPolicy.Reject, r.Policy);
        }

        [Fact]
        public void Unknown_and_miscased_names_keep_their_own_text()
        {
            var r = DmarcParser.Parse("v=DMARC1; p=reject; P=none; foo=1");
            Assert.Equal(new[] { "v", "p", "P", "foo" }, r.Tags.Select(t => t.Name));
            Assert.Contains(r.Findings, f => f.Code == DmarcFindingCodes.UnknownTag && f.Subject == "P" && f.Message.Contains("did you mean p=?"));
            Assert.Contains(r.Findings, f => f.Code == DmarcFindingCodes.UnknownTag && f.Subject == "foo");
        }
    }
}
