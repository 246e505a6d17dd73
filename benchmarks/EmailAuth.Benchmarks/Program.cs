using System.Linq;
using BenchmarkDotNet.Running;

namespace EmailAuth.Benchmarks
{
    internal static class Program
    {
        /// <summary>
        /// BenchmarkDotNet switcher (e.g. -- --filter '*' [--job short]), or
        /// "compare-pyspf [passes]": evaluations per second of pyspf vs our engine on the generated zones, or
        /// "compare-dkimpy [passes]": DKIM verifications per second of dkimpy vs DkimSignatureVerifier on generated messages, or
        /// "posture [--domains N] [--delay MS] [--throttle T] [--selector S]": Test-EmailAuth's core against a slow local DNS server, or
        /// "delay-proxy --upstream IP:PORT --delay MS": the posture mode's slow DNS server, run as a child process, or
        /// "queries [--count N] [--concurrency C]": CPU and allocations per query of the DNS client alone, or
        /// "fuzz [--target T] [--seed N] [--count N] ...": the long fuzz run (see FuzzCommand), or
        /// "ingest [--mb N] [--file-mb M]": DMARC aggregate report ingest in MB/s and peak memory (see ReportIngestBenchmark).
        /// </summary>
        private static int Main(string[] args)
        {
            if (args.Length > 0 && args[0] == "compare-pyspf")
                return ComparePyspf.Run(args.Skip(1).ToArray()).GetAwaiter().GetResult();
            if (args.Length > 0 && args[0] == "compare-dkimpy")
                return CompareDkimpy.Run(args.Skip(1).ToArray()).GetAwaiter().GetResult();
            if (args.Length > 0 && args[0] == "posture")
                return PostureBenchmark.Run(args.Skip(1).ToArray()).GetAwaiter().GetResult();
            if (args.Length > 0 && args[0] == "ingest")
                return ReportIngestBenchmark.Run(args.Skip(1).ToArray());
            if (args.Length > 0 && args[0] == "delay-proxy")
                return DelayingDnsProxyProcess.Serve(args.Skip(1).ToArray());
            if (args.Length > 0 && args[0] == "queries")
                return QueryCostBenchmark.Run(args.Skip(1).ToArray()).GetAwaiter().GetResult();
            if (args.Length > 0 && args[0] == "fuzz")
                return FuzzCommand.Run(args.Skip(1).ToArray());
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
            return 0;
        }
    }
}
