using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Xml.Linq;
using EmailAuth.PowerShell.Tests.Infrastructure;
using Xunit;

namespace EmailAuth.PowerShell.Tests
{
    public sealed class ManifestTests : IClassFixture<PowerShellFixture>
    {
        private readonly PowerShellFixture _ps;
        public ManifestTests(PowerShellFixture ps) => _ps = ps;

        [Fact]
        public void Built_manifest_passes_Test_ModuleManifest_with_the_build_version()
        {
            var info = Assert.Single(_ps.RunClean("Test-ModuleManifest -Path $args[0]", TestPaths.ModuleManifest).Output);
            Assert.Equal(TestPaths.Version, info.Str("Version"));
            Assert.Equal("EmailAuth.dll", Path.GetFileName(info.Str("RootModule")));
            var dllVersion = AssemblyName.GetAssemblyName(Path.Combine(TestPaths.ModuleBase, "EmailAuth.dll")).Version!;
            Assert.Equal(TestPaths.Version, dllVersion.ToString(3));
        }

        [Fact]
        public void Manifest_exports_exactly_the_cmdlets_in_the_assembly()
        {
            var inAssembly = _ps.RunClean(
                "(Get-Module EmailAuth).ImplementingAssembly.GetTypes() | ForEach-Object { " +
                "  $a = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false); " +
                "  if ($a) { $a[0].VerbName + '-' + $a[0].NounName } }").Output.Select(o => o.ToString()).OrderBy(n => n);
            var exported = _ps.RunClean("(Test-ModuleManifest -Path $args[0]).ExportedCmdlets.Keys", TestPaths.ModuleManifest)
                .Output.Select(o => o.ToString()).OrderBy(n => n);
            Assert.Equal(inAssembly, exported);
            Assert.Empty(_ps.RunClean("(Get-Module EmailAuth).ExportedFunctions.Keys; (Get-Module EmailAuth).ExportedAliases.Keys").Output);
        }

        [Fact]
        public void Module_folder_holds_dependencies_help_and_samples_but_not_the_engine()
        {
            var files = Directory.GetFiles(TestPaths.ModuleBase, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(TestPaths.ModuleBase, f).Replace('\\', '/')).ToList();
            foreach (var expected in new[] { "EmailAuth.psd1", "EmailAuth.dll", "EmailAuth.Core.dll", "DnsClient.dll",
                     "EmailAuth.format.ps1xml", "EmailAuth.types.ps1xml", "EmailAuth.dll-Help.xml",
                     "en-US/EmailAuth.dll-Help.xml", "en-US/about_EmailAuth.help.txt", "Samples/example.com.zone" })
                Assert.Contains(expected, files);
            Assert.DoesNotContain(files, f => f.StartsWith("System.Management.Automation", StringComparison.Ordinal));
        }

        /// <summary>Catches a misspelt property in types.ps1xml or format.ps1xml: it would silently show nothing.</summary>
        [Fact]
        public void Format_and_type_files_name_real_properties()
        {
            var core = AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == "EmailAuth.Core");
            var types = XDocument.Load(Path.Combine(TestPaths.ModuleBase, "EmailAuth.types.ps1xml"));
            var checkedCount = 0;
            foreach (var type in types.Root!.Elements("Type"))
            {
                var clr = core.GetType(type.Element("Name")!.Value, throwOnError: true)!;
                foreach (var name in type.Descendants("ReferencedProperties").Elements("Name"))
                {
                    Assert.True(clr.GetProperty(name.Value) != null, $"{clr.Name} has no property {name.Value} (types.ps1xml)");
                    checkedCount++;
                }
            }
            var formats = XDocument.Load(Path.Combine(TestPaths.ModuleBase, "EmailAuth.format.ps1xml"));
            foreach (var view in formats.Descendants("View"))
            {
                var clr = core.GetType(view.Element("ViewSelectedBy")!.Element("TypeName")!.Value, throwOnError: true)!;
                foreach (var name in view.Descendants("PropertyName"))
                {
                    Assert.True(clr.GetProperty(name.Value) != null, $"{clr.Name} has no property {name.Value} (format.ps1xml)");
                    checkedCount++;
                }
            }
            Assert.True(checkedCount > 20);
        }

        [Fact]
        public void Default_display_set_is_applied_to_output_types()
        {
            // RequiredAssemblies makes the core types resolvable right after Import-Module.
            var names = _ps.RunClean("[EmailAuth.Core.Spf.SpfRecordInfo]::new().PSStandardMembers.DefaultDisplayPropertySet.ReferencedPropertyNames")
                .Output.Select(o => o.ToString()).ToList();
            Assert.Equal(new[] { "Domain", "Record", "IsValid", "DnsLookupCount", "VoidLookupCount", "Findings" }, names);
        }
    }
}
