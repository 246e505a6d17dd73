using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using DnsClient;
using EmailAuth.Core.ZoneFiles;

namespace EmailAuth.Core.Tests.Infrastructure
{
    /// <summary>
    /// A real authoritative DNS server (Debian's knotd) serving fixture zones on 127.0.0.1 over
    /// UDP and TCP on a free port. Start it in a class fixture; Dispose stops it and removes its files.
    /// </summary>
    public sealed class KnotServer : IDisposable
    {
        private readonly Process _process;
        private readonly string _dir;
        private readonly StringBuilder _log = new StringBuilder();

        /// <param name="zones">Origin (e.g. "example.test") and the master file to serve for it.</param>
        public KnotServer(IEnumerable<(string Origin, string ZoneFile)> zones)
        {
            var knotd = Peers.Require("knotd");
            var list = zones.ToList();
            if (list.Count == 0) throw new ArgumentException("At least one zone is needed.", nameof(zones));
            _dir = Path.Combine(Path.GetTempPath(), "emailauth-knot-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_dir);
            Port = LoopbackPorts.FreeUdpAndTcpPort();

            var conf = new StringBuilder()
                .AppendLine("server:")
                .AppendLine($"    listen: 127.0.0.1@{Port}")
                .AppendLine($"    rundir: {_dir}")
                .AppendLine("log:")
                .AppendLine("  - target: stderr")
                .AppendLine("    any: warning")
                .AppendLine("database:")
                .AppendLine($"    storage: {_dir}")
                .AppendLine("template:")
                .AppendLine("  - id: default")
                .AppendLine($"    storage: {_dir}")
                .AppendLine("    semantic-checks: off")
                .AppendLine("    journal-content: none")
                .AppendLine("    zonefile-load: whole")
                .AppendLine("zone:");
            foreach (var (origin, file) in list)
                conf.AppendLine($"  - domain: {origin.TrimEnd('.')}").AppendLine($"    file: {Path.GetFullPath(file)}");
            var confPath = Path.Combine(_dir, "knot.conf");
            File.WriteAllText(confPath, conf.ToString());

            var psi = new ProcessStartInfo(knotd, $"-c {confPath}")
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            _process = Process.Start(psi) ?? throw new InvalidOperationException("knotd did not start");
            _process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (_log) _log.AppendLine(e.Data); };
            _process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (_log) _log.AppendLine(e.Data); };
            _process.BeginErrorReadLine();
            _process.BeginOutputReadLine();
            WaitUntilServing(list.Select(z => z.Origin).ToList());
        }

        /// <summary>Serves zone texts given inline (written to the server's temp folder).</summary>
        public static KnotServer FromText(IEnumerable<(string Origin, string ZoneText)> zones)
        {
            var tmp = Path.Combine(Path.GetTempPath(), "emailauth-zones-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(tmp);
            var files = zones.Select(z =>
            {
                var path = Path.Combine(tmp, z.Origin.TrimEnd('.') + ".zone");
                File.WriteAllText(path, z.ZoneText);
                return (z.Origin, path);
            }).ToList();
            return new KnotServer(files);
        }

        public int Port { get; }

        /// <summary>"127.0.0.1:port", the form -Server and DnsResolverOptions.Servers take.</summary>
        public string Endpoint => $"127.0.0.1:{Port}";

        public IPEndPoint IPEndPoint => new IPEndPoint(IPAddress.Loopback, Port);

        public string Log { get { lock (_log) return _log.ToString(); } }

        private const int StartupSeconds = 60;

        private void WaitUntilServing(IReadOnlyList<string> origins)
        {
            var client = new LookupClient(new LookupClientOptions(IPEndPoint)
            {
                // A poll that times out is simply repeated; the deadline is for knotd starting on a busy machine.
                UseCache = false, Timeout = TimeSpan.FromSeconds(1), Retries = 0, ThrowDnsErrors = false,
            });
            var deadline = DateTime.UtcNow.AddSeconds(StartupSeconds);
            var pending = new HashSet<string>(origins, StringComparer.OrdinalIgnoreCase);
            while (pending.Count > 0)
            {
                if (_process.HasExited)
                    throw new InvalidOperationException($"knotd exited with {_process.ExitCode}: {Log}");
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"knotd did not serve {string.Join(", ", pending)} within {StartupSeconds} s: {Log}");
                foreach (var origin in pending.ToList())
                {
                    try
                    {
                        var r = client.Query(origin, QueryType.SOA);
                        if (!r.HasError && r.Answers.Count > 0) pending.Remove(origin);
                    }
                    catch (DnsResponseException) { }
                }
                if (pending.Count > 0) Thread.Sleep(100);
            }
        }

        public void Dispose()
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    _process.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException) { }
            _process.Dispose();
            try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
