using System;
using System.Diagnostics;
using EmailAuth.PowerShell.Tests.Infrastructure;
using Xunit;

namespace EmailAuth.PowerShell.Tests
{
    /// <summary>The built console host, run as a separate process the way a user runs it.</summary>
    public sealed class HostTests
    {
        private static (int Exit, string Out, string Err) RunHost(params string[] args)
        {
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add(TestPaths.HostDll);
            foreach (var a in args) psi.ArgumentList.Add(a);
            psi.Environment.Remove("EMAILAUTH_MODULE");
            psi.Environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
            using var p = Process.Start(psi)!;
            var stderr = p.StandardError.ReadToEndAsync();
            var stdout = p.StandardOutput.ReadToEnd();
            Assert.True(p.WaitForExit(120_000), "host did not finish");
            return (p.ExitCode, stdout, stderr.Result);
        }

        [Fact]
        public void Demo_runs_offline_on_the_sample_zone_and_exits_0()
        {
            var (exit, stdout, stderr) = RunHost();
            Assert.True(exit == 0, $"exit {exit}\n{stderr}\n{stdout}");
            Assert.Equal("", stderr);
            Assert.Contains("PS> Get-SpfRecord -Domain example.com -ZoneFile $zone", stdout);
            Assert.Matches(@"(?m)^Record +: v=spf1 ip4:192\.0\.2\.0/25 include:_spf\.example\.com mx ~all\r?$", stdout);
            Assert.Matches(@"(?m)^ +\[\w+\] SPF_TOO_MANY_LOOKUPS: ", stdout); // findings one per line
            Assert.Matches(@"(?m)^Result +: Pass\r?$", stdout);
            Assert.Matches(@"(?m)^Result +: SoftFail\r?$", stdout);
        }

        [Fact]
        public void Command_with_a_bad_domain_prints_the_error_id_and_exits_1()
        {
            var (exit, stdout, stderr) = RunHost("--command", "'bad..name' | Get-SpfRecord");
            Assert.Equal(1, exit);
            Assert.Contains("ERROR [InvalidDomainName]: 'bad..name' is not a valid domain name", stderr);
            Assert.Equal("", stdout);
        }

        [Fact]
        public void Command_without_errors_exits_0_and_renders_output()
        {
            var (exit, stdout, stderr) = RunHost("-c", "(Get-Module EmailAuth).Version.ToString(); [pscustomobject]@{ Name = 'x'; Items = 1..6 }");
            Assert.True(exit == 0, stderr);
            Assert.Contains(TestPaths.Version, stdout);
            Assert.Contains("Items : {1, 2, 3, 4, … (+2)}", stdout);
        }

        [Fact]
        public void Missing_module_is_a_usage_error()
        {
            var (exit, _, stderr) = RunHost("--module", "/nonexistent/EmailAuth.psd1", "-c", "1");
            Assert.Equal(2, exit);
            Assert.Contains("ModuleNotFound", stderr);
        }
    }
}
