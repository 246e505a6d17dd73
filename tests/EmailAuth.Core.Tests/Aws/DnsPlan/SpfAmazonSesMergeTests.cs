using EmailAuth.Core.Aws.DnsPlan;
using Xunit;

namespace EmailAuth.Core.Tests.Aws.DnsPlan
{
    public class SpfAmazonSesMergeTests
    {
        [Theory]
        [InlineData("v=spf1 mx -all", "v=spf1 mx include:amazonses.com -all")]
        [InlineData("v=spf1 ip4:192.0.2.1 ?all exp=explain.example.com", "v=spf1 ip4:192.0.2.1 include:amazonses.com ?all exp=explain.example.com")]
        [InlineData("v=spf1 a", "v=spf1 a include:amazonses.com")]
        [InlineData("v=spf1", "v=spf1 include:amazonses.com")]
        [InlineData("V=SPF1 include:AmazonSES.com ~all", "V=SPF1 include:AmazonSES.com ~all")]
        public void Merges_before_all_or_at_the_end(string record, string merged) =>
            Assert.Equal(merged, SpfAmazonSesMerge.TryMerge(record, out _));

        [Theory]
        [InlineData("v=spf1 -include:amazonses.com mx -all")]
        [InlineData("v=spf1 mx redirect=_spf.example.net")]
        [InlineData("v=spf1 include:a.example include:b.example include:c.example include:d.example include:e.example include:f.example include:g.example include:h.example mx -all")]
        [InlineData("v=spf1 ip4:192.0.2.300 -all")]
        [InlineData("v=spf1 mx redirect=a.example redirect=b.example")]
        public void Refuses_what_it_cannot_merge_safely(string record)
        {
            Assert.Null(SpfAmazonSesMerge.TryMerge(record, out var why));
            Assert.False(string.IsNullOrEmpty(why));
        }

        [Fact]
        public void Only_a_passing_include_authorizes_ses()
        {
            Assert.True(SpfAmazonSesMerge.AuthorizesSes("v=spf1 +include:amazonses.com -all"));
            Assert.False(SpfAmazonSesMerge.AuthorizesSes("v=spf1 ~include:amazonses.com -all"));
            Assert.False(SpfAmazonSesMerge.AuthorizesSes("v=spf1 include:amazonses.com.evil.example -all"));
        }
    }
}
