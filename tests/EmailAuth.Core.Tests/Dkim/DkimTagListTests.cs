using System.Linq;
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
        [InlineData(" \t ", "the record is empty")]
        [InlineData("p=a; \r\n ;", "empty tag-spec at position 2")]
        [InlineData("p=a;  x y ", "'x y' has no '='")]
        public void Rejects_invalid_lists(string text, string reason)
        {
            Assert.Null(DkimTagList.Parse(text, out var error));
            Assert.Contains(reason, error);
        }

        [Theory]
        [InlineData(3)]
        [InlineData(15)]
        [InlineData(16)]
        [InlineData(17)]
        [InlineData(40)]
        public void A_duplicate_is_found_among_few_tags_and_among_many(int distinct)
        {
            // Up to 16 tags are compared one by one, more through a set: both must see the repeat, wherever it is.
            var names = System.Linq.Enumerable.Range(0, distinct).Select(i => "t" + i).ToList();
            foreach (var repeated in new[] { names[0], names[distinct / 2], names[distinct - 1] })
            {
                var text = string.Join("; ", names.Select(n => n + "=1")) + "; " + repeated + "=2";
                Assert.Null(DkimTagList.Parse(text, out var error));
                Assert.Equal($"the tag {repeated}= occurs twice; the whole record is invalid (RFC 6376 §3.2)", error);
            }
            Assert.Equal(distinct, DkimTagList.Parse(string.Join(";", names.Select(n => n + "=1")), out _)!.Tags.Count);
        }

        [Fact]
        public void Values_keep_inner_whitespace_and_lose_only_the_outer()
        {
            var tags = DkimTagList.Parse("\tv=DKIM1 ;p=\r\n AB\tCD \n", out _)!;
            Assert.Equal("DKIM1", tags["v"]);
            Assert.Equal("AB\tCD", tags["p"]);
        }
    }
}
