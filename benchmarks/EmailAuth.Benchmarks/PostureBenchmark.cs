using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Posture;
using EmailAuth.Core.Tests.Infrastructure;

namespace EmailAuth.Benchmarks
{
    /// <summary>
    /// "posture [--domains N] [--delay MS] [--throttle T] [--selector S] [--sections A,B]": Test-EmailAuth's core (PostureRunner over one
    /// CachingDnsResolver, as the cmdlet runs it) over N generated domains served by knotd behind a proxy on 127.0.0.1 that
    /// adds MS milliseconds to every answer. Prints domains/s and the ratio to the critical-path bound
    /// (sequential lookups per domain × delay × N / T). Without --selector the common DKIM selectors are guessed.
    /// </summary>
    internal static class PostureBenchmark
    {
        private const string Origin = "bench";

        public static async Task<int> Run(string[] args)
        {
            var domains = Int(args, "--domains", 1000);
            var delay = TimeSpan.FromMilliseconds(Int(args, "--delay", 20));
            var throttle = Int(args, "--throttle", 64);
            var selector = Value(args, "--selector");
            var options = new PostureOptions { Selectors = selector == null ? null : new[] { selector } };
            // --sections Spf,Dmarc: only those sections (to see what each costs); default all.
            var only = Value(args, "--sections")?.Split(',');
            IReadOnlyList<IPostureSection> sections = only == null ? PostureSections.Default
                : PostureSections.Default.Where(x => only.Contains(x.Name, StringComparer.OrdinalIgnoreCase)).ToList();

            var dir = Path.Combine(Path.GetTempPath(), "emailauth-posture-bench-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            var zone = Path.Combine(dir, Origin + ".zone");
            File.WriteAllText(zone, Zone(domains + 1 + 20));
            using var knot = new KnotServer(new[] { (Origin, zone) });
            using var proxy = new DelayingDnsProxy(knot.IPEndPoint, delay);
            // --direct: ask knotd without the proxy (no delay), to see the client's own cost.
            var direct = Array.IndexOf(args, "--direct") >= 0;
            IDnsResolver Live() => new LiveDnsResolver(new DnsResolverOptions { Servers = new[] { direct ? knot.Endpoint : proxy.Endpoint }, Timeout = TimeSpan.FromSeconds(5) });

            // JIT and sockets warm, on names the measured run never asks (w0..w19) and a cache of their own (a fresh one
            // for every 64 audits). --warmup N: N audits instead of 20, 64 at a time; 20 leaves much of the code at the JIT's
            // first tier, so the measured run pays the tiered recompilation (what a fresh PowerShell session pays too).
            var warmups = Int(args, "--warmup", 20);
            for (var i = 0; i < warmups; i += 64)
            {
                var auditor = new PostureAuditor(new CachingDnsResolver(Live()), options, sections);
                await Task.WhenAll(Enumerable.Range(i, Math.Min(64, warmups - i)).Select(k => auditor.AuditAsync($"w{k % 20}.{Origin}")));
            }

            // Sequential lookups of one domain: alone, cold cache, then again for a second domain once the shared
            // include is cached (what most domains of a batch see).
            var (coldDepth, coldPath, coldTime) = await DepthAsync(Live(), options, sections, new[] { $"d{domains}.{Origin}" });
            var (warmDepth, _, warmTime) = await DepthAsync(Live(), options, sections, new[] { $"w0.{Origin}", $"d{domains}.{Origin}" });

            var cache = new CachingDnsResolver(Live());
            var before = proxy.Queries;
            var grades = new Dictionary<PostureGrade, int>();
            // --alloc-types: the types allocated during the measured run (sampled by the runtime), per domain.
            using var allocationTypes = Array.IndexOf(args, "--alloc-types") >= 0 ? new AllocationTypes() : null;
            allocationTypes?.Start();
            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var allocatedBefore = GC.GetTotalAllocatedBytes(true);
            var gcBefore = GC.CollectionCount(0);
            var pauseBefore = GC.GetTotalPauseDuration();
            var clock = Stopwatch.StartNew();
            using (var runner = new PostureRunner(new PostureAuditor(cache, options, sections), throttle, CancellationToken.None))
            {
                void Count(EmailAuthReport r) => grades[r.Grade] = grades.TryGetValue(r.Grade, out var n) ? n + 1 : 1;
                for (var i = 0; i < domains; i++)
                {
                    while (!runner.HasFreeSlot) Count(runner.Take()!);
                    runner.Start($"d{i}.{Origin}");
                }
                EmailAuthReport? rest;
                while ((rest = runner.Take()) != null) Count(rest);
            }
            clock.Stop();
            allocationTypes?.Stop();
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuBefore;
            var allocated = GC.GetTotalAllocatedBytes(true) - allocatedBefore;
            var gcs = GC.CollectionCount(0) - gcBefore;
            var pause = GC.GetTotalPauseDuration() - pauseBefore;
            var queries = proxy.Queries - before;

            double Bound(int depth) => depth * delay.TotalSeconds * domains / throttle;
            var seconds = clock.Elapsed.TotalSeconds;
            var c = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Format(c, "domains {0}, delay {1} ms per answer, ThrottleLimit {2}, DKIM selectors: {3}",
                domains, delay.TotalMilliseconds, throttle, selector ?? "guessed (common list)"));
            Console.WriteLine(string.Format(c, "sequential lookups per domain: {0} cold ({1:0} ms alone), {2} with the shared include cached ({3:0} ms alone)",
                coldDepth, coldTime.TotalMilliseconds, warmDepth, warmTime.TotalMilliseconds));
            Console.WriteLine("critical path (cold): " + string.Join(" -> ", coldPath));
            Console.WriteLine(string.Format(c, "total {0:0.00} s, {1:0.0} domains/s, {2} queries reached the server ({3:0.0} per domain)",
                seconds, domains / seconds, queries, (double)queries / domains));
            Console.WriteLine(string.Format(c, "bound {0:0.00} s (cold depth) -> ratio {1:0.00}x; bound {2:0.00} s (warm depth) -> ratio {3:0.00}x",
                Bound(coldDepth), seconds / Bound(coldDepth), Bound(warmDepth), seconds / Bound(warmDepth)));
            // This process's CPU (client and, without --direct, the delaying proxy; knotd is another process) and allocations.
            Console.WriteLine(string.Format(c, "process CPU {0:0} ms ({1:0.000} ms/domain{2}), allocated {3:0.0} MB ({4:0} bytes/domain), {5} GCs pausing {6:0} ms",
                cpu.TotalMilliseconds, cpu.TotalMilliseconds / domains, direct ? "" : ", proxy included", allocated / 1e6, (double)allocated / domains, gcs, pause.TotalMilliseconds));
            allocationTypes?.Print(25, domains, "domain");
            Console.WriteLine("grades: " + string.Join(", ", grades.OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Value}")));
            try { Directory.Delete(dir, true); } catch (IOException) { }
            return grades.ContainsKey(PostureGrade.TempError) ? 1 : 0;
        }

        /// <summary>Audits the domains in turn on one fresh cache; the critical path and time of the last one alone.</summary>
        private static async Task<(int, IReadOnlyList<string>, TimeSpan)> DepthAsync(IDnsResolver live, PostureOptions options, IReadOnlyList<IPostureSection> sections, IReadOnlyList<string> names)
        {
            var timeline = new QueryTimeline(live);
            var cache = new CachingDnsResolver(timeline);
            for (var i = 0; i < names.Count - 1; i++) await new PostureAuditor(cache, options, sections).AuditAsync(names[i]);
            var since = timeline.Now;
            var clock = Stopwatch.StartNew();
            await new PostureAuditor(cache, options, sections).AuditAsync(names[names.Count - 1]);
            var time = clock.Elapsed;
            var path = timeline.CriticalPath(since);
            return (path.Count, path, time);
        }

        /// <summary>One zone "bench": d0..dN and w0..w19 with SPF (one shared include), a DKIM key at s1, DMARC p=reject, MX.</summary>
        internal static string Zone(int count)
        {
            using var rsa = RSA.Create(2048);
            var key = Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo());
            var text = "v=DKIM1; k=rsa; p=" + key;
            var quoted = string.Join(" ", Enumerable.Range(0, (text.Length + 254) / 255).Select(i => "\"" + text.Substring(i * 255, Math.Min(255, text.Length - i * 255)) + "\""));
            var z = new StringBuilder();
            z.Append("$ORIGIN bench.\n$TTL 3600\n@ IN SOA ns.bench. hostmaster.bench. 1 3600 600 86400 300\n@ IN NS ns.bench.\nns IN A 127.0.0.1\n")
             .Append("mx IN A 192.0.2.25\n_spf IN TXT \"v=spf1 ip4:198.51.100.0/24 ip6:2001:db8::/48 -all\"\n");
            foreach (var name in Enumerable.Range(0, count).Select(i => "d" + i).Concat(Enumerable.Range(0, 20).Select(i => "w" + i)))
                z.Append(name).Append(" IN MX 10 mx.bench.\n")
                 .Append(name).Append(" IN TXT \"v=spf1 include:_spf.bench -all\"\n")
                 .Append("s1._domainkey.").Append(name).Append(" IN TXT ( ").Append(quoted).Append(" )\n")
                 .Append("_dmarc.").Append(name).Append(" IN TXT \"v=DMARC1; p=reject; rua=mailto:dmarc@").Append(name).Append(".bench\"\n");
            return z.ToString();
        }

        private static string? Value(string[] args, string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        private static int Int(string[] args, string name, int fallback) =>
            Value(args, name) is string v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
    }
}
