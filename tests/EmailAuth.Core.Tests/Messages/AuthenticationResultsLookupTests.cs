using System.Linq;
using EmailAuth.Core.Messages.AuthenticationResults;
using Xunit;

namespace EmailAuth.Core.Tests.Messages
{
    public class AuthenticationResultsLookupTests
    {
        private static readonly AuthenticationResultInfo[] Headers = AuthenticationResultsParser.ParseFields(
            "Authentication-Results: MX.Google.com; spf=pass smtp.mailfrom=bounce@amazonses.com; dkim=pass header.d=amazonses.com\r\n" +
            "ARC-Authentication-Results: i=1; mx.google.com; spf=fail smtp.mailfrom=other.example\r\n" +
            "Authentication-Results: forged.example; spf=pass smtp.mailfrom=forged.example\r\n").ToArray();

        [Fact]
        public void Finds_what_one_receiver_reported_for_a_method()
        {
            var spf = AuthenticationResultsLookup.FindFirst(Headers, "mx.google.com", "SPF");
            Assert.NotNull(spf);
            Assert.Equal("pass", spf!.Result);
            Assert.Equal("bounce@amazonses.com", spf.GetProperty("smtp.mailfrom"));
        }

        [Fact]
        public void Arc_results_only_when_the_instance_is_asked_for()
        {
            Assert.Single(AuthenticationResultsLookup.Find(Headers, "mx.google.com", "spf"));
            Assert.Equal("fail", AuthenticationResultsLookup.FindFirst(Headers, "mx.google.com", "spf", arcInstance: 1)!.Result);
            Assert.Null(AuthenticationResultsLookup.FindFirst(Headers, "mx.google.com", "spf", arcInstance: 2));
        }

        [Fact]
        public void Other_receivers_and_methods_are_not_mixed_in()
        {
            Assert.Null(AuthenticationResultsLookup.FindFirst(Headers, "mx.google.com", "dmarc"));
            Assert.Equal("forged.example", AuthenticationResultsLookup.FindFirst(Headers, "forged.example", "spf")!.GetProperty("smtp.mailfrom"));
            Assert.Equal(new[] { "MX.Google.com", "forged.example" }, AuthenticationResultsLookup.AuthServIds(Headers));
        }
    }
}
