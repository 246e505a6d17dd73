using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using EmailAuth.PowerShell.Tests.Infrastructure;
using Xunit;

namespace EmailAuth.PowerShell.Tests
{
    /// <summary>build.ps1 run inside the hosted engine, which has only core cmdlets.</summary>
    public sealed class BuildScriptTests : IClassFixture<BareRunspaceFixture>, IDisposable
    {
        private readonly BareRunspaceFixture _ps;
        private readonly string _out = Path.Combine(Path.GetTempPath(), "emailauth-build-" + Guid.NewGuid().ToString("N"));

        public BuildScriptTests(BareRunspaceFixture ps) => _ps = ps;

        [Fact]
        public void Build_then_Package_produce_an_importable_module_and_a_zip()
        {
            var script = Path.Combine(TestPaths.RepoRoot, "build.ps1");
            var build = _ps.Run("& $args[0] -Task Build -Configuration Release -OutputPath $args[1]", script, _out);
            Assert.True(build.Errors.Count == 0, build.Describe());
            var moduleDir = Path.Combine(_out, "EmailAuth", TestPaths.Version);
            Assert.Equal(moduleDir, build.Output.Last().ToString());
            foreach (var f in new[] { "EmailAuth.psd1", "EmailAuth.dll", "EmailAuth.Core.dll", "DnsClient.dll", "EmailAuth.format.ps1xml",
                                      "EmailAuth.types.ps1xml", "EmailAuth.dll-Help.xml", "en-US/about_EmailAuth.help.txt", "Samples/example.com.zone" })
                Assert.True(File.Exists(Path.Combine(moduleDir, f)), $"{f} missing from {moduleDir}");
            Assert.False(File.Exists(Path.Combine(moduleDir, "System.Management.Automation.dll")));
            var manifest = _ps.Run("Test-ModuleManifest -Path $args[0]", Path.Combine(moduleDir, "EmailAuth.psd1"));
            Assert.True(manifest.Errors.Count == 0, manifest.Describe());
            Assert.Equal(TestPaths.Version, manifest.Output.Single().Str("Version"));

            var package = _ps.Run("& $args[0] -Task Package -Configuration Release -OutputPath $args[1]", script, _out);
            Assert.True(package.Errors.Count == 0, package.Describe());
            var zip = Path.Combine(_out, $"EmailAuth.{TestPaths.Version}.zip");
            Assert.Equal(zip, package.Output.Last().ToString());
            using var archive = ZipFile.OpenRead(zip);
            var entries = archive.Entries.Select(e => e.FullName.Replace('\\', '/')).ToList();
            Assert.Contains("EmailAuth.psd1", entries);
            Assert.Contains("EmailAuth.dll", entries);
            Assert.Contains("en-US/about_EmailAuth.help.txt", entries);
            Assert.Contains("Samples/example.com.zone", entries);
        }

        [Fact]
        public void Unknown_task_is_rejected_before_building()
        {
            var r = _ps.Run("& $args[0] -Task Deploy", Path.Combine(TestPaths.RepoRoot, "build.ps1"));
            Assert.Equal(new[] { "ParameterArgumentValidationError" }, r.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
        }

        public void Dispose()
        {
            if (Directory.Exists(_out)) Directory.Delete(_out, recursive: true);
        }
    }
}
