using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EmailAuth.PowerShell.Tests.Infrastructure;
using Xunit;

namespace EmailAuth.PowerShell.Tests
{
    public sealed class HelpTests : IClassFixture<PowerShellFixture>
    {
        private readonly PowerShellFixture _ps;
        public HelpTests(PowerShellFixture ps) => _ps = ps;

        private List<string> ExportedCmdlets()
        {
            var fromManifest = _ps.RunClean("(Test-ModuleManifest -Path $args[0]).ExportedCmdlets.Keys", TestPaths.ModuleManifest)
                .Output.Select(o => o.ToString()).OrderBy(n => n).ToList();
            var fromModule = _ps.RunClean("Get-Command -Module EmailAuth | ForEach-Object Name")
                .Output.Select(o => o.ToString()).OrderBy(n => n).ToList();
            Assert.Equal(fromManifest, fromModule);
            Assert.NotEmpty(fromModule);
            return fromModule;
        }

        [Fact]
        public void Every_exported_cmdlet_has_full_help()
        {
            var problems = new List<string>();
            foreach (var name in ExportedCmdlets())
            {
                var help = Assert.Single(_ps.RunClean("Get-Help -Name $args[0] -Full", name).Output);
                var synopsis = help.Str("Synopsis")?.Trim() ?? "";
                // Without a help file, Get-Help makes the synopsis from the syntax ("Get-X [-P] <T> ...").
                if (synopsis.Length == 0 || synopsis.StartsWith(name, StringComparison.OrdinalIgnoreCase))
                    problems.Add($"{name}: no synopsis");
                var description = _ps.RunClean("(Get-Help -Name $args[0] -Full).description | ForEach-Object Text", name).Output;
                if (string.Join("", description).Trim().Length == 0) problems.Add($"{name}: no description");
                var examples = _ps.RunClean("@((Get-Help -Name $args[0] -Full).examples.example).Count", name).Output;
                if ((int)examples.Single().BaseObject < 2) problems.Add($"{name}: fewer than two examples");

                // Every parameter the cmdlet really has (not only those the help file lists) needs a description.
                var parameters = _ps.RunClean("(Get-Command -Name $args[0]).Parameters.Keys", name).Output.Select(o => o.ToString())
                    .Where(p => !Cmdlet.CommonParameters.Contains(p) && !Cmdlet.OptionalCommonParameters.Contains(p));
                foreach (var p in parameters)
                {
                    var text = _ps.RunClean("(Get-Help -Name $args[0] -Parameter $args[1]).description | ForEach-Object Text", name, p).Output;
                    if (string.Join("", text).Trim().Length == 0) problems.Add($"{name} -{p}: no description");
                }
            }
            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        }

        [Fact]
        public void About_topic_is_found()
        {
            var text = string.Join("\n", _ps.RunClean("Get-Help about_EmailAuth").Output);
            Assert.Contains("-ZoneFile", text);
            Assert.Contains("SPF_NO_RECORD", text);
        }

        /// <summary>The help examples that use the bundled sample zone must run offline without errors.</summary>
        [Fact]
        public void Offline_help_examples_run_without_errors()
        {
            var ran = 0;
            foreach (var name in ExportedCmdlets())
            {
                var codes = _ps.RunClean("(Get-Help -Name $args[0] -Full).examples.example | ForEach-Object code", name).Output.Select(o => o.ToString());
                foreach (var code in codes.Where(c => !c.Contains("-Server")))
                {
                    var r = _ps.Run(code);
                    Assert.True(r.Errors.Count == 0, $"{name} example failed:\n{code}\n{r.Describe()}");
                    Assert.True(r.Output.Count > 0, $"{name} example wrote nothing:\n{code}");
                    ran++;
                }
            }
            Assert.True(ran >= 6, $"only {ran} offline examples");
        }
    }
}
