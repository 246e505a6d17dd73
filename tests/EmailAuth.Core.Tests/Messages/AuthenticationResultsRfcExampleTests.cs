using System.Linq;
using EmailAuth.Core.Messages.AuthenticationResults;
using Xunit;

namespace EmailAuth.Core.Tests.Messages
{
    /// <summary>Every example of RFC 8601 appendix B and RFC 8617's ARC-Authentication-Results, as printed there.</summary>
    public class AuthenticationResultsRfcExampleTests
    {
        private static AuthenticationResultInfo Valid(string header)
        {
            var info = AuthenticationResultsParser.Parse(header);
            Assert.True(info.IsValid, string.Join("\n", info.Findings));
            Assert.Empty(info.Findings);
            return info;
        }

        [Fact]
        public void B2_nearly_trivial_case_none()
        {
            var info = Valid("Authentication-Results: example.org 1; none");
            Assert.Equal("Authentication-Results", info.HeaderName);
            Assert.Equal("example.org", info.AuthServId);
            Assert.Equal(1, info.Version);
            Assert.True(info.NoResults);
            Assert.Empty(info.Results);
            Assert.Null(info.Instance);
        }

        [Fact]
        public void B3_service_provided_authentication_done()
        {
            var info = Valid("Authentication-Results: example.com;\r\n          spf=pass smtp.mailfrom=example.net");
            Assert.Null(info.Version);
            var spf = Assert.Single(info.Results);
            Assert.Equal("spf", spf.Method);
            Assert.Equal("pass", spf.Result);
            Assert.Equal("example.net", spf.GetProperty("smtp.mailfrom"));
            Assert.False(info.NoResults);
        }

        [Fact]
        public void B4_several_authentications_single_mta()
        {
            var info = Valid("Authentication-Results: example.com;\r\n" +
                             "          auth=pass (cram-md5) smtp.auth=sender@example.net;\r\n" +
                             "          spf=pass smtp.mailfrom=example.net");
            Assert.Equal(new[] { "auth", "spf" }, info.Results.Select(r => r.Method));
            Assert.Equal("cram-md5", info.Results[0].Comment);
            Assert.Equal("sender@example.net", info.Results[0].GetProperty("smtp.auth"));
            Assert.Equal("example.net", info.Results[1].GetProperty("smtp.mailfrom"));

            var iprev = Valid("Authentication-Results: example.com; iprev=pass\r\n          policy.iprev=192.0.2.200");
            Assert.Equal("192.0.2.200", Assert.Single(iprev.Results).GetProperty("policy.iprev"));
        }

        [Fact]
        public void B5_several_authentications_different_mtas()
        {
            var first = Valid("Authentication-Results: example.com;\r\n          dkim=pass (good signature) header.d=example.com");
            var dkim = Assert.Single(first.Results);
            Assert.Equal("good signature", dkim.Comment);
            Assert.Equal("example.com", dkim.GetProperty("header.d"));

            var second = Valid("Authentication-Results: example.com;\r\n" +
                               "          auth=pass (cram-md5) smtp.auth=sender@example.com;\r\n" +
                               "          spf=fail smtp.mailfrom=example.com");
            Assert.Equal(new[] { "auth=pass", "spf=fail" }, second.Results.Select(r => r.Method + "=" + r.Result));
        }

        [Fact]
        public void B6_multi_tiered_authentication()
        {
            var info = Valid("Authentication-Results: example.com;\r\n" +
                             "      dkim=pass reason=\"good signature\"\r\n" +
                             "        header.i=@mail-router.example.net;\r\n" +
                             "      dkim=fail reason=\"bad signature\"\r\n" +
                             "        header.i=@newyork.example.com");
            Assert.Equal(2, info.Results.Count);
            Assert.Equal("good signature", info.Results[0].Reason);
            Assert.Equal("@mail-router.example.net", info.Results[0].GetProperty("header.i"));
            Assert.Equal("fail", info.Results[1].Result);
            Assert.Equal("bad signature", info.Results[1].Reason);
            Assert.Equal("@newyork.example.com", info.Results[1].GetProperty("header.i"));

            var upstream = Valid("Authentication-Results: example.net;\r\n      dkim=pass (good signature) header.i=@newyork.example.com");
            Assert.Equal("example.net", upstream.AuthServId);
        }

        [Fact]
        public void B7_comment_heavy_example()
        {
            var info = Valid("Authentication-Results: foo.example.net (foobar) 1 (baz);\r\n" +
                             "    dkim (Because I like it) / 1 (One yay) = (wait for it) fail\r\n" +
                             "      policy (A dot can go here) . (like that) expired\r\n" +
                             "      (this surprised me) = (as I wasn't expecting it) 1362471462");
            Assert.Equal("foo.example.net", info.AuthServId);
            Assert.Equal(1, info.Version);
            Assert.Equal(new[] { "foobar", "baz" }, info.Comments);
            var dkim = Assert.Single(info.Results);
            Assert.Equal("dkim", dkim.Method);
            Assert.Equal(1, dkim.MethodVersion);
            Assert.Equal("fail", dkim.Result);
            Assert.Equal("1362471462", dkim.GetProperty("policy.expired"));
            Assert.Equal("Because I like it; One yay; wait for it; A dot can go here; like that; this surprised me; as I wasn't expecting it", dkim.Comment);
        }

        [Fact]
        public void Rfc8617_arc_authentication_results_example()
        {
            var info = Valid("ARC-Authentication-Results: i=1; lists.example.org;\r\n" +
                             "    spf=pass smtp.mfrom=jqd@d1.example;\r\n" +
                             "    dkim=pass (1024-bit key) header.i=@d1.example;\r\n" +
                             "    dmarc=pass");
            Assert.Equal("ARC-Authentication-Results", info.HeaderName);
            Assert.Equal(1, info.Instance);
            Assert.Equal("lists.example.org", info.AuthServId);
            Assert.Equal(new[] { "spf", "dkim", "dmarc" }, info.Results.Select(r => r.Method));
            Assert.Equal("jqd@d1.example", info.Results[0].GetProperty("smtp.mfrom"));
            Assert.Equal("1024-bit key", info.Results[1].Comment);
            Assert.Empty(info.Results[2].Properties);
        }

        [Fact]
        public void An_arc_header_without_its_name_is_recognised_by_i()
        {
            var info = Valid("i=2; mx.example.net; arc=pass");
            Assert.Equal("ARC-Authentication-Results", info.HeaderName);
            Assert.Equal(2, info.Instance);
        }

        [Fact]
        public void The_header_without_its_field_name_parses_the_same()
        {
            var named = Valid("Authentication-Results: example.com; spf=pass smtp.mailfrom=example.net");
            var bare = Valid("example.com; spf=pass smtp.mailfrom=example.net");
            Assert.Equal(named.ToString(), bare.ToString());
            Assert.Equal("Authentication-Results", bare.HeaderName);
        }
    }
}
