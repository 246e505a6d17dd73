using System;
using System.Linq;
using System.Text.Json;
using EmailAuth.Core.Aws.Ses;
using Xunit;

namespace EmailAuth.Core.Tests.Aws
{
    /// <summary>The sending authorization policy builder, the statement summary and the diff Set-/Remove-SesIdentityPolicy show.</summary>
    public sealed class SesSendingPolicyTests
    {
        private const string Arn = "arn:aws:ses:eu-west-1:111111111111:identity/example.com";

        [Fact]
        public void Accounts_become_principals_of_one_statement_allowing_both_send_actions_on_the_identity()
        {
            using var doc = JsonDocument.Parse(SesSendingPolicyBuilder.Build(Arn, new[] { "222222222222", "333333333333", "222222222222" }, null));
            Assert.Equal("2012-10-17", doc.RootElement.GetProperty("Version").GetString());
            var s = Assert.Single(doc.RootElement.GetProperty("Statement").EnumerateArray());
            Assert.Equal("Allow", s.GetProperty("Effect").GetString());
            Assert.Equal(new[] { "222222222222", "333333333333" }, s.GetProperty("Principal").GetProperty("AWS").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(new[] { "ses:SendEmail", "ses:SendRawEmail" }, s.GetProperty("Action").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(Arn, s.GetProperty("Resource").GetString());
            Assert.False(s.TryGetProperty("Condition", out _));
        }

        [Fact]
        public void Organization_paths_allow_any_principal_only_under_the_paths()
        {
            const string path = "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*";
            using var doc = JsonDocument.Parse(SesSendingPolicyBuilder.Build(Arn, null, new[] { path }));
            var s = Assert.Single(doc.RootElement.GetProperty("Statement").EnumerateArray());
            Assert.Equal("*", s.GetProperty("Principal").GetString());
            var paths = s.GetProperty("Condition").GetProperty("ForAnyValue:StringLike").GetProperty("aws:PrincipalOrgPaths");
            Assert.Equal(new[] { path }, paths.EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(Arn, s.GetProperty("Resource").GetString());
        }

        [Fact]
        public void Accounts_and_paths_together_make_two_statements_that_summarise_back()
        {
            var json = SesSendingPolicyBuilder.Build(Arn, new[] { "222222222222" }, new[] { "o-a1b2c3d4e5/*" });
            var statements = SesPolicyDocument.Statements(json);
            Assert.Equal(2, statements.Count);
            Assert.Equal("Allow ses:SendEmail,ses:SendRawEmail to 222222222222", statements[0].ToString());
            Assert.Equal("Allow ses:SendEmail,ses:SendRawEmail to * if ForAnyValue:StringLike aws:PrincipalOrgPaths=o-a1b2c3d4e5/*", statements[1].ToString());
            Assert.Null(SesPolicyDocument.Problem(json));
        }

        [Theory]
        [InlineData("22222222222")]
        [InlineData("2222222222222")]
        [InlineData("22222222222a")]
        [InlineData(" 222222222222x")]
        [InlineData("")]
        public void Malformed_account_ids_are_refused(string account)
        {
            Assert.NotNull(SesSendingPolicyBuilder.AccountProblem(account));
            Assert.Throws<ArgumentException>(() => SesSendingPolicyBuilder.Build(Arn, new[] { account }, null));
        }

        [Theory]
        [InlineData("o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*")]
        [InlineData("o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ou-ab12-22222222/")]
        [InlineData("o-a1b2c3d4e5/r-ab12/")]
        [InlineData("o-a1b2c3d4e5/*")]
        public void Organization_paths_from_the_org_down_are_accepted(string path) =>
            Assert.Null(SesSendingPolicyBuilder.OrganizationPathProblem(path));

        [Theory]
        [InlineData("o-abc/r-ab12/ou-ab12-11111111/*")]            // organization id shorter than 10
        [InlineData("o-a1b2c3d4e5/ou-ab12-11111111/*")]            // no root
        [InlineData("o-a1b2c3d4e5/r-ab12/ou-ab12-11111111")]       // no closing slash
        [InlineData("r-ab12/ou-ab12-11111111/*")]                  // no organization
        [InlineData("O-A1B2C3D4E5/r-ab12/*")]                      // ids are lower case
        [InlineData("o-a1b2c3d4e5/r-ab12/ou-ab12-1111/*")]         // OU id part shorter than 8
        [InlineData("o-a1b2c3d4e5/r-ab12/*\"}")]                   // JSON injection
        public void Malformed_organization_paths_are_refused(string path)
        {
            Assert.NotNull(SesSendingPolicyBuilder.OrganizationPathProblem(path));
            Assert.Throws<ArgumentException>(() => SesSendingPolicyBuilder.Build(Arn, null, new[] { path }));
        }

        [Fact]
        public void Nothing_to_allow_is_refused() =>
            Assert.Throws<ArgumentException>(() => SesSendingPolicyBuilder.Build(Arn, Array.Empty<string>(), null));

        [Theory]
        [InlineData("us-east-1", "arn:aws:ses:us-east-1:111111111111:identity/user@example.com")]
        [InlineData("cn-north-1", "arn:aws-cn:ses:cn-north-1:111111111111:identity/user@example.com")]
        [InlineData("us-gov-west-1", "arn:aws-us-gov:ses:us-gov-west-1:111111111111:identity/user@example.com")]
        public void Identity_arns_use_the_region_partition(string region, string arn) =>
            Assert.Equal(arn, SesIdentityArn.For(region, "111111111111", "user@example.com"));

        [Fact]
        public void Statements_read_the_single_object_and_string_forms_IAM_allows()
        {
            var s = Assert.Single(SesPolicyDocument.Statements(
                "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::222222222222:root\",\"Service\":[\"ses.amazonaws.com\"]}," +
                "\"Action\":\"ses:SendEmail\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"ses:FromAddress\":[\"a@example.com\",\"b@example.com\"]}}}}"));
            Assert.Equal(new[] { "arn:aws:iam::222222222222:root", "Service:ses.amazonaws.com" }, s.Principals);
            Assert.Equal(new[] { "ses:SendEmail" }, s.Actions);
            Assert.Equal(new[] { "StringEquals ses:FromAddress=a@example.com|b@example.com" }, s.Conditions);
        }

        [Theory]
        [InlineData("not json")]
        [InlineData("[1,2]")]
        [InlineData("{\"Statement\":3}")]
        [InlineData("")]
        public void Statements_of_text_that_is_no_policy_are_empty(string text) => Assert.Empty(SesPolicyDocument.Statements(text));

        [Fact]
        public void Problem_names_what_SES_would_refuse()
        {
            Assert.Contains("not valid JSON", SesPolicyDocument.Problem("{\"Statement\":["));
            Assert.Contains("no Statement", SesPolicyDocument.Problem("{\"Version\":\"2012-10-17\"}"));
            Assert.Contains("not a JSON object", SesPolicyDocument.Problem("[]"));
            var big = "{\"Statement\":[],\"Id\":\"" + new string('x', SesPolicyDocument.MaxBytes) + "\"}";
            Assert.Contains("4096", SesPolicyDocument.Problem(big));
            Assert.Null(SesPolicyDocument.Problem("{\"Statement\":[]}"));
        }

        [Fact]
        public void Diff_names_statements_added_and_removed_and_ignores_layout()
        {
            var one = SesSendingPolicyBuilder.Build(Arn, new[] { "222222222222" }, null);
            var two = SesSendingPolicyBuilder.Build(Arn, new[] { "333333333333" }, null);
            Assert.Equal("- Allow ses:SendEmail,ses:SendRawEmail to 222222222222; + Allow ses:SendEmail,ses:SendRawEmail to 333333333333", SesPolicyDocument.Diff(one, two));
            Assert.Equal("+ Allow ses:SendEmail,ses:SendRawEmail to 222222222222", SesPolicyDocument.Diff(null, one));
            Assert.Equal("- Allow ses:SendEmail,ses:SendRawEmail to 222222222222", SesPolicyDocument.Diff(one, null));
            var compact = JsonSerializer.Serialize(JsonDocument.Parse(one).RootElement);
            Assert.True(SesPolicyDocument.SameJson(one, compact));
            Assert.Equal("no change", SesPolicyDocument.Diff(one, compact));
            Assert.False(SesPolicyDocument.SameJson(one, two));
        }
    }
}
