using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Spf;
using Xunit;

namespace EmailAuth.Core.Tests.Spf
{
    /// <summary>
    /// Duplicate and shadowed-network detection: the same findings as the pairwise rules on any record,
    /// look-ups linear in the number of terms (counted, not timed), and a bounded, reported analysis.
    /// </summary>
    public class SpfRedundantTermsTests
    {
        private const string Truncated = "SPF_ANALYSIS_TRUNCATED"; // literal: the test must compile against the old code

        private static string Repeat(string term, int copies) => "v=spf1 " + string.Join(" ", Enumerable.Repeat(term, copies)) + " -all";

        /// <summary>Terms drawn from small pools so that repeats, equal networks written differently and nesting are common.</summary>
        private static string RandomRecord(Random r, int terms)
        {
            string Pick(params string[] options) => options[r.Next(options.Length)];
            string Qualifier() => r.Next(3) == 0 ? Pick("+", "-", "~", "?") : "";
            string Prefix(params int[] lengths) => r.Next(4) == 0 ? "" : "/" + lengths[r.Next(lengths.Length)];
            string Ip4() => $"{Pick("ip4", "ip4", "IP4")}:{Pick("10", "192")}.{Pick("0", "1")}.{Pick("0", "1", "2", "128")}.{Pick("0", "1", "128", "255")}"
                            + Prefix(0, 8, 16, 17, 24, 25, 31, 32);
            string Ip6() => $"ip6:{Pick("2001:db8", "2001:DB8", "2001:db8:8000")}::{Pick("", "1", "ffff", "1:0:0:1")}"
                            + Prefix(0, 32, 33, 48, 63, 64, 65, 96, 127, 128);
            var list = new List<string>();
            for (var i = 0; i < terms; i++)
            {
                list.Add(r.Next(10) switch
                {
                    < 4 => Qualifier() + Ip4(),
                    < 7 => Qualifier() + Ip6(),
                    7 => Qualifier() + Pick("ip6:::ffff:10.0.0.1", "ip6:::ffff:10.0.0.0/120", "ip4:10.0.0.1", "ip6:::/0"),
                    8 => Qualifier() + Pick("mx", "a", "a:x.example", "A:X.example.", "mx/24", "include:x.example", "ptr", "exists:%{i}.x.example", "all"),
                    _ => Pick("redirect=r.example", "exp=e.example", "foo=bar", "REDIRECT=r.example."),
                });
            }
            return "v=spf1 " + string.Join(" ", list);
        }

        [Fact]
        public void Same_findings_as_the_pairwise_rules_on_random_records()
        {
            var r = new Random(7208);
            for (var n = 0; n < 1500; n++)
            {
                var text = RandomRecord(r, r.Next(1, 80));
                var record = SpfParser.Parse(text); // a repeated redirect=/exp= is a syntax error: linted all the same
                var expected = NaiveRedundantTerms.Findings(record, "example.com");
                var findings = new List<Finding>();
                SpfLinter.LintRecord(record, "example.com", isPolicy: true, findings);
                var actual = findings.Where(f => f.Code == SpfFindingCodes.DuplicateTerm || f.Code == SpfFindingCodes.ShadowedTerm).ToList();
                Assert.True(expected.Select(Show).SequenceEqual(actual.Select(Show)),
                    $"record: {text}\nexpected:\n{string.Join("\n", expected.Select(Show))}\nactual:\n{string.Join("\n", actual.Select(Show))}");
            }
        }

        private static string Show(Finding f) => $"{f.Code} [{f.Subject}] {f.Message}";

        [Fact]
        public void Same_answers_as_the_pairwise_rules_past_the_bound()
        {
            var r = new Random(4632);
            for (var n = 0; n < 10; n++)
            {
                var record = SpfParser.Parse(RandomRecord(r, 2500));
                var naive = NaiveRedundantTerms.Analyse(record.Terms);
                var fast = SpfRedundantTerms.Analyse(record.Terms, int.MaxValue);
                for (var i = 0; i < record.Terms.Count; i++)
                {
                    Assert.Equal(naive.DuplicateOf[i], IndexOf(record, fast.DuplicateOf(i)));
                    Assert.Equal(naive.ShadowedBy[i], IndexOf(record, fast.ShadowedBy(i)));
                }
            }
        }

