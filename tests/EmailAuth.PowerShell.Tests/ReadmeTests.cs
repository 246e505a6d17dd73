using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using EmailAuth.PowerShell.Tests.Infrastructure;
using Xunit;

namespace EmailAuth.PowerShell.Tests
{
    /// <summary>The README's quick start must work as printed, from the repository root.</summary>
    public sealed class ReadmeTests : IClassFixture<BareRunspaceFixture>
    {
        private readonly BareRunspaceFixture _ps;
        public ReadmeTests(BareRunspaceFixture ps) => _ps = ps;

        /// <summary>The first ```powershell block under the "## Quick start" heading.</summary>
        private static string QuickStart()
        {
            var readme = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "README.md"));
            var m = Regex.Match(readme, @"^## Quick start[^\n]*\n(?:(?!^## ).)*?```powershell\n(?<code>.*?)```", RegexOptions.Singleline | RegexOptions.Multiline);
            Assert.True(m.Success, "README.md has no ```powershell block under '## Quick start'");
            return m.Groups["code"].Value;
        }

        [Fact]
        public void Quick_start_imports_the_built_module_by_its_versioned_path()
        {
            var code = QuickStart();
            var import = code.Split('\n').First(l => l.TrimStart().StartsWith("Import-Module", StringComparison.Ordinal));
            Assert.Contains($"./out/EmailAuth/{TestPaths.Version}/EmailAuth.psd1", import);
        }

        [Fact]
        public void Quick_start_runs_without_errors_from_the_repository_root()
        {
            var r = _ps.Run("$ExecutionContext.SessionState.Path.SetLocation($args[0]) | Out-Null\n" + QuickStart(), TestPaths.RepoRoot);
            Assert.True(r.Errors.Count == 0, r.Describe());
            Assert.True(r.Output.Count >= 3, r.Describe());
        }
    }
}
