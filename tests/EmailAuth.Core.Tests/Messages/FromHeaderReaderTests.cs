using System.IO;
using System.Linq;
using System.Text;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Messages;
using MimeKit;
using Xunit;

namespace EmailAuth.Core.Tests.Messages
{
    /// <summary>RFC 7489 §6.6.1: exactly one From field with one address (or one domain), else a finding and no verdict.</summary>
    public sealed class FromHeaderReaderTests
    {
        private static FromIdentity Read(params string[] headers)
        {
            using var m = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(MessageTestKit.Message(headers))));
            return FromHeaderReader.Read(m);
        }

        [Fact]
        public void One_address_gives_its_domain_lower_case()
        {
            var f = Read("From: Shop <News@Shop.EXAMPLE>", "Subject: x");
            Assert.Equal("shop.example", f.Domain);
            Assert.Contains("News@Shop.EXAMPLE", f.From);
            Assert.Empty(f.Findings);
        }

        [Fact]
        public void No_From_field() => AssertNoVerdict(Read("Subject: x", "To: a@b.example"), MessageFindingCodes.FromMissing);

        [Fact]
        public void Two_From_fields() => AssertNoVerdict(Read("From: a@shop.example", "From: b@shop.example", "Subject: x"), MessageFindingCodes.FromMultipleFields);

        [Fact]
        public void Addresses_of_two_domains_give_no_verdict() =>
            AssertNoVerdict(Read("From: a@shop.example, b@esp.example", "Subject: x"), MessageFindingCodes.FromMultipleAddresses);

        [Fact]
        public void Addresses_of_one_domain_are_evaluated_once_with_a_warning()
        {
            var f = Read("From: a@shop.example, \"B\" <b@SHOP.example>", "Subject: x");
            Assert.Equal("shop.example", f.Domain);
            var finding = Assert.Single(f.Findings);
            Assert.Equal(MessageFindingCodes.FromMultipleAddresses, finding.Code);
            Assert.Equal(FindingSeverity.Warning, finding.Severity);
        }

        [Theory]
        [InlineData("From: undisclosed-recipients:;")]   // an empty group
        [InlineData("From: not an address")]
        [InlineData("From: a@localhost")]                // one label: no DMARC domain (RFC 7208 §4.3 rule shared by every cmdlet)
        [InlineData("From: a@-bad-.example")]
        public void From_without_a_usable_domain(string header) => AssertNoVerdict(Read(header, "Subject: x"), MessageFindingCodes.FromInvalidDomain);

        [Fact]
        public void An_internationalized_domain_is_evaluated_in_A_labels()
        {
            // RFC 6532 UTF-8 header; DMARC looks up _dmarc.xn--bcher-kva.example (RFC 5890 A-labels).
            var f = Read("From: Bücher <info@bücher.example>", "Subject: x");
            Assert.Equal("xn--bcher-kva.example", f.Domain);
            Assert.Empty(f.Findings);
        }

        private static void AssertNoVerdict(FromIdentity f, string code)
        {
            Assert.Null(f.Domain);
            Assert.Equal(code, Assert.Single(f.Findings).Code);
            Assert.Equal(FindingSeverity.Error, f.Findings.Single().Severity);
        }
    }
}
