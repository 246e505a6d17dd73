using System;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EmailAuth.Core.Tests.Messages
{
    /// <summary>Runs dkimpy_peer.py (Debian's python3-dkim) with one JSON request and returns its JSON answer.</summary>
    public static class DkimpyPeer
    {
        public const string Python = "/usr/bin/python3"; // Debian's, which sees python3-dkim
        public static string Script => Path.Combine(AppContext.BaseDirectory, "Messages", "dkimpy_peer.py");

        public static JsonNode Run(JsonObject request)
        {
            var psi = new ProcessStartInfo(Python, Script)
            {
                RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            using var p = Process.Start(psi) ?? throw new InvalidOperationException("python3 did not start");
            var stderr = p.StandardError.ReadToEndAsync();
            p.StandardInput.Write(request.ToJsonString());
            p.StandardInput.Close();
            var stdout = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0) throw new InvalidOperationException($"dkimpy_peer.py failed ({p.ExitCode}): {stderr.Result}");
            return JsonNode.Parse(stdout) ?? throw new InvalidOperationException("dkimpy_peer.py wrote no JSON");
        }

        /// <summary>python3-dkim's package file: the peer is installed when it exists (as DkimDifferentialTests.DkimpyModule).</summary>
        public const string DkimpyModule = "/usr/lib/python3/dist-packages/dkim/__init__.py";
    }
}
