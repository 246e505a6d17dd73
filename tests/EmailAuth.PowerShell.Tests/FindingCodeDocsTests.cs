using System.IO;
using System.Linq;
using EmailAuth.PowerShell.Tests.Infrastructure;
using Xunit;

namespace EmailAuth.PowerShell.Tests
{
    /// <summary>Finding codes are a contract: every code the engine can emit is documented for users.</summary>
    public sealed class FindingCodeDocsTests : IClassFixture<PowerShellFixture>
    {
        private readonly PowerShellFixture _ps;
        public FindingCodeDocsTests(PowerShellFixture ps) => _ps = ps;

        [Fact]
        public void Every_spf_finding_code_is_in_the_readme_and_about_help()
        {
            // Read the codes from the module's own assembly, as loaded by Import-Module.
            var r = _ps.RunClean("[EmailAuth.Core.Spf.SpfFindingCodes].GetFields() | ForEach-Object { $_.GetValue($null) }");
            var codes = r.Output.Select(o => o.ToString()).ToList();
            Assert.Contains("SPF_TOO_MANY_LOOKUPS", codes);
            var readme = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "README.md"));
            var about = File.ReadAllText(Path.Combine(TestPaths.ModuleBase, "en-US", "about_EmailAuth.help.txt"));
            Assert.Empty(codes.Where(c => !readme.Contains("`" + c + "`")));
            Assert.Empty(codes.Where(c => !about.Contains(c)));
        }
    }
}
