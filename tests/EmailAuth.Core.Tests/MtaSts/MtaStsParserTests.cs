using System.Collections.Generic;
using System.Linq;
using EmailAuth.Core.Audit;
using EmailAuth.Core.MtaSts;
using Xunit;

namespace EmailAuth.Core.Tests.MtaSts
{
    /// <summary>The TXT record (RFC 8461 §3.1), the policy body (§3.2) and mx pattern matching (§4.1), without network.</summary>
    public class MtaStsParserTests
    {
        [Theory]
        [InlineData("v=STSv1; id=20160831085700Z;", "20160831085700Z")]
        [InlineData("v=STSv1;id=abc", "abc")]
        [InlineData("v=STSv1 ; id=A1 ; future=x.y-z", "A1")]
        [InlineData("v=STSv1; id=12345678901234567890123456789012", "12345678901234567890123456789012")]
        public void Txt_accepts_the_grammar(string text, string id)
        {
            var record = MtaStsTxtRecord.Parse(text, out var error);
            Assert.Null(error);
            Assert.Equal(id, record!.Id);
        }

        [Theory]
        [InlineData("v=STSv1")]                                              // id is required
        [InlineData("v=STSv1; id=")]                                         // 1*32
        [InlineData("v=STSv1; id=123456789012345678901234567890123")]       // 33 characters
        [InlineData("v=STSv1; id=2026-01-01")]                              // ALPHA / DIGIT only
        [InlineData("v=STSv2; id=1")]
        [InlineData("v=STSv1; id=1; id=2")]
        [InlineData("v=STSv1;; id=1")]
        [InlineData("v=STSv1; id=1; bad ext=1")]
        [InlineData("id=1; v=STSv1")]                                        // version first
        public void Txt_rejects_what_the_grammar_forbids(string text)
        {
            Assert.Null(MtaStsTxtRecord.Parse(text, out var error));
            Assert.NotNull(error);
        }

        [Fact]
        public void Txt_candidates_are_case_sensitive() // §3.1: records not beginning with "v=STSv1" are discarded
        {
            Assert.True(MtaStsTxtRecord.IsStsCandidate("v=STSv1; id=1"));
            Assert.False(MtaStsTxtRecord.IsStsCandidate("v=stsv1; id=1"));
            Assert.False(MtaStsTxtRecord.IsStsCandidate("google-site-verification=x"));
        }

        private static (MtaStsPolicy Policy, List<Finding> Findings) Parse(string text)
        {
            var findings = new List<Finding>();
            return (MtaStsPolicyParser.Parse(text, findings), findings);
        }

        private static string[] Codes(List<Finding> f) => f.Select(x => x.Code).ToArray();

        [Theory]
        [InlineData("version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmx: *.example.net\r\nmax_age: 604800\r\n")]
        [InlineData("version: STSv1\nmode: enforce\nmx: mail.example.com\nmx: *.example.net\nmax_age: 604800")]
        [InlineData("version:STSv1\nmode:\tenforce  \nmx: mail.example.com\nmx: *.example.net\nmax_age: 604800\nfuture_key: anything at all\n")]
        public void Policy_reads_the_RFC_example_with_CRLF_or_LF(string text)
        {
            var (p, f) = Parse(text);
            Assert.True(p.IsValid, string.Join("; ", f));
            Assert.Empty(f);
            Assert.Equal("STSv1", p.Version);
            Assert.Equal(MtaStsMode.Enforce, p.Mode);
            Assert.Equal(604800, p.MaxAge);
            Assert.Equal(new[] { "mail.example.com", "*.example.net" }, p.Mx);
        }

