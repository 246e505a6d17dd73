using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;

namespace EmailAuth.Benchmarks
{
    /// <summary>
    /// Runs a <see cref="DelayingDnsProxy"/> in a child process ("delay-proxy" mode of this program), as a real DNS
    /// server would be: the measured process's GC pauses no longer stall the server's clock and relays, and the
    /// proxy's CPU is not counted as the client's. Talks to the child over its stdin/stdout: "queries" → the count so
    /// far; closing stdin stops it.
    /// </summary>
    internal sealed class DelayingDnsProxyProcess : IDelayingDnsProxy
    {
        private readonly Process _process;

        public DelayingDnsProxyProcess(IPEndPoint upstream, TimeSpan delay)
        {
            var start = new ProcessStartInfo { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
            // "dotnet EmailAuth.Benchmarks.dll ..." or the apphost of a published build.
            var host = Environment.ProcessPath!;
            start.FileName = host;
            if (Path.GetFileNameWithoutExtension(host) == "dotnet") start.ArgumentList.Add(typeof(Program).Assembly.Location);
            foreach (var a in new[] { "delay-proxy", "--upstream", upstream.ToString(), "--delay", ((int)delay.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) })
                start.ArgumentList.Add(a);
            start.Environment.Remove("DOTNET_JitStdOutFile"); // JIT logs of the measured process only
            start.Environment.Remove("DOTNET_JitDisasmSummary");
            _process = Process.Start(start)!;
            var line = _process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("The delay-proxy process exited before it listened.");
            Port = int.Parse(line, CultureInfo.InvariantCulture);
        }

        public int Port { get; }
        public string Endpoint => $"127.0.0.1:{Port}";

        /// <summary>The proxy process's CPU so far.</summary>
        public TimeSpan? Cpu { get { _process.Refresh(); return _process.TotalProcessorTime; } }

        /// <summary>Datagrams the proxy has received so far.</summary>
        public int Queries
        {
            get
            {
                _process.StandardInput.WriteLine("queries");
                _process.StandardInput.Flush();
                return int.Parse(_process.StandardOutput.ReadLine()!, CultureInfo.InvariantCulture);
            }
        }

        /// <summary>The child's side: prints the port, answers "queries", exits when stdin closes.</summary>
        public static int Serve(string[] args)
        {
            var upstream = IPEndPoint.Parse(args[Array.IndexOf(args, "--upstream") + 1]);
            var delay = TimeSpan.FromMilliseconds(int.Parse(args[Array.IndexOf(args, "--delay") + 1], CultureInfo.InvariantCulture));
            using var proxy = new DelayingDnsProxy(upstream, delay);
            Console.WriteLine(proxy.Port.ToString(CultureInfo.InvariantCulture));
            string? command;
            while ((command = Console.ReadLine()) != null)
                if (command == "queries") Console.WriteLine(proxy.Queries.ToString(CultureInfo.InvariantCulture));
            return 0;
        }

        public void Dispose()
        {
            try
            {
                _process.StandardInput.Close();
                if (!_process.WaitForExit(5000)) _process.Kill();
            }
            catch (InvalidOperationException) { }
            _process.Dispose();
        }
    }
}