        private static int IndexOf(SpfRecord record, SpfTerm? term) => term == null ? -1 : record.Terms.ToList().IndexOf(term);

        [Theory]
        [InlineData("ip4:192.0.2.0/24")]
        [InlineData("ip6:2001:db8::/48")]
        [InlineData("mx")]
        public void Lookups_grow_linearly_with_repeated_terms(string term)
        {
            var small = SpfRedundantTerms.Analyse(SpfParser.Parse(Repeat(term, 5_000)).Terms, int.MaxValue);
            var large = SpfRedundantTerms.Analyse(SpfParser.Parse(Repeat(term, 40_000)).Terms, int.MaxValue);
            // Per term: its canonical form, its family, one prefix length in use, its own slot.
            Assert.InRange(small.Probes, 5_000, 4 * 5_001);
            Assert.InRange(large.Probes, 40_000, 4 * 40_001);
        }

        [Fact]
        public void Lookups_per_term_are_bounded_by_the_prefix_lengths_even_when_all_are_used()
        {
            // Every IPv6 prefix length nested, repeated: the worst case for the per-prefix look-ups.
            var nested = Enumerable.Range(0, 129).Select(p => $"ip6:2001:db8::1/{p}").ToList();
            var terms = SpfParser.Parse("v=spf1 " + string.Join(" ", Enumerable.Range(0, 100).SelectMany(_ => nested))).Terms;
            var analysis = SpfRedundantTerms.Analyse(terms, int.MaxValue);
            Assert.InRange(analysis.Probes, terms.Count, (3 + 129) * (long)terms.Count);
        }

        [Fact]
        public void The_pairwise_rules_were_quadratic()
        {
            // What the old linter did for 2,000 copies: each ip4 term against every earlier one.
            var naive = NaiveRedundantTerms.Analyse(SpfParser.Parse(Repeat("ip4:192.0.2.0/24", 2_000)).Terms);
            Assert.Equal(2_000L * 1_999 / 2, naive.Comparisons);
        }

        [Fact]
        public void Record_over_the_bound_reports_truncated_analysis_with_the_counts()
        {
            var info = new SpfRecordInspector(null).InspectText(Repeat("ip4:192.0.2.0/24", 1_500), "example.com");
            var f = Assert.Single(info.Findings, f => f.Code == Truncated);
            Assert.Equal(FindingSeverity.Info, f.Severity);
            Assert.Equal("example.com: the record has 1501 terms; only the first 1000 were checked for duplicate and shadowed terms (501 not checked).", f.Message);
            Assert.Equal(999, info.Findings.Count(x => x.Code == SpfFindingCodes.DuplicateTerm));
            Assert.Equal(1501, info.Terms.Count); // everything else still covers every term
        }

        [Fact]
        public void Checks_other_than_redundancy_still_cover_terms_past_the_bound()
        {
            var info = new SpfRecordInspector(null).InspectText(Repeat("ip4:192.0.2.0/24", 1_200).Replace(" -all", " +all"), "example.com");
            Assert.Single(info.Findings, f => f.Code == SpfFindingCodes.PassAll);
            Assert.Single(info.Findings, f => f.Code == Truncated);
        }

        [Fact]
        public void Record_within_the_bound_has_no_truncation_finding()
        {
            var info = new SpfRecordInspector(null).InspectText(Repeat("ip4:192.0.2.0/24", 999), "example.com");
            Assert.DoesNotContain(info.Findings, f => f.Code == Truncated);
        }

        [Fact]
        public async Task Large_record_fetched_over_dns_is_bounded_too()
        {
            var big = Repeat("ip4:192.0.2.0/24", 3_000);
            var strings = Enumerable.Range(0, (big.Length + 254) / 255).Select(i => big.Substring(i * 255, Math.Min(255, big.Length - i * 255))).ToArray();
            var zone = new SpfTestZone().Txt("example.com", "v=spf1 include:big.example.net -all").Txt("big.example.net", strings);
            var info = await new SpfRecordInspector(zone.Resolver).InspectAsync("example.com");
            var f = Assert.Single(info.Findings, x => x.Code == Truncated);
            Assert.Equal("big.example.net: the record has 3001 terms; only the first 1000 were checked for duplicate and shadowed terms (2001 not checked).", f.Message);
        }
    }
}
