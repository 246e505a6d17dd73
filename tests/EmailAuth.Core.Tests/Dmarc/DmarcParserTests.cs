using System.Linq;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Dmarc;
using Xunit;

namespace EmailAuth.Core.Tests.Dmarc
{
    public class DmarcParserTests
    {
        private static string[] Codes(DmarcRecord r) => r.Findings.Select(f => f.Code).ToArray();

        /// <summary>RFC 7489 §6.6.3 record selection, read in place: "v", blanks, "=", blanks, "DMARC1" before the first ";".</summary>
        [Theory]
        [InlineData("v=DMARC1", true)]
        [InlineData("v=DMARC1;", true)]
        [InlineData("v=DMARC1; p=none", true)]
        [InlineData(" \tv \t= \tDMARC1 \t; p=none", true)]
        [InlineData("v=DMARC1 ;", true)]
        [InlineData("v=DMARC1p=none", false)]
        [InlineData("v=DMARC1 p=none", false)]
        [InlineData("v=dmarc1", false)]
        [InlineData("V=DMARC1", false)]
        [InlineData("=DMARC1", false)]
        [InlineData("vv=DMARC1", false)]
        [InlineData("v x=DMARC1", false)]
        [InlineData("v=", false)]
        [InlineData("v", false)]
        [InlineData(";v=DMARC1", false)]
        [InlineData("p=none; v=DMARC1", false)]
        [InlineData("v=DMARC", false)]
        [InlineData("", false)]
        [InlineData(" ; ", false)]
        [InlineData(null, false)]
        public void A_record_is_selected_by_its_version_tag(string? text, bool selected) =>
            Assert.Equal(selected, DmarcParser.IsDmarcRecord(text));

        [Fact]
        public void Every_tag_of_RFC_7489_and_RFC_9989_is_read()
        {
            var r = DmarcParser.Parse("v=DMARC1; p=quarantine; sp=reject; np=reject; adkim=s; aspf=s; pct=100; rua=mailto:a@example.com; ruf=mailto:f@example.com; fo=d:s; rf=afrf; ri=3600; t=y; psd=n");
            Assert.True(r.IsDmarcRecord);
            Assert.Equal((DmarcPolicy?)DmarcPolicy.Quarantine, r.Policy);
            Assert.Equal((DmarcPolicy?)DmarcPolicy.Reject, r.SubdomainPolicy);
            Assert.Equal((DmarcPolicy?)DmarcPolicy.Reject, r.NonexistentDomainPolicy);
            Assert.Equal((DmarcAlignmentMode.Strict, DmarcAlignmentMode.Strict), (r.AlignmentDkim, r.AlignmentSpf));
            Assert.Equal((100, true, DmarcPsd.N), (r.Pct, r.Testing, r.Psd));
            Assert.Equal(("a@example.com", "example.com"), (r.Rua.Single().Address, r.Rua.Single().Domain));
            Assert.Equal("f@example.com", r.Ruf.Single().Address);
            Assert.Equal(("d:s", "afrf", (long?)3600), (r.FailureOptions, r.ReportFormat, r.ReportInterval));
            Assert.Equal(14, r.Tags.Count);
            // pct, rf and ri are read but flagged as removed by RFC 9989; nothing else is wrong.
            Assert.Equal(new[] { "DMARC_REMOVED_TAG" }, Codes(r).Distinct());
            Assert.Equal(3, r.Findings.Count);
        }

        [Fact]
        public void Defaults_follow_RFC_9989()
        {
            var r = DmarcParser.Parse("v=DMARC1");
            Assert.Equal((DmarcPolicy?)DmarcPolicy.None, r.Policy);
            Assert.False(r.HasPolicyTag);
            Assert.Equal((DmarcAlignmentMode.Relaxed, DmarcAlignmentMode.Relaxed, 100, false, DmarcPsd.U),
                         (r.AlignmentDkim, r.AlignmentSpf, r.Pct, r.Testing, r.Psd));
            Assert.Contains(DmarcFindingCodes.MissingPolicy, Codes(r));
            Assert.False(r.IsDiscarded);
        }

        [Theory]
        [InlineData("v=DMARC1;p=reject")]
        [InlineData("v = DMARC1 ; p = reject ;")]
        [InlineData("v=DMARC1;\tp=reject")]
        public void Spaces_around_separators_are_allowed(string text)
        {
            var r = DmarcParser.Parse(text);
            Assert.Equal((DmarcPolicy?)DmarcPolicy.Reject, r.Policy);
            Assert.Empty(r.Findings);
        }

        [Theory]
        [InlineData("v=dmarc1; p=reject")]      // RFC 9989: DMARC1 is case-sensitive
        [InlineData("p=reject; v=DMARC1")]      // v= must come first
        [InlineData("v=DMARC2; p=reject")]
        [InlineData("v=spf1 -all")]
        [InlineData("")]
        public void Text_not_starting_with_v_DMARC1_is_not_a_record(string text)
        {
            var r = DmarcParser.Parse(text);
            Assert.False(r.IsDmarcRecord);
            Assert.Equal(new[] { DmarcFindingCodes.NotDmarcRecord }, Codes(r));
            Assert.Equal(FindingSeverity.Error, r.Findings[0].Severity);
        }

        [Fact]
        public void Unknown_tags_are_ignored_and_reported_with_a_case_hint()
        {
            var r = DmarcParser.Parse("v=DMARC1; p=reject; P=none; foo=bar; rua=mailto:a@example.com");
            Assert.Equal((DmarcPolicy?)DmarcPolicy.Reject, r.Policy);
            var unknown = r.Findings.Where(f => f.Code == DmarcFindingCodes.UnknownTag).ToList();
            Assert.Equal(2, unknown.Count);
            Assert.Contains("did you mean p=", unknown[0].Message);
        }

