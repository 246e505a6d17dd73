using System.Threading.Tasks;
using EmailAuth.Core.Domains;
using Xunit;

namespace EmailAuth.Core.Tests.Domains
{
    public class OrganizationalDomainResolverTests
    {
        [Theory]
        [InlineData("mail.example.co.uk", "example.co.uk", "co.uk")]
        [InlineData("co.uk", "co.uk", "co.uk")]                 // a public suffix is its own Organizational Domain
        [InlineData("a.b.unlisted-tld", "b.unlisted-tld", "unlisted-tld")]
        public async Task Public_suffix_list_method_needs_no_dns(string name, string org, string suffix)
        {
            var info = await new OrganizationalDomainResolver(null).ResolveAsync(name, OrganizationalDomainMethod.PublicSuffixList);
            Assert.Equal((org, suffix, OrganizationalDomainMethod.PublicSuffixList), (info.OrganizationalDomain, info.PublicSuffix, info.Method));
            Assert.Empty(info.Queries);
            Assert.Equal(PublicSuffixList.EmbeddedSource, info.ListSource);
        }

        [Fact]
        public void Selection_follows_the_rules_longest_first()
        {
            // psd=y at the start is not rule 2; the record with the fewest labels then decides (rule 3).
            var steps = new[]
            {
                new TreeWalkStep("a.b.example.com", "_dmarc.a.b.example.com", EmailAuth.Core.Dns.DnsAnswerStatus.Success, 1, EmailAuth.Core.Dmarc.DmarcParser.Parse("v=DMARC1; psd=y")),
                new TreeWalkStep("b.example.com", "_dmarc.b.example.com", EmailAuth.Core.Dns.DnsAnswerStatus.Success, 1, EmailAuth.Core.Dmarc.DmarcParser.Parse("v=DMARC1; p=none")),
                new TreeWalkStep("example.com", "_dmarc.example.com", EmailAuth.Core.Dns.DnsAnswerStatus.NxDomain, 0, null),
            };
            Assert.Equal("b.example.com", DnsTreeWalk.Select("a.b.example.com", steps).Domain);
        }
    }
}
