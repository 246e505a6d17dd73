using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace EmailAuth.Host
{
    /// <summary>One runspace with the module imported; runs scripts and prints their streams.</summary>
    internal sealed class Session : IDisposable
    {
        private readonly Runspace _runspace;
        private readonly TextWriter _out;
        private readonly TextWriter _err;
        private readonly Renderer _renderer;

        public Session(string manifestPath, TextWriter stdout, TextWriter stderr)
        {
            ManifestPath = manifestPath;
            _out = stdout;
            _err = stderr;
            _renderer = new Renderer(stdout);
            // CreateDefault2 loads only the core cmdlets, like every engine the module must run in.
            _runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
            _runspace.Open();
        }

        public string ManifestPath { get; }
        public string ModuleBase => Path.GetDirectoryName(ManifestPath)!;

        /// <summary>Error records written so far (the exit code is 1 when any was).</summary>
        public int ErrorCount { get; private set; }

        public bool ImportModule()
        {
            var before = ErrorCount;
            Invoke(ps => ps.AddCommand("Import-Module").AddParameter("Name", ManifestPath).AddParameter("ErrorAction", "Stop"));
            return ErrorCount == before;
        }

        public void SetVariable(string name, object value) => _runspace.SessionStateProxy.SetVariable(name, value);

        public void RunScript(string script) => Invoke(ps => ps.AddScript(script));

        public void RunFile(string path, IReadOnlyList<string> args) => Invoke(ps =>
        {
            ps.AddCommand(Path.GetFullPath(path));
            foreach (var a in args) ps.AddArgument(a);
        });

        private void Invoke(Action<PowerShell> build)
        {
            using var ps = PowerShell.Create();
            ps.Runspace = _runspace;
            build(ps);
            // Streams are printed as records arrive, on the pipeline thread, so output keeps its order.
            ps.Streams.Error.DataAdded += (s, e) => WriteError(ps.Streams.Error[e.Index]);
            ps.Streams.Warning.DataAdded += (s, e) => _err.WriteLine("WARNING: " + ps.Streams.Warning[e.Index].Message);
            ps.Streams.Verbose.DataAdded += (s, e) => _err.WriteLine("VERBOSE: " + ps.Streams.Verbose[e.Index].Message);
            ps.Streams.Debug.DataAdded += (s, e) => _err.WriteLine("DEBUG: " + ps.Streams.Debug[e.Index].Message);
            ps.Streams.Information.DataAdded += (s, e) => _out.WriteLine(ps.Streams.Information[e.Index].MessageData);
            var output = new PSDataCollection<PSObject>();
            output.DataAdded += (s, e) => Render(output[e.Index]);
            try
            {
                ps.Invoke(null, output);
            }
            catch (RuntimeException e)
            {
                WriteError(e.ErrorRecord);
            }
            _out.Flush();
        }

        private void Render(PSObject? item)
        {
            switch (item?.BaseObject)
            {
                case ErrorRecord error: WriteError(error); break; // 2>&1 merged into output
                case WarningRecord w: _err.WriteLine("WARNING: " + w.Message); break;
                case VerboseRecord v: _err.WriteLine("VERBOSE: " + v.Message); break;
                default: _renderer.Write(item); break;
            }
        }

        private void WriteError(ErrorRecord error)
        {
            ErrorCount++;
            var id = error.FullyQualifiedErrorId ?? "Error";
            var comma = id.IndexOf(',');
            if (comma > 0) id = id.Substring(0, comma);
            var message = error.ErrorDetails?.Message ?? error.Exception?.Message ?? error.ToString();
            _err.WriteLine($"ERROR [{id}]: {message}");
        }

        public void Dispose() => _runspace.Dispose();
    }
}
