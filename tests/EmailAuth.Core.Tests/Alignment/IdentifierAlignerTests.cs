using System;
using System.Threading.Tasks;
using EmailAuth.Core.Alignment;
using EmailAuth.Core.Dmarc;
using EmailAuth.Core.Domains;
using Xunit;

namespace EmailAuth.Core.Tests.Alignment
{
    /// <summary>RFC 7489 §3.1 / RFC 9989 identifier alignment: strict and relaxed, by tree walk and by the PSL.</summary>
    public class IdentifierAlignerTests
    {
        private static Task<AlignmentResult> Walk(string from, string auth, DmarcAlignmentMode? mode,
                                                  AlignmentIdentifier id = AlignmentIdentifier.Spf) =>
            new IdentifierAligner(AlignmentZone.Resolver).CheckAsync(id, from, auth, mode);

        private static Task<AlignmentResult> Psl(string from, string auth, DmarcAlignmentMode mode) =>
            new IdentifierAligner(null, OrganizationalDomainMethod.PublicSuffixList).CheckAsync(AlignmentIdentifier.Dkim, from, auth, mode);

        [Theory]
        [InlineData("example.test", "mail.example.test")] // authenticated domain below the From domain
        [InlineData("mail.example.test", "example.test")] // From domain below the authenticated domain
        [InlineData("mail.example.test", "bounce.example.test")] // siblings under one Organizational Domain
        public async Task Relaxed_aligns_subdomains_both_ways(string from, string auth)
        {
            var r = await Walk(from, auth, DmarcAlignmentMode.Relaxed);
            Assert.True(r.Aligned, r.Reason);
            Assert.Equal(("example.test", "example.test"), (r.FromOrganizationalDomain, r.AuthenticatedOrganizationalDomain));
            Assert.Contains("share the Organizational Domain example.test", r.Reason);
        }

        [Theory]
        [InlineData("example.test", "mail.example.test")]
        [InlineData("mail.example.test", "example.test")]
        public async Task Strict_needs_the_exact_name_and_says_relaxed_would_pass(string from, string auth)
        {
            var r = await Walk(from, auth, DmarcAlignmentMode.Strict);
            Assert.False(r.Aligned);
            Assert.Contains("relaxed alignment would pass", r.Reason);
        }

        [Theory]
        [InlineData("Example.TEST", "example.test.")]
        [InlineData("example.test.", "EXAMPLE.test")]
        [InlineData("user@Example.Test", "example.test")] // addresses give their domain
        [InlineData("Alice <alice@example.test>", "example.test")]
        public async Task Strict_ignores_case_and_the_trailing_dot(string from, string auth)
        {
            var r = await Walk(from, auth, DmarcAlignmentMode.Strict);
            Assert.True(r.Aligned, r.Reason);
            Assert.Equal(("example.test", "example.test"), (r.FromDomain, r.AuthenticatedDomain));
            Assert.Null(r.FromOrganizationalDomain); // identical names need no look-up
        }

        [Fact]
        public async Task Different_organizations_do_not_align()
        {
            var r = await Walk("example.test", "sender.test", DmarcAlignmentMode.Relaxed, AlignmentIdentifier.Dkim);
            Assert.False(r.Aligned);
            Assert.Null(r.Error);
            Assert.Equal("The DKIM signing domain (d=) sender.test (Organizational Domain sender.test) is not under the From domain's Organizational Domain example.test: not aligned.", r.Reason);
        }

        [Fact]
        public async Task A_public_suffix_domain_separates_its_children()
        {
            // _dmarc.psd.test has psd=y: a.psd.test and b.psd.test are two organizations (RFC 9989 tree walk).
            Assert.True((await Walk("a.psd.test", "x.a.psd.test", DmarcAlignmentMode.Relaxed)).Aligned);
            var r = await Walk("a.psd.test", "b.psd.test", DmarcAlignmentMode.Relaxed);
            Assert.False(r.Aligned);
            Assert.Equal(("a.psd.test", "b.psd.test"), (r.FromOrganizationalDomain, r.AuthenticatedOrganizationalDomain));
        }

        [Theory]
        [InlineData("example.co.uk", "mail.example.co.uk", true)]
        [InlineData("example.co.uk", "other.co.uk", false)] // co.uk is a public suffix
        [InlineData("example.co.uk", "co.uk", false)] // a public suffix is its own Organizational Domain
        [InlineData("alice.github.io", "bob.github.io", false)] // PRIVATE section
        [InlineData("www.alice.github.io", "alice.github.io", true)]
        public async Task Psl_method_respects_public_suffix_boundaries(string from, string auth, bool aligned)
        {
            var r = await Psl(from, auth, DmarcAlignmentMode.Relaxed);
            Assert.Equal(aligned, r.Aligned);
        }

        [Fact]
        public async Task Idn_u_labels_compare_as_a_labels()
        {
            var r = await Walk("mail.bücher.test", "XN--BCHER-KVA.test", DmarcAlignmentMode.Relaxed);
            Assert.True(r.Aligned, r.Reason);
            Assert.Equal(("mail.xn--bcher-kva.test", "xn--bcher-kva.test"), (r.FromDomain, r.AuthenticatedDomain));
            Assert.True((await Walk("bücher.test", "xn--bcher-kva.test", DmarcAlignmentMode.Strict)).Aligned);
        }

        [Theory]
        [InlineData("strict.test", DmarcAlignmentMode.Strict, "aspf=s at _dmarc.strict.test")]
        [InlineData("example.test", DmarcAlignmentMode.Relaxed, "aspf=r (default) at _dmarc.example.test")]
        [InlineData("nodmarc.test", DmarcAlignmentMode.Relaxed, "default (no DMARC record applies to nodmarc.test: aspf=r)")]
        public async Task Without_a_mode_the_published_one_applies(string from, DmarcAlignmentMode mode, string source)
        {
            var r = await Walk(from, "mail." + from, null);
            Assert.Equal((mode, source), (r.Mode, r.ModeSource));
            Assert.Equal(mode == DmarcAlignmentMode.Relaxed && from != "nodmarc.test", r.Aligned);
        }

        [Fact]
        public async Task Bad_names_are_argument_errors()
        {
            var aligner = new IdentifierAligner(AlignmentZone.Resolver);
            await Assert.ThrowsAsync<ArgumentException>(() => aligner.CheckAsync(AlignmentIdentifier.Spf, "bad..name", "example.test", DmarcAlignmentMode.Strict));
        }
    }
}
