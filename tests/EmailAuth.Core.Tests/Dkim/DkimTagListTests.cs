using EmailAuth.Core.Dkim;
using Xunit;

namespace EmailAuth.Core.Tests.Dkim
{
    /// <summary>RFC 6376 §3.2 tag-list syntax.</summary>
    public class DkimTagListTests
    {
        [Theory]
        [InlineData("v=DKIM1; p=abc", 2)]
        [InlineData("v=DKIM1;p=abc;", 2)]              // trailing ";" allowed
        [InlineData(" v = DKIM1 ;\tp = a b c ; ", 2)]  // whitespace around names, '=' and values; inside values
        [InlineData("p=", 1)]                            // empty value
        [InlineData("x_1=y; p=", 2)]                     // tag names: ALPHA *(ALPHA / DIGIT / "_")
        public void Parses_valid_lists(string text, int count)
        {
            var tags = DkimTagList.Parse(text, out var error);
            Assert.Null(error);
            Assert.Equal(count, tags!.Tags.Count);
        }

        [Fact]
        public void Keeps_order_and_trims_values()
        {
            var tags = DkimTagList.Parse(" k = rsa ; p = AB CD ", out _)!;
            Assert.Equal("k", tags.Tags[0].Key);
            Assert.Equal("rsa", tags["k"]);
            Assert.Equal("AB CD", tags["p"]);
            Assert.Null(tags["K"]); // names are case-sensitive
        }

        [Theory]
        [InlineData("", "empty")]
        [InlineData("v=DKIM1;; p=", "empty tag-spec")]
        [InlineData("; p=", "empty tag-spec")]
        [InlineData("v=DKIM1; p", "no '='")]
        [InlineData("1k=rsa; p=", "not a tag name")]
        [InlineData("k x=rsa; p=", "not a tag name")]
        [InlineData("p=abc; p=def", "occurs twice")]
        [InlineData("n=caf\u00e9; p=", "U+00E9")]
        public void Rejects_invalid_lists(string text, string reason)
        {
            Assert.Null(DkimTagList.Parse(text, out var error));
            Assert.Contains(reason, error);
        }
    }
}