        [Fact]
        public void An_invalid_policy_falls_back_to_none_only_with_a_valid_rua()
        {
            var withRua = DmarcParser.Parse("v=DMARC1; p=rejectt; rua=mailto:a@example.com");
            Assert.Null(withRua.Policy);
            Assert.False(withRua.IsDiscarded);
            Assert.Equal((DmarcPolicy?)DmarcPolicy.None, withRua.PolicyOrDefault);
            var finding = withRua.Findings.Single(f => f.Code == DmarcFindingCodes.InvalidTagValue);
            Assert.Equal(FindingSeverity.Error, finding.Severity);

            var without = DmarcParser.Parse("v=DMARC1; p=reject; sp=never");
            Assert.True(without.IsDiscarded);
            Assert.Null(without.PolicyOrDefault);
        }

        [Theory]
        [InlineData("adkim=x")]
        [InlineData("aspf=relaxed")]
        [InlineData("pct=101")]
        [InlineData("pct=-1")]
        [InlineData("ri=99999999999")]
        [InlineData("fo=2")]
        [InlineData("t=yes")]
        [InlineData("psd=maybe")]
        public void Invalid_values_of_other_tags_keep_the_default_with_a_warning(string tag)
        {
            var r = DmarcParser.Parse("v=DMARC1; p=reject; " + tag);
            var f = r.Findings.Single(x => x.Code == DmarcFindingCodes.InvalidTagValue);
            Assert.Equal(FindingSeverity.Warning, f.Severity);
            Assert.Equal((DmarcAlignmentMode.Relaxed, DmarcAlignmentMode.Relaxed, 100, false, DmarcPsd.U, (string?)null),
                         (r.AlignmentDkim, r.AlignmentSpf, r.Pct, r.Testing, r.Psd, r.FailureOptions));
            Assert.False(r.IsDiscarded);
        }

        [Fact]
        public void Duplicate_tags_are_an_error_and_the_first_value_counts()
        {
            var r = DmarcParser.Parse("v=DMARC1; p=reject; p=none");
            Assert.Contains(DmarcFindingCodes.DuplicateTag, Codes(r));
            Assert.Equal((DmarcPolicy?)DmarcPolicy.Reject, r.Policy);
        }

        [Fact]
        public void P_not_second_is_noted_for_RFC_7489_receivers()
        {
            var r = DmarcParser.Parse("v=DMARC1; rua=mailto:a@example.com; p=reject");
            Assert.Equal(new[] { DmarcFindingCodes.PolicyNotSecond }, Codes(r));
        }

        [Fact]
        public void Parts_that_are_not_tags_are_reported()
        {
            var r = DmarcParser.Parse("v=DMARC1; p=reject; reject; =x; a b=c");
            Assert.Equal(3, r.Findings.Count(f => f.Code == DmarcFindingCodes.SyntaxError));
            Assert.Equal((DmarcPolicy?)DmarcPolicy.Reject, r.Policy);
        }

        [Theory]
        [InlineData("mailto:a@example.com", null, "example.com")]
        [InlineData("mailto:a@EXAMPLE.com!10m", "10m", "example.com")]
        [InlineData("mailto:a%40b@example.com", null, "example.com")]
        [InlineData("https://reports.example.net/dmarc", null, "reports.example.net")]
        public void Valid_report_uris(string text, string? size, string domain)
        {
            var u = DmarcParser.ParseUri(text);
            Assert.Null(u.Error);
            Assert.Equal((size, domain), (u.SizeLimit, u.Domain));
        }

        [Theory]
        [InlineData("dmarc@example.com")]          // no scheme
        [InlineData("mailto:")]
        [InlineData("mailto:nobody")]
        [InlineData("mailto:a@-bad-.com")]
        [InlineData("mailto:a@example.com!x")]     // '!' must be encoded unless a size follows
        [InlineData("mailto:a b@example.com")]
        public void Malformed_report_uris(string text)
        {
            Assert.NotNull(DmarcParser.ParseUri(text).Error);
        }

        [Fact]
        public void Uri_findings_name_the_problem()
        {
            var r = DmarcParser.Parse("v=DMARC1; p=reject; rua=dmarc@example.com, https://r.example.net/x, mailto:a@example.com!10m");
            Assert.Contains(DmarcFindingCodes.InvalidUri, Codes(r));
            Assert.Contains(DmarcFindingCodes.UnsupportedUriScheme, Codes(r));
            Assert.Contains(DmarcFindingCodes.UriSizeLimit, Codes(r));
            Assert.Equal(3, r.Rua.Count);
        }

        [Fact]
        public void A_huge_uri_list_is_bounded()
        {
            var list = string.Join(",", Enumerable.Range(0, 500).Select(i => $"mailto:r{i}@example.com"));
            var r = DmarcParser.Parse("v=DMARC1; p=reject; rua=" + list);
            Assert.Equal(DmarcParser.MaxUris, r.Rua.Count);
            Assert.Contains(DmarcFindingCodes.InvalidUri, Codes(r));
        }

        [Fact]
        public void Fo_without_ruf_is_noted()
        {
            Assert.Contains(DmarcFindingCodes.FailureOptionsWithoutRuf, Codes(DmarcParser.Parse("v=DMARC1; p=none; fo=1")));
        }
    }
}
