using System.Linq;
using EmailAuth.Core.Messages.AuthenticationResults;
using Xunit;
using Codes = EmailAuth.Core.Messages.AuthenticationResults.AuthenticationResultsFindingCodes;

namespace EmailAuth.Core.Tests.Messages
{
    /// <summary>RFC 8601 §2.2 grammar corners, the registry checks of §2.7, and what real receivers write.</summary>
    public class AuthenticationResultsGrammarTests
    {
        private static string[] CodesOf(AuthenticationResultInfo info) => info.Findings.Select(f => f.Code).ToArray();

        [Fact]
        public void Quoted_authserv_id_and_values_with_escapes()
        {
            var info = AuthenticationResultsParser.Parse("\"mx \\\"one\\\".example\"; dkim=pass reason=\"a \\\\ b\" header.d=\"example.com\"");
            Assert.True(info.IsValid);
            Assert.Equal("mx \"one\".example", info.AuthServId);
            Assert.Equal("a \\ b", info.Results[0].Reason);
            Assert.Equal("example.com", info.Results[0].GetProperty("header.d"));
        }

        [Theory]
        [InlineData("x.example; spf=pass smtp.mailfrom=user@example.net", "user@example.net")]
        [InlineData("x.example; spf=pass smtp.mailfrom=@example.net", "@example.net")]
        [InlineData("x.example; spf=pass smtp.mailfrom=first.last+tag@example.net", "first.last+tag@example.net")]
        [InlineData("x.example; spf=pass smtp.mailfrom=\"john doe\"@example.net", "\"john doe\"@example.net")]
        [InlineData("x.example; spf=pass smtp.mailfrom = (c) example.net (d)", "example.net")]
        public void Property_values_are_dot_atoms_addresses_or_quoted_strings(string header, string expected)
        {
            var info = AuthenticationResultsParser.Parse(header);
            Assert.True(info.IsValid, string.Join("\n", info.Findings));
            Assert.Equal(expected, info.Results[0].GetProperty("smtp.mailfrom"));
        }

        [Fact]
        public void Names_are_case_insensitive_and_come_back_in_lower_case()
        {
            var info = AuthenticationResultsParser.Parse("AUTHENTICATION-RESULTS: X.Example; SPF=Pass SMTP.MailFrom=Example.NET");
            Assert.Equal("Authentication-Results", info.HeaderName);
            var spf = info.Results[0];
            Assert.Equal(("spf", "pass"), (spf.Method, spf.Result));
            Assert.Equal("smtp.mailfrom", spf.Properties.Keys.Cast<string>().Single());
            Assert.Equal("Example.NET", spf.GetProperty("SMTP.MAILFROM"));
        }

        [Fact]
        public void Gmail_header_with_an_unquoted_slash_in_header_b_is_read_with_an_info()
        {
            var info = AuthenticationResultsParser.Parse(
                "Authentication-Results: mx.google.com;\r\n" +
                "       dkim=pass header.i=@amazonses.com header.s=224i4yxa5dv7c2xz3womw6peuasteono header.b=Ab/c+D9=;\r\n" +
                "       spf=pass (google.com: domain of 0100018c@amazonses.com designates 54.240.8.1 as permitted sender) smtp.mailfrom=0100018c@amazonses.com;\r\n" +
                "       dmarc=fail (p=QUARANTINE sp=QUARANTINE dis=QUARANTINE) header.from=example.com");
            Assert.True(info.IsValid, string.Join("\n", info.Findings));
            Assert.Equal(new[] { Codes.UnquotedSpecial }, CodesOf(info));
            Assert.Equal("Ab/c+D9=", info.Results[0].GetProperty("header.b"));
            Assert.StartsWith("google.com: domain of", info.Results[1].Comment);
            Assert.Equal("example.com", info.Results[2].GetProperty("header.from"));
        }

        [Fact]
        public void Microsoft_bare_action_and_unknown_compauth_are_kept_with_findings()
        {
            var info = AuthenticationResultsParser.Parse(
                "spf=pass (sender IP is 54.240.8.1) smtp.mailfrom=amazonses.com; dkim=pass (signature was verified)\r\n" +
                " header.d=amazonses.com;dmarc=fail action=quarantine header.from=example.com;compauth=fail reason=100");
            Assert.Contains(Codes.MissingAuthServId, CodesOf(info));
            Assert.Contains(Codes.PropertyWithoutPtype, CodesOf(info));
            Assert.Contains(Codes.UnknownMethod, CodesOf(info));
            Assert.Equal(new[] { "spf", "dkim", "dmarc", "compauth" }, info.Results.Select(r => r.Method));
            Assert.Equal("quarantine", info.Results[2].GetProperty("action"));
            Assert.Equal("example.com", info.Results[2].GetProperty("header.from"));
            Assert.Equal("100", info.Results[3].Reason);
        }

