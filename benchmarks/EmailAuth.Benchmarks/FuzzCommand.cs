using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using EmailAuth.Core.Tests.Fuzz;

namespace EmailAuth.Benchmarks
{
    /// <summary>
    /// "fuzz": the long fuzz run over the generators the xunit fuzz tests use (linked from tests/.../Fuzz).
    /// Per target it prints inputs/s, failures (each input saved to a file) and the slowest input.
    /// <code>
    /// fuzz [--target spf-text|spf-eval|zonefile|dns-packet|all] [--seed N] [--count N] [--socket-count N]
    ///      [--first N] [--deadline SECONDS] [--out DIR]
    /// fuzz --target NAME --seed N --index I      (replay one input)
    /// </code>
    /// </summary>
    internal static class FuzzCommand
    {
        private static readonly string[] AllTargets = { "spf-text", "spf-eval", "zonefile", "dns-packet" };

        public static int Run(string[] args)
        {
            var options = Parse(args);
            var targets = options.GetValueOrDefault("target", "all") == "all" ? AllTargets : options["target"].Split(',');
            var seed = int.Parse(options.GetValueOrDefault("seed", "1"), CultureInfo.InvariantCulture);
            var count = long.Parse(options.GetValueOrDefault("count", "1000000"), CultureInfo.InvariantCulture);
            var socketCount = long.Parse(options.GetValueOrDefault("socket-count", "5000"), CultureInfo.InvariantCulture);
            var first = long.Parse(options.GetValueOrDefault("first", "0"), CultureInfo.InvariantCulture);
            var deadline = TimeSpan.FromSeconds(double.Parse(options.GetValueOrDefault("deadline", "10"), CultureInfo.InvariantCulture));
            var outDir = options.GetValueOrDefault("out", Path.Combine(Path.GetTempPath(), "emailauth-fuzz-failures"));

            if (options.TryGetValue("index", out var indexText))
                return Replay(targets.Single(), seed, long.Parse(indexText, CultureInfo.InvariantCulture), deadline);

            var failed = 0;
            var reports = new List<FuzzReport>();
            foreach (var name in targets)
            {
                using var target = Create(name);
                var n = name == "dns-packet" ? socketCount : count;
                Console.WriteLine($"{name}: seed {seed}, inputs #{first}..#{first + n - 1}, deadline {deadline.TotalSeconds:0} s per input");
                var report = FuzzRunner.Run(target.Target, seed, n, deadline, first, maxFailures: 20,
                    onFailure: f => Console.WriteLine($"  FAILURE #{f.Index} ({f.Kind}) saved to {Save(outDir, f)}"),
                    onProgress: done => Console.WriteLine($"  {done:N0} inputs..."), retime: true);
                reports.Add(report);
                failed += report.Failures.Count;
                Console.WriteLine("  " + report.Summary());
                if (target.Target is DnsPacketTarget dns) Console.WriteLine($"  {dns.PacketsSent:N0} datagrams sent, {dns.Timeouts:N0} answers were timeouts");
                Console.WriteLine($"  slowest input #{report.SlowestIndex} ({report.SlowestTime.TotalMilliseconds:0.###} ms warm, best of 3; the worst observed time, JIT and GC pauses included, was {report.SlowestObserved.TotalMilliseconds:0.###} ms):");
                Console.WriteLine(Indent(Cut(report.SlowestInput ?? string.Empty, 1500)));
            }
            Console.WriteLine();
            Console.WriteLine("| target | inputs | inputs/s | failures | slowest input, warm (ms) | worst observed (ms) |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|");
            foreach (var r in reports)
                Console.WriteLine($"| {r.Target} | {r.Inputs:N0} | {r.InputsPerSecond:N0} | {r.Failures.Count} | {r.SlowestTime.TotalMilliseconds:0.###} (#{r.SlowestIndex}) | {r.SlowestObserved.TotalMilliseconds:0.#} |");
            Console.WriteLine($"total: {reports.Sum(r => r.Inputs):N0} inputs, {failed} failure(s)");
            return failed == 0 ? 0 : 1;
        }

        private static int Replay(string name, int seed, long index, TimeSpan deadline)
        {
            using var target = Create(name);
            var report = FuzzRunner.Run(target.Target, seed, 1, deadline, index, maxFailures: 1);
            if (report.Failures.Count > 0)
            {
                Console.WriteLine(report.Failures[0]);
                return 1;
            }
            // The first run pays for JIT compilation; the best of a few more is the input's own cost.
            var warm = Enumerable.Range(0, 5).Min(_ => FuzzRunner.Run(target.Target, seed, 1, deadline, index).SlowestTime);
            Console.WriteLine($"{name} seed {seed} input #{index}: passed in {report.SlowestTime.TotalMilliseconds:0.###} ms (cold), {warm.TotalMilliseconds:0.###} ms (warm)\n{report.SlowestInput}");
            return 0;
        }

        private static OwnedTarget Create(string name) => name switch
        {
            "spf-text" => new OwnedTarget(new SpfTextTarget()),
            "spf-eval" => new OwnedTarget(new SpfEvaluatorTarget()),
            "zonefile" => new OwnedTarget(new ZoneFileTarget(ZoneFileTarget.DefaultFixtureFolder)),
            // The loopback server answers at once; the timeout only ends the wait after a reply the resolver rightly
            // discarded (wrong ID or question, RFC 5452), which a damaged datagram often is: keep it short here.
            "dns-packet" => new OwnedTarget(new DnsPacketTarget(TimeSpan.FromMilliseconds(250))),
            _ => throw new ArgumentException($"unknown fuzz target '{name}' (known: {string.Join(", ", AllTargets)})"),
        };

        private static string Save(string folder, FuzzFailure failure)
        {
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, $"{failure.Target}-seed{failure.Seed}-{failure.Index}.txt");
            File.WriteAllText(file, failure.ToString());
            return file;
        }

        private static Dictionary<string, string> Parse(string[] args)
        {
            var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < args.Length; i++)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                    throw new ArgumentException($"expected --name value pairs, got '{args[i]}'");
                options[args[i].Substring(2)] = args[++i];
            }
            return options;
        }

        private static string Cut(string s, int max) => s.Length <= max ? s : s.Substring(0, max) + $"... ({s.Length} characters)";

        private static string Indent(string s) => "    " + s.Replace("\n", "\n    ");

        /// <summary>A target and its disposal (sockets, scratch folders).</summary>
        private sealed class OwnedTarget : IDisposable
        {
            public OwnedTarget(IFuzzTarget target) => Target = target;
            public IFuzzTarget Target { get; }
            public void Dispose() => (Target as IDisposable)?.Dispose();
        }
    }
}
