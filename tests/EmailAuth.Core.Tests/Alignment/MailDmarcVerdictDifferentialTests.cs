using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using EmailAuth.Core.Alignment;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Domains;
using EmailAuth.Core.Spf;
using EmailAuth.Core.Tests.Dmarc;
using EmailAuth.Core.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace EmailAuth.Core.Tests.Alignment
{
    /// <summary>
    /// DMARC verdicts (result and disposition) of our DmarcEvaluator against Mail::DMARC::PurePerl->validate on the same
    /// knotd zones (tests/Fixtures/zones/dmarc/test.zone) and the same Public Suffix List, over a generated matrix: From
    /// domains with relaxed and strict aspf/adkim, sp=, np=, pct= and t=y, each as the policy domain, an existing
    /// subdomain and a name that does not exist; MAIL FROM and d= at the From domain, its Organizational Domain, a
    /// sibling, another organization and Amazon SES's defaults; SPF pass and softfail. Differences the RFC 9989 update
    /// makes on purpose are listed in <see cref="DmarcVerdictKnownDifferences"/>; any other difference fails.
    /// </summary>
    public class MailDmarcVerdictDifferentialTests : IClassFixture<DmarcZonesFixture>
    {
        private static readonly string[] PolicyDomains =
        {
            "relaxed.test", "strict.test", "spfstrict.test", "dkimstrict.test", "spnone.test", "np.test",
            "pct0.test", "pct100.test", "pct50.test", "testing.test", "monitor.test", "none.test",
        };

        private readonly DmarcZonesFixture _zones;

        private readonly ITestOutputHelper _output;

        public MailDmarcVerdictDifferentialTests(DmarcZonesFixture zones, ITestOutputHelper output)
        {
            _zones = zones;
            _output = output;
        }

        /// <summary>The matrix: every From domain × MAIL FROM/SPF × DKIM signing domains. Deterministic, no randomness.</summary>
        internal static List<VerdictCase> Cases()
        {
            var froms = PolicyDomains.SelectMany(d => new[] { d, "mail." + d, "nosuch." + d }).Append("ghost.test").ToList();
            var cases = new List<VerdictCase>();
            foreach (var from in froms)
            {
                var org = string.Join(".", from.Split('.')[^2..]);
                var mailFroms = new (string? Domain, string Spf)[]
                {
                    (from, "pass"), ("bounce." + org, "pass"), ("sender.test", "pass"), ("us-east-1.amazonses.com", "pass"),
                    (from, "softfail"), (null, "none"),
                };
                var signers = new[]
                {
                    Array.Empty<string>(), new[] { from }, new[] { org }, new[] { "mail." + org }, new[] { "sender.test" },
                    new[] { "amazonses.com" }, new[] { "amazonses.com", from },
                };
                foreach (var (mf, spf) in mailFroms)
                    foreach (var d in signers)
                        cases.Add(new VerdictCase(cases.Count, from, mf, spf, d));
            }
            return cases;
        }

        [MailDmarcFact]
        public async Task Verdicts_match_Mail_DMARC_except_the_known_RFC_9989_differences()
        {
            var dir = Path.Combine(Path.GetTempPath(), "emailauth-maildmarc-verdict-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                // The same list on both sides, with "test" as a public suffix (as in MailDmarcDifferentialTests).
                var psl = Path.Combine(dir, "psl.dat");
                var embedded = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "EmailAuth.Core", "Domains", "PublicSuffixList", "public_suffix_list.dat"));
                File.WriteAllText(psl, File.ReadAllText(embedded) + "\n// test fixtures\ntest\n");
                var ini = Path.Combine(dir, "mail-dmarc.ini");
                File.WriteAllText(ini, $"[dns]\ntimeout = 10\npublic_suffix_list = {psl}\n\n[report_store]\nauto_save = 0\n");

                var cases = Cases();
                var theirs = RunMailDmarc(ini, _zones.Knot.Port, cases);
                var evaluator = new DmarcEvaluator(new CachingDnsResolver(_zones.Resolver()), PublicSuffixList.Load(psl));
                var unexplained = new List<string>();
                var used = new Dictionary<string, int>();
                var differences = 0;
                foreach (var c in cases)
                {
                    var e = await evaluator.EvaluateAsync(c.From, c.MailFrom, Spf(c.Spf), c.Dkim, OrganizationalDomainMethod.PublicSuffixList);
                    var ours = new Verdict(e.Result.ToString().ToLowerInvariant(), e.Disposition.ToString().ToLowerInvariant());
                    var (other, reasons) = theirs[c.Id];
                    if (ours == other) continue;
                    differences++;
                    var known = DmarcVerdictKnownDifferences.All.FirstOrDefault(k => k.Applies(c));
                    if (known != null && known.Accept(ours, other))
                    {
                        used[known.Name] = used.TryGetValue(known.Name, out var n) ? n + 1 : 1;
                        continue;
                    }
                    unexplained.Add($"{c}: ours {ours}, Mail::DMARC {other} [{reasons}]" + (known != null ? $" (not what '{known.Name}' expects)" : ""));
                }
                _output.WriteLine($"{cases.Count} cases, {cases.Count - differences} agree; known differences: " +
                                  string.Join(", ", used.Select(u => $"{u.Key} {u.Value}")));
                Assert.True(unexplained.Count == 0, $"{unexplained.Count} of {cases.Count} cases differ:\n" + string.Join("\n", unexplained.Take(40)));
                // Every listed difference is still real: an entry that no case needs is stale (or the matrix lost its case).
                foreach (var k in DmarcVerdictKnownDifferences.All)
                    Assert.True(used.ContainsKey(k.Name), $"known difference '{k.Name}' was not observed in {cases.Count} cases");
                Assert.True(cases.Count - differences > cases.Count / 2, $"only {cases.Count - differences} of {cases.Count} agree");
            }
            finally { Directory.Delete(dir, recursive: true); }
        }

        [Fact]
        public void The_matrix_covers_every_policy_domain_its_subdomains_and_the_SES_identifiers()
        {
            var cases = Cases();
            Assert.Equal((PolicyDomains.Length * 3 + 1) * 6 * 7, cases.Count);
            Assert.Contains(cases, c => c.From == "nosuch.np.test" && c.MailFrom == "us-east-1.amazonses.com" && c.Dkim.SequenceEqual(new[] { "amazonses.com" }));
            Assert.Equal(cases.Count, cases.Select(c => c.Id).Distinct().Count());
        }

        private static SpfResult Spf(string word) => word switch
        {
            "pass" => SpfResult.Pass,
            "softfail" => SpfResult.SoftFail,
            _ => SpfResult.None,
        };

        private static Dictionary<int, (Verdict Verdict, string Reasons)> RunMailDmarc(string ini, int port, IReadOnlyList<VerdictCase> cases)
        {
            var psi = new ProcessStartInfo(Peers.Require("perl"))
            {
                RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Dmarc", "Peers", "mail-dmarc-validate.pl"));
            psi.ArgumentList.Add(ini);
            psi.ArgumentList.Add(port.ToString());
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            var input = new StringBuilder();
            foreach (var c in cases)
                input.Append(c.Id).Append('\t').Append(c.From).Append('\t').Append(c.MailFrom ?? "").Append('\t').Append(c.Spf)
                     .Append('\t').Append(string.Join(",", c.Dkim)).Append('\n');
            p.StandardInput.Write(input.ToString());
            p.StandardInput.Close();
            Assert.True(p.WaitForExit(600_000), "Mail::DMARC did not finish");
            var lines = stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(lines.Length == cases.Count, $"Mail::DMARC printed {lines.Length} lines for {cases.Count} cases: {stderr.Result}");
            return lines.Select(l => l.Split('\t')).ToDictionary(a => int.Parse(a[0]), a => (new Verdict(a[1], a[2]), a.Length > 3 ? a[3] : ""));
        }
    }
}
