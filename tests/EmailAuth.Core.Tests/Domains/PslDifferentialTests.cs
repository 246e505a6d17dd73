using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using EmailAuth.Core.Domains;
using EmailAuth.Core.Tests.Infrastructure;
using Xunit;

namespace EmailAuth.Core.Tests.Domains
{
    /// <summary>
    /// The registrable domain of a few hundred names against Debian's `psl` (libpsl) reading the same list file:
    /// names built from every 40th rule (plain, wildcard, exception) with labels added in front, IDN and unlisted TLDs.
    /// </summary>
    public class PslDifferentialTests
    {
        private static string EmbeddedListPath =>
            Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "EmailAuth.Core", "Domains", "PublicSuffixList", "public_suffix_list.dat"));

        internal static List<string> Names()
        {
            var rules = File.ReadLines(EmbeddedListPath).Select(l => l.Trim())
                .Where(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal)).ToList();
            var names = new List<string>();
            for (var i = 0; i < rules.Count; i += 40)
            {
                var rule = rules[i];
                var body = rule.TrimStart('!').Replace("*.", "w.");
                names.Add(body);
                names.Add("a." + body);
                if (i % 120 == 0) names.Add("x.y.a." + body);
            }
            foreach (var r in rules.Where(r => r.StartsWith("!", StringComparison.Ordinal) || r.StartsWith("*.", StringComparison.Ordinal)))
            {
                var body = r.TrimStart('!').Replace("*.", "q.");
                names.Add(body);
                names.Add("z." + body);
            }
            names.AddRange(new[] { "example", "a.example", "b.a.example", "www.食狮.公司.cn", "食狮.中国", "xn--85x722f.xn--fiqs8s", "foo.blogspot.com", "co.uk", "www.example.co.uk" });
            return names.Distinct().ToList();
        }

        [PeerFact("psl")]
        public void Registrable_domain_matches_libpsl_on_the_same_list()
        {
            var names = Names();
            Assert.InRange(names.Count, 300, 2000);
            var expected = RunPsl(names);
            var list = PublicSuffixList.Embedded;
            var differences = new List<string>();
            for (var i = 0; i < names.Count; i++)
            {
                var ours = list.GetRegistrableDomain(names[i]) ?? "(null)";
                var theirs = expected[i];
                // libpsl answers in the input's form (U-labels for Unicode input); compare in A-labels.
                if (theirs != "(null)") theirs = PublicSuffixList.Embedded.Match(theirs)?.Domain ?? theirs;
                if (ours != theirs) differences.Add($"{names[i]}: ours {ours}, psl {theirs}");
            }
            Assert.True(differences.Count == 0, $"{differences.Count} of {names.Count} differ:\n" + string.Join("\n", differences.Take(30)));
        }

        private static string[] RunPsl(IReadOnlyList<string> names)
        {
            var psi = new ProcessStartInfo(Peers.Require("psl"))
            {
                RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
                StandardInputEncoding = new System.Text.UTF8Encoding(false), StandardOutputEncoding = System.Text.Encoding.UTF8,
            };
            foreach (var a in new[] { "--load-psl-file", EmbeddedListPath, "--print-reg-domain", "-b" }) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            foreach (var n in names) p.StandardInput.WriteLine(n);
            p.StandardInput.Close();
            Assert.True(p.WaitForExit(120_000), "psl did not finish");
            var lines = stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(lines.Length == names.Count, $"psl printed {lines.Length} lines for {names.Count} names: {stderr.Result}");
            return lines.Select(l => l.Trim()).ToArray();
        }
    }
}
