using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace EmailAuth.PowerShell.Tests.Infrastructure
{
    /// <summary>Paths baked in by the csproj (AssemblyMetadata), so tests find the build output wherever they run.</summary>
    public static class TestPaths
    {
        private static string Meta(string key) =>
            typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
            ?? throw new InvalidOperationException($"AssemblyMetadata '{key}' missing from the test assembly.");

        public static string ModuleManifest => Path.GetFullPath(Meta("EmailAuthModuleManifest"));
        public static string ModuleBase => Path.GetDirectoryName(ModuleManifest)!;
        /// <summary>The folder to put on PSModulePath: out/ (holding EmailAuth/&lt;version&gt;/).</summary>
        public static string ModuleRoot => Path.GetFullPath(Path.Combine(ModuleBase, "..", ".."));
        public static string Version => Meta("EmailAuthVersion");
        public static string RepoRoot => Path.GetFullPath(Meta("RepoRoot"));
        public static string HostDll => Path.GetFullPath(Meta("EmailAuthHostDll"));
        public static string SampleZone => Path.Combine(RepoRoot, "samples", "example.com.zone");
        public static string PsFixtures => Path.Combine(AppContext.BaseDirectory, "Fixtures", "zones", "ps");
    }
}
