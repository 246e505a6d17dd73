using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using EmailAuth.Core.Tests.Infrastructure;
using Xunit;

namespace EmailAuth.Core.Tests.Audit
{
    /// <summary>
    /// Issue 11 §7: every stable finding code (FindingCodeCatalog, by reflection) is produced by a real inspector on a
    /// fixture (FindingCodeCases): knotd zones, the scripted SERVFAIL server, the HTTPS test server, SES identities,
    /// message facts. A new code, or a new *FindingCodes class, fails here until a case produces it.
    /// </summary>
    public sealed class FindingCodeCoverageTests : IClassFixture<FindingCodeZonesFixture>
    {
        /// <summary>
        /// Codes that truly cannot be produced offline, each with the reason. Every other code needs a case.
        /// </summary>
        private static readonly IReadOnlyDictionary<string, string> NotProducibleOffline = new Dictionary<string, string>(StringComparer.Ordinal)
        {
        };

        private readonly FindingCodeZonesFixture _f;

        public FindingCodeCoverageTests(FindingCodeZonesFixture fixture) => _f = fixture;

        [Fact]
        public void The_catalog_finds_every_code_class_and_codes_are_unique_upper_case_names()
        {
            var names = FindingCodeCatalog.Types.Select(t => t.Name).ToList();
            foreach (var known in new[] { "SpfFindingCodes", "DkimFindingCodes", "DmarcFindingCodes", "DmarcVerdictFindingCodes", "BimiFindingCodes",
                                          "MtaStsFindingCodes", "MxFindingCodes", "TlsRptFindingCodes", "SesFindingCodes", "PostureFindingCodes", "DmarcReportFindingCodes" })
                Assert.Contains(known, names);
            Assert.All(FindingCodeCatalog.Types, t => Assert.True(t.IsAbstract && t.IsSealed, $"{t.Name} should be a static class"));
            var duplicates = FindingCodeCatalog.All.GroupBy(e => e.Code).Where(g => g.Count() > 1).Select(g => string.Join(" = ", g)).ToList();
            Assert.True(duplicates.Count == 0, "codes defined twice: " + string.Join("; ", duplicates));
            Assert.All(FindingCodeCatalog.All, e => Assert.Matches(new Regex("^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$"), e.Code));
        }

        [PeerFact("knotd")]
        public async Task Every_finding_code_is_produced_by_a_fixture_case()
        {
            var producedBy = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            var errors = new List<string>();
            foreach (var c in FindingCodeCases.All())
            {
                try
                {
                    var findings = (await c.Run(_f)).ToList();
                    if (findings.Count == 0) errors.Add($"case '{c.Name}' produced no finding (a dead row)");
                    foreach (var finding in findings)
                    {
                        if (!producedBy.TryGetValue(finding.Code, out var cases)) producedBy[finding.Code] = cases = new List<string>();
                        cases.Add(c.Name);
                    }
                }
                catch (Exception e)
                {
                    errors.Add($"case '{c.Name}' threw {e.GetType().Name}: {e.Message}");
                }
            }

            var catalog = FindingCodeCatalog.All.ToDictionary(e => e.Code, StringComparer.Ordinal);
            var missing = FindingCodeCatalog.All.Where(e => !producedBy.ContainsKey(e.Code) && !NotProducibleOffline.ContainsKey(e.Code)).ToList();
            errors.AddRange(missing.Select(e => $"no case produces {e}"));
            errors.AddRange(NotProducibleOffline.Keys.Where(producedBy.ContainsKey).Select(c => $"{c} is allow-listed but produced: remove it from the list"));
            errors.AddRange(NotProducibleOffline.Keys.Where(c => !catalog.ContainsKey(c)).Select(c => $"{c} is allow-listed but is no code"));
            // A code an inspector emits must be one of the documented constants.
            errors.AddRange(producedBy.Keys.Where(c => !catalog.ContainsKey(c)).Select(c => $"{c} (from {producedBy[c][0]}) is in no *FindingCodes class"));
            Assert.True(errors.Count == 0, $"{errors.Count} problem(s):\n" + string.Join("\n", errors));
        }
    }
}
