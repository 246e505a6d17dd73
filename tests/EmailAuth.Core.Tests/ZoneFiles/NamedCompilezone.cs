using System;
using System.Diagnostics;
using System.IO;
using EmailAuth.Core.Tests.Infrastructure;
using EmailAuth.Core.ZoneFiles;

namespace EmailAuth.Core.Tests.ZoneFiles
{
    /// <summary>Runs BIND's named-compilezone on a fixture and returns its canonical dump ("-s full": one absolute RR per line).</summary>
    internal static class NamedCompilezone
    {
        /// <summary>
        /// The checks that are not about syntax are off: check-names (-k), MX/NS/SRV targets (-m -M -n -S),
        /// integrity (-i), DNSSEC equivalence (-r), SPF (-T) and wildcards (-W). -w makes $INCLUDE paths
        /// relative to the fixture folder.
        /// </summary>
        public static (int ExitCode, string Zone, string Messages) Compile(string origin, string file)
        {
            var output = Path.GetTempFileName();
            try
            {
                var psi = new ProcessStartInfo(Peers.Require("named-compilezone"))
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                };
                foreach (var a in new[]
                {
                    "-k", "ignore", "-i", "none", "-m", "ignore", "-M", "ignore", "-n", "ignore", "-r", "ignore",
                    "-S", "ignore", "-T", "ignore", "-W", "ignore", "-f", "text", "-F", "text", "-s", "full",
                    "-w", Path.GetDirectoryName(file)!, "-o", output, origin, Path.GetFileName(file),
                })
                    psi.ArgumentList.Add(a);
                using var p = Process.Start(psi)!;
                var stderr = p.StandardError.ReadToEndAsync();
                var stdout = p.StandardOutput.ReadToEnd();
                if (!p.WaitForExit(60_000)) { p.Kill(); throw new TimeoutException("named-compilezone did not finish"); }
                return (p.ExitCode, File.ReadAllText(output), stdout + stderr.Result);
            }
            finally
            {
                File.Delete(output);
            }
        }
    }
}
