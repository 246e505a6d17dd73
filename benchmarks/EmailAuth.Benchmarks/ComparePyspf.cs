using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Spf;
using EmailAuth.Core.Tests.Differential;
using EmailAuth.Core.Tests.Infrastructure;

namespace EmailAuth.Benchmarks
{
    /// <summary>
    /// Evaluations per second, pyspf vs our engine, on the differential test's generated zones served
    /// by one local knotd. Both run warm and single-threaded over the same query list: pyspf in one
    /// process with dnspython's cache, ours with LiveDnsResolver + CachingDnsResolver.
    /// </summary>
    internal static class ComparePyspf
    {
        public static async Task<int> Run(string[] args)
        {
            var passes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
            // DNS errors (REFUSED for names outside the zones) are cached by neither side: left out so
            // that both measure evaluation, not round trips.
            var scenarios = ScenarioGenerator.Generate()
                .Where(s => !s.Describe().Contains(ScenarioGenerator.Unserved) && !s.Describe().Contains("example.org")).ToList();
            using var knot = KnotServer.FromText(ZoneWriter.Write(scenarios));
            Console.WriteLine($"{scenarios.Count} queries, {passes} timed passes after one warm-up, knotd on {knot.Endpoint}");

            var queries = PyspfRunner.WriteQueries(scenarios, Path.Combine(Path.GetTempPath(), $"emailauth-bench-{Guid.NewGuid():N}.json"));
            double pyPerSecond;
            try
            {
                var json = PyspfRunner.Exec(PyspfRunner.Script(), $"--port {knot.Port} --repeat {passes} {queries}");
                pyPerSecond = JsonDocument.Parse(json).RootElement.GetProperty("perSecond").GetDouble();
            }
            finally { File.Delete(queries); }

            var live = new LiveDnsResolver(new DnsResolverOptions
            {
                Servers = new[] { knot.Endpoint }, Timeout = TimeSpan.FromSeconds(2), Retries = 1,
            });
            var cache = new CachingDnsResolver(live);
            var parsed = scenarios.Select(s => (Ip: IPAddress.Parse(s.Ip), s.Sender, s.Helo)).ToList();
            Console.WriteLine($"pyspf 2.0.14 (dnspython, warm cache): {pyPerSecond,12:N0} evaluations/s  ({1e6 / pyPerSecond,8:N1} µs each)");
            // With the trace (what Test-SpfHost does) and without it (bulk use; pyspf keeps none).
            foreach (var includeTrace in new[] { true, false })
            {
                var evaluator = new SpfEvaluator(cache, new SpfEvaluationOptions { IncludeTrace = includeTrace });
                foreach (var q in parsed) await evaluator.CheckHostAsync(q.Ip, null, q.Sender, q.Helo); // warm-up
                var sw = Stopwatch.StartNew();
                for (var p = 0; p < passes; p++)
                    foreach (var q in parsed) await evaluator.CheckHostAsync(q.Ip, null, q.Sender, q.Helo);
                var oursPerSecond = passes * parsed.Count / sw.Elapsed.TotalSeconds;
                Console.WriteLine($"EmailAuth (Live+Caching, trace {(includeTrace ? "on " : "off")}): {oursPerSecond,10:N0} evaluations/s  ({1e6 / oursPerSecond,8:N1} µs each), {oursPerSecond / pyPerSecond:N1}x pyspf (goal >= 10x)");
            }
            return 0;
        }
    }
}
