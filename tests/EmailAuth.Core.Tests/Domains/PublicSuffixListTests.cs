using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using EmailAuth.Core.Domains;
using Xunit;

namespace EmailAuth.Core.Tests.Domains
{
    /// <summary>The published PSL algorithm on the embedded list, checked with the list's own test cases.</summary>
    public class PublicSuffixListTests
    {
        private static readonly IdnMapping Idn = new IdnMapping();

        /// <summary>Every checkPublicSuffix(input, expected) line of tests/Fixtures/psl/test_psl.txt (commented lines skipped).</summary>
        public static IEnumerable<object?[]> OfficialCases()
        {
            var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "psl", "test_psl.txt");
            var pattern = new Regex(@"^checkPublicSuffix\((null|'([^']*)'),\s*(null|'([^']*)')\);");
            foreach (var line in File.ReadLines(path))
            {
                var m = pattern.Match(line.Trim());
                if (!m.Success) continue;
                yield return new object?[] { m.Groups[1].Value == "null" ? null : m.Groups[2].Value, m.Groups[3].Value == "null" ? null : m.Groups[4].Value };
            }
        }

        [Fact]
        public void The_official_test_file_is_read_in_full()
        {
            Assert.Equal(78, OfficialCases().Count()); // 82 lines, 4 of them commented out
        }

        [Theory]
        [MemberData(nameof(OfficialCases))]
        public void Official_checkPublicSuffix_cases(string? input, string? expected)
        {
            // The file gives Unicode results for Unicode input; the list compares and answers in A-labels.
            var expectedAscii = expected == null ? null : Idn.GetAscii(expected).ToLowerInvariant();
            Assert.Equal(expectedAscii, PublicSuffixList.Embedded.GetRegistrableDomain(input));
        }

        [Theory]
        [InlineData("www.example.co.uk.", "example.co.uk")]   // trailing dot ignored
        [InlineData("WWW.EXAMPLE.CO.UK", "example.co.uk")]
        [InlineData("foo.blogspot.com", "foo.blogspot.com")]   // PRIVATE section applies
        [InlineData("a.foo.blogspot.com", "foo.blogspot.com")]
        [InlineData("faß.de", "xn--fa-hia.de")]                // IDNA 2008, not transitional "fass.de"
        public void Names_are_compared_case_insensitive_in_punycode(string input, string expected)
        {
            Assert.Equal(expected, PublicSuffixList.Embedded.GetRegistrableDomain(input));
        }

        [Fact]
        public void Match_names_the_rule_and_section()
        {
            var list = PublicSuffixList.Embedded;
            var icann = list.Match("www.city.kobe.jp")!;
            Assert.Equal(("kobe.jp", "city.kobe.jp", "!city.kobe.jp", PublicSuffixSection.Icann),
                         (icann.PublicSuffix, icann.RegistrableDomain, icann.Rule, icann.Section));
            var wildcard = list.Match("b.c.kobe.jp")!;
            Assert.Equal(("c.kobe.jp", "*.kobe.jp"), (wildcard.PublicSuffix, wildcard.Rule));
            var priv = list.Match("x.blogspot.com")!;
            Assert.Equal(("blogspot.com", PublicSuffixSection.Private), (priv.PublicSuffix, priv.Section));
            var implicitRule = list.Match("a.b.unlisted-tld")!;
            Assert.Equal(("unlisted-tld", "b.unlisted-tld", "*", PublicSuffixSection.None),
                         (implicitRule.PublicSuffix, implicitRule.RegistrableDomain, implicitRule.Rule, implicitRule.Section));
            Assert.True(list.RuleCount > 9000);
            Assert.Empty(list.Warnings);
            Assert.Contains("e8c9a2b", list.Source);
        }

        [Theory]
        [InlineData("")]
        [InlineData(".")]
        [InlineData("a..b.com")]
        [InlineData(".example.com")]
        public void Malformed_names_give_null(string input)
        {
            Assert.Null(PublicSuffixList.Embedded.Match(input));
        }

        [Fact]
        public void Another_list_is_loaded_from_a_file_with_its_own_rules()
        {
            var path = Path.GetTempFileName();
            try
            {
                File.WriteAllText(path, "// ===BEGIN ICANN DOMAINS===\nexample\n*.wild.example\n!keep.wild.example\nbad..rule\n// ===END ICANN DOMAINS===\n");
                var list = PublicSuffixList.Load(path);
                Assert.Equal(path, list.Source);
                Assert.Equal(3, list.RuleCount);
                Assert.Single(list.Warnings);
                Assert.Equal("a.example", list.GetRegistrableDomain("x.a.example"));
                Assert.Null(list.GetRegistrableDomain("x.wild.example"));
                Assert.Equal("y.x.wild.example", list.GetRegistrableDomain("z.y.x.wild.example"));
                Assert.Equal("keep.wild.example", list.GetRegistrableDomain("a.keep.wild.example"));
                // The embedded list knows co.uk; this one does not.
                Assert.Equal("co.uk", list.GetRegistrableDomain("www.co.uk"));
            }
            finally { File.Delete(path); }
        }

        [Fact]
        public void A_file_over_the_size_bound_is_refused_without_reading_it()
        {
            var path = Path.GetTempFileName();
            try
            {
                using (var f = new FileStream(path, FileMode.Create)) f.SetLength(PublicSuffixList.MaxFileBytes + 1);
                var e = Assert.Throws<InvalidDataException>(() => PublicSuffixList.Load(path));
                Assert.Contains("read only up to", e.Message);
            }
            finally { File.Delete(path); }
        }

        [Fact]
        public void A_stream_without_length_is_cut_at_the_bound()
        {
            var e = Assert.Throws<InvalidDataException>(() => PublicSuffixList.Parse(new EndlessStream(), "endless"));
            Assert.Contains("endless", e.Message);
        }

        [Fact]
        public void A_file_without_rules_is_refused()
        {
            var path = Path.GetTempFileName();
            try
            {
                File.WriteAllText(path, "<html>not a list</html>\n");
                Assert.Throws<InvalidDataException>(() => PublicSuffixList.Load(path));
            }
            finally { File.Delete(path); }
        }

        [Theory]
        [InlineData("a.foo", "", "foo")]
        [InlineData("b.a.foo", "", "foo")]
        [InlineData("foo", "", "foo")]
        public void A_one_label_exception_rule_leaves_no_public_suffix(string domain, string suffix, string registrable)
        {
            // A custom list may hold "!foo": the exception loses its only label (PSL algorithm step 5), so the public
            // suffix is empty and the registrable domain is "foo" itself. Matching reads the labels in place: no label
            // past the end may be read for the empty suffix.
            var list = PublicSuffixList.Parse(new StringReader("!foo\n"), "test");
            var match = list.Match(domain)!;
            Assert.Equal(suffix, match.PublicSuffix);
            Assert.Equal(registrable, match.RegistrableDomain);
            Assert.Equal("!foo", match.Rule);
        }

        /// <summary>"com\n" forever, and no Length: only the byte bound ends the read.</summary>
        private sealed class EndlessStream : Stream
        {
            public override int Read(byte[] buffer, int offset, int count)
            {
                for (var i = 0; i < count; i++) buffer[offset + i] = (byte)((i % 4) == 3 ? '\n' : "com"[i % 4]);
                return count;
            }
            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => 0; set => throw new NotSupportedException(); }
            public override void Flush() { }
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