        [Theory]
        [InlineData("mode: enforce\nmx: a.example\nmax_age: 1", MtaStsFindingCodes.PolicyVersionInvalid)]
        [InlineData("version: STSv2\nmode: enforce\nmx: a.example\nmax_age: 1", MtaStsFindingCodes.PolicyVersionInvalid)]
        [InlineData("Version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 1", MtaStsFindingCodes.PolicyVersionInvalid)] // keys are case-sensitive
        [InlineData("version: STSv1\nmode: Enforce\nmx: a.example\nmax_age: 1", MtaStsFindingCodes.PolicyModeInvalid)]
        [InlineData("version: STSv1\nmx: a.example\nmax_age: 1", MtaStsFindingCodes.PolicyModeInvalid)]
        [InlineData("version: STSv1\nmode: enforce\nmx: a.example", MtaStsFindingCodes.PolicyMaxAgeInvalid)]
        [InlineData("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 31557601", MtaStsFindingCodes.PolicyMaxAgeInvalid)]
        [InlineData("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: -1", MtaStsFindingCodes.PolicyMaxAgeInvalid)]
        [InlineData("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 1.5", MtaStsFindingCodes.PolicyMaxAgeInvalid)]
        [InlineData("version: STSv1\nmode: enforce\nmax_age: 86400", MtaStsFindingCodes.PolicyMxMissing)]
        [InlineData("version: STSv1\nmode: enforce\nmode: testing\nmx: a.example\nmax_age: 86400", MtaStsFindingCodes.PolicyDuplicateKey)]
        [InlineData("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 86400\nmax_age: 86400", MtaStsFindingCodes.PolicyDuplicateKey)]
        [InlineData("version: STSv1\nmode: enforce\nmx a.example\nmax_age: 86400", MtaStsFindingCodes.PolicySyntax)]
        [InlineData("version: STSv1\n mode: enforce\nmx: a.example\nmax_age: 86400", MtaStsFindingCodes.PolicySyntax)]
        [InlineData("version: STSv1\nmode: enforce\nmx:\nmx: a.example\nmax_age: 86400", MtaStsFindingCodes.PolicySyntax)]
        [InlineData("version: STSv1\nmode: enforce\nmx: mail.*.example\nmax_age: 86400", MtaStsFindingCodes.PolicyMxPatternInvalid)]
        [InlineData("version: STSv1\nmode: enforce\nmx: *mail.example\nmax_age: 86400", MtaStsFindingCodes.PolicyMxPatternInvalid)]
        [InlineData("version: STSv1\nmode: enforce\nmx: **.example\nmax_age: 86400", MtaStsFindingCodes.PolicyMxPatternInvalid)]
        [InlineData("version: STSv1\nmode: enforce\nmx: mail_1.example\nmax_age: 86400", MtaStsFindingCodes.PolicyMxPatternInvalid)]
        [InlineData("version: STSv1\nmode: enforce\nmx: -mail.example\nmax_age: 86400", MtaStsFindingCodes.PolicyMxPatternInvalid)]
        public void Policy_errors_make_it_invalid(string text, string code)
        {
            var (p, f) = Parse(text);
            Assert.False(p.IsValid);
            Assert.Contains(code, Codes(f));
            Assert.All(f.Where(x => x.Code == code), x => Assert.Equal(FindingSeverity.Error, x.Severity));
        }

        [Fact]
        public void Policy_version_not_first_is_a_warning_only()
        {
            var (p, f) = Parse("mode: testing\nversion: STSv1\nmx: a.example\nmax_age: 86400\n");
            Assert.True(p.IsValid);
            Assert.Equal(new[] { MtaStsFindingCodes.PolicyVersionNotFirst }, Codes(f));
        }

        [Fact]
        public void Policy_mode_none_needs_no_mx()
        {
            var (p, f) = Parse("version: STSv1\nmode: none\nmax_age: 86400\n");
            Assert.True(p.IsValid, string.Join("; ", f));
            Assert.Equal(MtaStsMode.None, p.Mode);
        }

        [Fact]
        public void Policy_max_age_bounds_are_inclusive()
        {
            Assert.Equal(0, Parse("version: STSv1\nmode: none\nmax_age: 0").Policy.MaxAge);
            Assert.Equal(31557600, Parse("version: STSv1\nmode: none\nmax_age: 31557600").Policy.MaxAge);
            Assert.Null(Parse("version: STSv1\nmode: none\nmax_age: 99999999999").Policy.MaxAge); // 11 digits
        }

        [Fact]
        public void Policy_of_many_lines_is_bounded()
        {
            var text = "version: STSv1\nmode: enforce\nmax_age: 86400\n" + string.Concat(Enumerable.Repeat("mx: a.example\n", MtaStsPolicyParser.MaxLines + 10));
            var (p, f) = Parse(text);
            Assert.False(p.IsValid);
            Assert.Contains(MtaStsFindingCodes.PolicySyntax, Codes(f));
        }

        [Theory]
        [InlineData("mail.example.com", "mail.example.com", true)]
        [InlineData("mail.example.com", "MAIL.Example.COM.", true)]
        [InlineData("*.example.com", "mail.example.com", true)]
        [InlineData("*.example.com", "example.com", false)]          // §4.1: not the parent
        [InlineData("*.example.com", "foo.bar.example.com", false)]  // §4.1: exactly one label
        [InlineData("*.example.com", "mail.example.net", false)]
        [InlineData("mail.example.com", "mx.mail.example.com", false)]
        public void Mx_patterns_match_as_section_4_1_says(string pattern, string host, bool matches) =>
            Assert.Equal(matches, MtaStsMxPattern.Matches(pattern, host));

        [Fact]
        public void No_public_surface_can_change_certificate_trust()
        {
            // The extra root and port exist only on the internal client and the internal test hook (RFC 8461 §3.3: the certificate MUST validate).
            Assert.False(typeof(MtaStsInspector).Assembly.GetType("EmailAuth.Core.MtaSts.MtaStsHttpsClient")!.IsPublic);
            Assert.False(typeof(MtaStsInspector).Assembly.GetType("EmailAuth.Core.MtaSts.MtaStsTestHooks")!.IsPublic);
            Assert.Equal(new[] { "FetchTimeout", "Offline", "PolicySource", "PolicyText" },
                         typeof(MtaStsOptions).GetProperties().Select(p => p.Name).OrderBy(n => n, System.StringComparer.Ordinal));
            Assert.Single(typeof(MtaStsInspector).GetConstructors()); // the public one takes only a resolver
        }
    }
}