        [Theory]
        [InlineData("x.example; spf=softfail", true)]
        [InlineData("x.example; dkim=softfail", false)]
        [InlineData("x.example; iprev=none", false)]
        [InlineData("x.example; dmarc=policy", false)]
        [InlineData("x.example; arc=temperror", false)]
        [InlineData("x.example; dkim-adsp=nxdomain", true)]
        [InlineData("x.example; bimi=declined", true)]
        [InlineData("x.example; rrvs=unknown", true)]
        public void Results_are_checked_against_the_method(string header, bool valid)
        {
            var info = AuthenticationResultsParser.Parse(header);
            Assert.Equal(valid, info.IsValid);
            if (!valid) Assert.Equal(new[] { Codes.InvalidResult }, CodesOf(info));
        }

        [Fact]
        public void Hardfail_is_deprecated_not_invalid()
        {
            var info = AuthenticationResultsParser.Parse("x.example; spf=hardfail smtp.mailfrom=a.example");
            Assert.True(info.IsValid);
            Assert.Equal(new[] { Codes.DeprecatedResult }, CodesOf(info));
        }

        [Theory]
        [InlineData("x.example; spf=pass smtp.mailfrom=a.example; spf=pass smtp.mailfrom=a.example", Codes.DuplicateResult)]
        [InlineData("x.example; spf=pass smtp.mailfrom=a.example smtp.mailfrom=b.example", Codes.DuplicateProperty)]
        [InlineData("x.example; none; spf=pass", Codes.NoneWithResults)]
        [InlineData("x.example; spf=pass; none", Codes.NoneWithResults)]
        [InlineData("x.example; spf=pass;", Codes.EmptyResult)]
        [InlineData("x.example 2; spf=pass", Codes.UnknownVersion)]
        [InlineData("x.example; spf=pass smtp.mailfrom=a.example reason=late", Codes.ReasonOutOfPlace)]
        [InlineData("x.example; spf=pass frob.x=1", Codes.UnknownPtype)]
        [InlineData("x.example; spf pass", Codes.SyntaxError)]
        [InlineData("x.example; spf=", Codes.SyntaxError)]
        [InlineData("x.example; spf=pass smtp.mailfrom=", Codes.SyntaxError)]
        [InlineData("x.example; spf=pass smtp.mailfrom=a@", Codes.SyntaxError)]
        [InlineData("x.example; sp_f=pass", Codes.SyntaxError)]
        [InlineData("x.example; spf=pass reason=a reason=b", Codes.SyntaxError)]
        [InlineData("x.example; spf/x=pass", Codes.SyntaxError)]
        [InlineData("x.example junk; spf=pass", Codes.SyntaxError)]
        [InlineData("", Codes.MissingAuthServId)]
        [InlineData("; spf=pass", Codes.MissingAuthServId)]
        [InlineData("ARC-Authentication-Results: lists.example.org; arc=none", Codes.ArcInstanceInvalid)]
        [InlineData("ARC-Authentication-Results: i=51; lists.example.org; arc=none", Codes.ArcInstanceInvalid)]
        [InlineData("ARC-Authentication-Results: i=x; lists.example.org; arc=none", Codes.ArcInstanceInvalid)]
        public void Each_rule_has_its_code(string header, string code)
        {
            Assert.Contains(code, CodesOf(AuthenticationResultsParser.Parse(header)));
        }

        [Fact]
        public void A_broken_resinfo_is_skipped_and_the_next_is_kept()
        {
            var info = AuthenticationResultsParser.Parse("x.example; spf pass (a;b) \"c;d\"; dkim=pass header.d=example.com");
            Assert.False(info.IsValid);
            var dkim = Assert.Single(info.Results);
            Assert.Equal("example.com", dkim.GetProperty("header.d"));
        }

        [Fact]
        public void A_malformed_arc_instance_still_yields_the_payload()
        {
            var info = AuthenticationResultsParser.Parse("ARC-Authentication-Results: i=x; lists.example.org; arc=none");
            Assert.Null(info.Instance);
            Assert.Equal("lists.example.org", info.AuthServId);
            Assert.Equal("none", info.Results.Single().Result);
        }

        [Fact]
        public void ToString_writes_the_canonical_form()
        {
            var info = AuthenticationResultsParser.Parse("i=1; x.example; dkim/1=pass reason=\"good sig\" header.d=example.com (c)");
            Assert.Equal("i=1; x.example; dkim/1=pass reason=\"good sig\" header.d=example.com", info.ToString());
        }

        [Fact]
        public void Several_fields_of_a_pasted_header_block_are_split_and_others_skipped()
        {
            var skipped = new System.Collections.Generic.List<string>();
            var list = AuthenticationResultsParser.ParseFields(
                "Received: from a by b;\r\n\tThu, 1 Jan 2026 00:00:00 +0000\r\n" +
                "ARC-Authentication-Results: i=1; lists.example.org;\r\n spf=pass smtp.mailfrom=a.example\r\n" +
                "Authentication-Results: mx.example.net;\n\tdkim=pass header.d=a.example\n" +
                "\r\n" +
                "Authentication-Results: body.example; none\r\n", skipped);
            Assert.Equal(new[] { "Received" }, skipped);
            Assert.Equal(new[] { "lists.example.org", "mx.example.net" }, list.Select(i => i.AuthServId));
            Assert.Equal(1, list[0].Instance);
        }
    }
}
