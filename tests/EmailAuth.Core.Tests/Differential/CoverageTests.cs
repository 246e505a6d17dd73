using System.Linq;
using Xunit;

namespace EmailAuth.Core.Tests.Differential
{
    /// <summary>The generated set covers every class the differential test promises (no peers needed).</summary>
    public sealed class DifferentialCoverageTests
    {
        [Fact]
        public void Generated_scenarios_cover_every_mechanism_qualifier_macro_and_limit()
        {
            var scenarios = ScenarioGenerator.Generate();
            Assert.True(scenarios.Count >= 500, $"only {scenarios.Count} scenarios");
            var covered = Coverage.Of(scenarios);
            var missing = Coverage.Required().Where(r => !covered.Contains(r)).ToList();
            Assert.True(missing.Count == 0, "not covered: " + string.Join(", ", missing));
        }

        [Fact]
        public void Every_known_difference_has_scenarios_with_an_RFC_expectation()
        {
            var scenarios = ScenarioGenerator.Generate();
            foreach (var e in KnownDifferences.All)
            {
                var hits = scenarios.Where(e.Applies).ToList();
                Assert.True(hits.Count > 0, $"no scenario for known difference {e.Name}");
                Assert.True(e.Accept != null || hits.All(s => s.RfcResult != null), $"{e.Name}: scenario without RfcResult");
            }
        }

        [Fact]
        public void Generation_is_deterministic_and_zones_are_well_formed()
        {
            var a = ScenarioGenerator.Generate();
            var b = ScenarioGenerator.Generate();
            Assert.Equal(a.Select(s => s.Describe()), b.Select(s => s.Describe()));
            var zones = ZoneWriter.Write(a);
            Assert.Equal(ZoneWriter.Origins, zones.Select(z => z.Origin));
        }
    }
}
