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
            // The delaying proxy runs in a process of its own, as a DNS server would (--proxy-in-process: in this one, as
            // the first figures were taken: its CPU then counts as the client's and the client's GC pauses stall it).
            using var proxy = Array.IndexOf(args, "--proxy-in-process") >= 0 ? new DelayingDnsProxy(knot.IPEndPoint, delay)
                : (IDelayingDnsProxy)new DelayingDnsProxyProcess(knot.IPEndPoint, delay);
            // --direct: ask knotd without the proxy (no delay), to see the client's own cost.
            var direct = Array.IndexOf(args, "--direct") >= 0;
            IDnsResolver Live() => new LiveDnsResolver(new DnsResolverOptions { Servers = new[] { direct ? knot.Endpoint : proxy.Endpoint }, Timeout = TimeSpan.FromSeconds(5) });

            var warmedUp = WarmUp(args, Live, options, sections, throttle);

            // Sequential lookups of one domain: alone, cold cache, then again for a second domain once the shared
            // include is cached (what most domains of a batch see).
            var (coldDepth, coldPath, coldTime) = await DepthAsync(Live(), options, sections, new[] { $"d{domains}.{Origin}" });
            var (warmDepth, _, warmTime) = await DepthAsync(Live(), options, sections, new[] { $"w0.{Origin}", $"d{domains}.{Origin}" });

            // --serve: only the slow DNS server (knotd behind the proxy) for Test-EmailAuth itself in PowerShell
            // (benchmarks/posture-pwsh.ps1): prints "<endpoint> <cold depth>" (measured as above, after the warm-up: in a cold
            // process the JIT's work between queries chains some that are independent), serves until stdin closes.
            if (Array.IndexOf(args, "--serve") >= 0)
            {
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0} {1}", proxy.Endpoint, coldDepth));
                while (Console.ReadLine() != null) { }
                return 0;
            }

            var heapBefore = GC.GetTotalMemory(true);
            var cache = new CachingDnsResolver(Live());
            var before = proxy.Queries;
            var grades = new Dictionary<PostureGrade, int>();
            // --alloc-types: the types allocated during the measured run (sampled by the runtime), per domain.
            using var allocationTypes = Array.IndexOf(args, "--alloc-types") >= 0 ? new AllocationTypes() : null;
            allocationTypes?.Start();
            var counters = new RunCounters(() => proxy.Cpu);
            counters.Start();
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
            counters.Stop();
            allocationTypes?.Stop();
            var queries = proxy.Queries - before;
            // What the run left on the heap (the shared cache, mostly): what every GC during the run had to promote.
            var retained = GC.GetTotalMemory(true) - heapBefore;
            GC.KeepAlive(cache);

            double Bound(int depth) => depth * delay.TotalSeconds * domains / throttle;
            var seconds = clock.Elapsed.TotalSeconds;
            var c = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Format(c, "domains {0}, delay {1} ms per answer, ThrottleLimit {2}, DKIM selectors: {3}; warm-up: {4}",
                domains, delay.TotalMilliseconds, throttle, selector ?? "guessed (common list)",
                warmedUp));
            Console.WriteLine(string.Format(c, "sequential lookups per domain: {0} cold ({1:0} ms alone), {2} with the shared include cached ({3:0} ms alone)",
                coldDepth, coldTime.TotalMilliseconds, warmDepth, warmTime.TotalMilliseconds));
            Console.WriteLine("critical path (cold): " + string.Join(" -> ", coldPath));
            Console.WriteLine(string.Format(c, "total {0:0.00} s, {1:0.0} domains/s, {2} queries reached the server ({3:0.0} per domain)",
                seconds, domains / seconds, queries, (double)queries / domains));
            Console.WriteLine(string.Format(c, "bound {0:0.00} s (cold depth) -> ratio {1:0.00}x; bound {2:0.00} s (warm depth) -> ratio {3:0.00}x",
                Bound(coldDepth), seconds / Bound(coldDepth), Bound(warmDepth), seconds / Bound(warmDepth)));
            counters.Print(domains, "domain", proxy.Cpu == null ? "the delaying proxy" : null);
            Console.WriteLine(string.Format(c, "retained after the run (the shared DNS cache): {0:0.0} MB ({1:0} bytes/domain)", retained / 1e6, (double)retained / domains));
            // --gc-detail: the last GC of each kind (generation, promoted bytes, pauses).
            if (Array.IndexOf(args, "--gc-detail") >= 0) RunCounters.PrintLastGCs();
            allocationTypes?.Print(25, domains, "domain");
            Console.WriteLine("grades: " + string.Join(", ", grades.OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Value}")));
            try { Directory.Delete(dir, true); } catch (IOException) { }
            return grades.ContainsKey(PostureGrade.TempError) ? 1 : 0;
        }

        /// <summary>
        /// JIT and sockets warm, on names the measured run never asks (w0..w19), through the same PostureRunner with a
        /// cache of its own per 64 audits. By default 20 audits: much of the code is still at the JIT's first tier, so
        /// the measured run pays the tiered recompilation, as a fresh PowerShell session does. --warmup N: N audits.
        /// --steady: rounds of 64 audits until three in a row compile next to nothing (at most 200 rounds), so the
        /// measured run sees a process whose JIT has settled (a long-running session), as BenchmarkDotNet's warm-up does.
        /// Returns what was done, in words.
        /// </summary>
        private static string WarmUp(string[] args, Func<IDnsResolver> live, PostureOptions options, IReadOnlyList<IPostureSection> sections, int throttle)
        {
            var steady = Array.IndexOf(args, "--steady") >= 0;
            var warmups = Int(args, "--warmup", 20);
            var rounds = 0;
            var quietRounds = 0;
            for (var done = 0; steady ? rounds < 200 : done < warmups; done += 64, rounds++)
            {
                var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
                var count = steady ? 64 : Math.Min(64, warmups - done);
                using (var warm = new PostureRunner(new PostureAuditor(new CachingDnsResolver(live()), options, sections), throttle, CancellationToken.None))
                {
                    for (var k = 0; k < count; k++)
                    {
                        while (!warm.HasFreeSlot) warm.Take();
                        warm.Start($"w{k % 20}.{Origin}");
                    }
                    while (warm.Take() != null) { }
                }
                if (!steady) continue;
                // Tier-up waits for 100 ms without new first-tier code and then compiles in the background: a pause
                // between rounds lets it catch up, and quiet means three rounds in a row compiled next to nothing.
                Thread.Sleep(250);
                quietRounds = System.Runtime.JitInfo.GetCompiledMethodCount() - compiled < 5 ? quietRounds + 1 : 0;
                if (quietRounds == 3) break;
            }
            return steady ? $"{rounds} rounds of 64 audits, until the JIT settled" : $"{warmups} audits";
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
