using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Tests.Infrastructure;

namespace EmailAuth.Benchmarks
{
    /// <summary>
    /// "queries [--count N] [--concurrency C] [--runs R]": the DNS client alone, no cache and no inspector: N TXT lookups
    /// (_dmarc.dI.bench, each name once) through one <see cref="LiveDnsResolver"/> straight to knotd on 127.0.0.1, C at
    /// a time. Prints this process's CPU time and allocations per query for each run (knotd is another process).
    /// </summary>
    internal static class QueryCostBenchmark
    {
        public static async Task<int> Run(string[] args)
        {
            var count = Int(args, "--count", 20000);
            var concurrency = Int(args, "--concurrency", 64);
            var runs = Int(args, "--runs", 5);
            var domains = 1000;
            var dir = Path.Combine(Path.GetTempPath(), "emailauth-query-bench-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            var zone = Path.Combine(dir, "bench.zone");
            File.WriteAllText(zone, PostureBenchmark.Zone(domains));
            using var knot = new KnotServer(new[] { ("bench", zone) });
            var live = new LiveDnsResolver(new DnsResolverOptions { Servers = new[] { knot.Endpoint }, Timeout = TimeSpan.FromSeconds(5) });
            var c = CultureInfo.InvariantCulture;
            var cpus = new List<double>();
            for (var run = 0; run <= runs; run++) // run 0 warms up
            {
                var process = Process.GetCurrentProcess();
                var cpu0 = process.TotalProcessorTime;
                var bytes0 = GC.GetTotalAllocatedBytes(true);
                var clock = Stopwatch.StartNew();
                var next = -1;
                var failures = 0;
                async Task Worker()
                {
                    int i;
                    while ((i = System.Threading.Interlocked.Increment(ref next)) < count)
                    {
                        var answer = await live.QueryAsync($"_dmarc.d{i % domains}.bench", DnsRecordType.TXT);
                        if (answer.Status != DnsAnswerStatus.Success) System.Threading.Interlocked.Increment(ref failures);
                    }
                }
                await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(Worker)));
                clock.Stop();
                process.Refresh();
                var cpu = (process.TotalProcessorTime - cpu0).TotalMilliseconds * 1000 / count;
                var bytes = (double)(GC.GetTotalAllocatedBytes(true) - bytes0) / count;
                if (run > 0) cpus.Add(cpu);
                Console.WriteLine(string.Format(c, "{0} {1} queries, {2} at a time: {3:0.00} s, CPU {4:0.0} µs/query, {5:0} bytes/query, {6} failed",
                    run == 0 ? "warm-up" : "run " + run, count, concurrency, clock.Elapsed.TotalSeconds, cpu, bytes, failures));
            }
            cpus.Sort();
            Console.WriteLine(string.Format(c, "median CPU {0:0.0} µs/query", cpus[cpus.Count / 2]));
            try { Directory.Delete(dir, true); } catch (IOException) { }
            return 0;
        }

        private static int Int(string[] args, string name, int fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }
    }
}
