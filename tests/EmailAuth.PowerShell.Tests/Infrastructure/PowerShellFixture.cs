using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace EmailAuth.PowerShell.Tests.Infrastructure
{
    /// <summary>What one script produced.</summary>
    public sealed class PsResult
    {
        public List<PSObject> Output { get; } = new List<PSObject>();
        public List<ErrorRecord> Errors { get; } = new List<ErrorRecord>();
        public List<string> Verbose { get; } = new List<string>();
        public List<string> Warnings { get; } = new List<string>();
        public List<ProgressRecord> Progress { get; } = new List<ProgressRecord>();

        /// <summary>The ErrorId part of each FullyQualifiedErrorId ("InvalidDomainName" of "InvalidDomainName,EmailAuth...").</summary>
        public IEnumerable<string> ErrorIds => Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]);

        public string Describe() =>
            $"{Output.Count} output object(s); errors: " +
            (Errors.Count == 0 ? "none" : string.Join(" | ", Errors.Select(e => $"[{e.FullyQualifiedErrorId}] {e.Exception.Message}")));
    }

    /// <summary>
    /// A fresh runspace per test class (IClassFixture) with the built module imported by its
    /// manifest, in a process isolated from the user's PowerShell state.
    /// </summary>
    public class PowerShellFixture : IDisposable
    {
        private static readonly object EnvGate = new object();
        private static bool _environmentReady;
        private readonly Runspace _runspace;

        public PowerShellFixture() : this(importModule: true) { }

        protected PowerShellFixture(bool importModule)
        {
            PrepareEnvironment();
            _runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
            _runspace.Open();
            // Opening a runspace adds the user and system module folders; keep only the build output.
            Environment.SetEnvironmentVariable("PSModulePath", TestPaths.ModuleRoot);
            SetVariable("zone", TestPaths.SampleZone);
            SetVariable("fixtures", TestPaths.PsFixtures);
            SetVariable("repo", TestPaths.RepoRoot);
            if (importModule)
            {
                if (!File.Exists(TestPaths.ModuleManifest))
                    throw new InvalidOperationException($"Module not built at {TestPaths.ModuleManifest}; build src/EmailAuth first.");
                var r = Run("Import-Module -Name $args[0] -ErrorAction Stop", TestPaths.ModuleManifest);
                if (r.Errors.Count > 0) throw new InvalidOperationException("Import-Module failed: " + r.Describe());
            }
        }

        /// <summary>
        /// Process-wide and once: no telemetry, PowerShell's cache/config/data (XDG dirs, where it keeps
        /// ~/.cache/powershell and the user module path) in a temp folder, and PSModulePath holding only
        /// the build output. HOME stays: nested dotnet builds find NuGet's package folder through it.
        /// </summary>
        private static void PrepareEnvironment()
        {
            lock (EnvGate)
            {
                if (_environmentReady) return;
                var temp = Path.Combine(Path.GetTempPath(), "emailauth-pstests-" + Environment.ProcessId);
                foreach (var (variable, dir) in new[] { ("XDG_CACHE_HOME", "cache"), ("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config") })
                {
                    var path = Path.Combine(temp, dir);
                    Directory.CreateDirectory(path);
                    Environment.SetEnvironmentVariable(variable, path);
                }
                Environment.SetEnvironmentVariable("POWERSHELL_TELEMETRY_OPTOUT", "1");
                Environment.SetEnvironmentVariable("POWERSHELL_UPDATECHECK", "Off");
                Environment.SetEnvironmentVariable("PSModulePath", TestPaths.ModuleRoot);
                _environmentReady = true;
            }
        }

        public void SetVariable(string name, object? value) => _runspace.SessionStateProxy.SetVariable(name, value);

        /// <summary>Runs a script (args available as $args) from the test's bin folder; terminating errors land in Errors too.</summary>
        public PsResult Run(string script, params object[] args)
        {
            _runspace.SessionStateProxy.Path.SetLocation(AppContext.BaseDirectory);
            var result = new PsResult();
            using var ps = System.Management.Automation.PowerShell.Create();
            ps.Runspace = _runspace;
            ps.AddScript(script);
            foreach (var a in args) ps.AddArgument(a);
            try
            {
                foreach (var o in ps.Invoke()) if (o != null) result.Output.Add(o);
            }
            catch (RuntimeException e)
            {
                result.Errors.Add(e.ErrorRecord);
            }
            result.Errors.InsertRange(0, ps.Streams.Error);
            result.Verbose.AddRange(ps.Streams.Verbose.Select(v => v.Message));
            result.Warnings.AddRange(ps.Streams.Warning.Select(v => v.Message));
            result.Progress.AddRange(ps.Streams.Progress);
            return result;
        }

        /// <summary>Runs a script that must not write errors.</summary>
        public PsResult RunClean(string script, params object[] args)
        {
            var r = Run(script, args);
            Xunit.Assert.True(r.Errors.Count == 0, $"Unexpected errors from `{script}`: {r.Describe()}");
            return r;
        }

        public virtual void Dispose() => _runspace.Dispose();
    }

    /// <summary>A runspace without the module, for tests that import it their own way (README, build.ps1).</summary>
    public sealed class BareRunspaceFixture : PowerShellFixture
    {
        public BareRunspaceFixture() : base(importModule: false) { }
    }

    public static class PsObjectExtensions
    {
        public static object? Prop(this PSObject o, string name) =>
            o.Properties[name]?.Value is var v && v is PSObject p ? p.BaseObject : o.Properties[name]?.Value;

        public static string? Str(this PSObject o, string name) => o.Prop(name)?.ToString();

        /// <summary>The Code of every finding on an SpfRecordInfo.</summary>
        public static List<string> FindingCodes(this PSObject o) =>
            ((System.Collections.IEnumerable?)o.Prop("Findings") ?? Array.Empty<object>())
                .Cast<object>().Select(f => PSObject.AsPSObject(f).Str("Code")!).ToList();

        public static List<PSObject> Items(this PSObject o, string name) =>
            ((System.Collections.IEnumerable?)o.Prop(name) ?? Array.Empty<object>()).Cast<object>().Select(PSObject.AsPSObject).ToList();
    }
}
