using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Spf;
using Xunit;

namespace EmailAuth.Core.Tests.Spf
{
    /// <summary>
    /// The inspector parses a record text once (SpfRecordCache, shared with evaluations) and keeps its duplicate/shadow
    /// analysis on the parse: a bulk audit meets the same include records for every domain. The findings, which name
    /// the domain, are still made per domain.
    /// </summary>
    public sealed class SpfInspectorSharingTests
    {
        [Fact]
        public async Task Inspected_records_are_parsed_once_per_text()
        {
            var tag = Guid.NewGuid().ToString("N").Substring(0, 12);
            var root = $"v=spf1 include:_spf.example.net exists:{tag}.example.net -all";
            var include = $"v=spf1 ip4:198.51.100.0/24 a:{tag}.example.org ~all";
            var zone = new SpfTestZone().Txt("example.com", root).Txt("_spf.example.net", include)
                .A(tag + ".example.net", "192.0.2.1").A(tag + ".example.org", "192.0.2.2");

            var info = await new SpfRecordInspector(zone.Resolver).InspectAsync("example.com");

            Assert.True(info.IsValid);
            Assert.True(SpfRecordCache.Contains(root));
            Assert.True(SpfRecordCache.Contains(include));
            var parsed = SpfRecordCache.Get(root);
            Assert.Same(parsed.Redundancy, SpfRecordCache.Get(root).Redundancy);
        }

        [Fact]
        public async Task A_shared_record_is_linted_for_each_domain_that_publishes_it()
        {
            var record = "v=spf1 ip4:192.0.2.0/24 ip4:192.0.2.0/25 ip4:192.0.2.0/24 include:_spf.example.net -all";
            var zone = new SpfTestZone().Txt("a.example", record).Txt("b.example", record)
                .Txt("_spf.example.net", "v=spf1 ip4:198.51.100.0/24 ip4:198.51.100.0/24 ~all");
            var inspector = new SpfRecordInspector(zone.Resolver);

            var a = await inspector.InspectAsync("a.example");
            var b = await inspector.InspectAsync("b.example");

            Assert.Equal(a.Findings.Select(f => f.Code), b.Findings.Select(f => f.Code));
            Assert.Contains(b.Findings, f => f.Code == SpfFindingCodes.DuplicateTerm && f.Subject == "b.example: ip4:192.0.2.0/24");
            Assert.Contains(b.Findings, f => f.Code == SpfFindingCodes.ShadowedTerm && f.Message.StartsWith("b.example: \"ip4:192.0.2.0/25\" lies inside", StringComparison.Ordinal));
            Assert.DoesNotContain(b.Findings, f => (f.Message + f.Subject).Contains("a.example"));
            // The include target's own findings name it and the term that led there, the same for both roots.
            Assert.Contains(b.Findings, f => f.Code == SpfFindingCodes.DuplicateTerm && f.Subject == "_spf.example.net: ip4:198.51.100.0/24");
            // What the text-only linter says of the same record, domain for domain.
            var text = new SpfRecordInspector(null).InspectText(record, "b.example");
            Assert.Equal(text.Findings.Select(f => f.Code + "|" + f.Message + "|" + f.Subject),
                         b.Findings.Where(f => f.Subject!.StartsWith("b.example", StringComparison.Ordinal)).Select(f => f.Code + "|" + f.Message + "|" + f.Subject));
        }

        [Theory]
        [InlineData("example.com")]
        [InlineData("example.com.")]
        [InlineData(" example.com ")]
        [InlineData("a..b")]
        [InlineData("\u00e4\u00f6.example")]
        [InlineData("a\ud83d\ude00.b")]   // a surrogate pair: 4 octets
        [InlineData("\ud800.b")]           // lone surrogates count as replacement characters, in a label or in the name
        [InlineData("\ud800.\udc00")]
        [InlineData(".")]
        [InlineData("")]
        [InlineData("x")]
        public void Name_wire_length_is_the_sum_over_its_labels(string name)
        {
            // RFC 1035 §3.1: a length octet per label, its octets, and the root's zero octet (the old label-by-label sum).
            var n = DnsName.Normalize(name);
            var expected = n.Length == 0 || n == "." ? 1 : 1 + n.Split('.').Sum(l => 1 + Encoding.UTF8.GetByteCount(l));
            Assert.Equal(expected, SpfLinter.NameWireLength(name));
        }
    }
}
