using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace EmailAuth.Core.Tests.Fuzz
{
    /// <summary>
    /// Runs a target over inputs #first..#first+count-1 of a seed, one at a time on a worker thread, while a
    /// watchdog holds each input to a generous deadline that only detects hangs (no speed is asserted). Input #i
    /// is made from its own Random, seeded from (seed, i), so any single input replays without the ones before it.
    /// </summary>
    public static class FuzzRunner
    {
        /// <summary>Per-input hang detector: far above any input's real cost, even on a loaded machine.</summary>
        public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(10);

        private static readonly TimeSpan WatchdogPoll = TimeSpan.FromMilliseconds(100);

        /// <summary>The seed of input <paramref name="index"/> (SplitMix64 over seed and index).</summary>
        public static int InputSeed(int seed, long index)
        {
            unchecked
            {
                var z = ((ulong)(uint)seed << 32) ^ (ulong)index;
                z += 0x9E3779B97F4A7C15UL;
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
                return (int)(z ^ (z >> 31));
            }
        }

        /// <summary>Input <paramref name="index"/> of <paramref name="seed"/>, as the run makes it.</summary>
        public static object Input(IFuzzTarget target, int seed, long index) => target.Generate(new Random(InputSeed(seed, index)));

        /// <param name="onFailure">Called at once for each failure (e.g. to save the input to a file).</param>
        /// <param name="maxFailures">The run stops after this many failures; it always stops at a hang.</param>
        /// <param name="retime">
        /// After the run, time again (warm, best of three) the inputs that were slowest as observed, and report the
        /// slowest of those: on a shared machine the observed maximum is mostly a GC pause or a descheduled thread.
        /// </param>
        public static FuzzReport Run(IFuzzTarget target, int seed, long count, TimeSpan? deadline = null, long first = 0,
                                     int maxFailures = 5, Action<FuzzFailure>? onFailure = null, Action<long>? onProgress = null,
                                     bool retime = false)
        {
            var limit = deadline ?? DefaultDeadline;
            var report = new FuzzReport(target.Name, seed);
            var run = new RunState();
            var total = Stopwatch.StartNew();
            using var cts = new CancellationTokenSource();

            void Fail(long index, object input, string kind, string detail)
            {
                var failure = new FuzzFailure(target.Name, seed, index, kind, detail, target.Describe(input));
                lock (report) report.Failures.Add(failure);
                onFailure?.Invoke(failure);
            }

            // A dedicated thread: inputs run inline (no per-input task switch), so millions of them stay cheap.
            var worker = Task.Factory.StartNew(() =>
            {
                var slowest = new List<(TimeSpan Time, long Index, object Input)>();
                for (var i = first; i < first + count && !cts.IsCancellationRequested; i++)
                {
                    var input = Input(target, seed, i);
                    var started = Stopwatch.GetTimestamp();
                    Volatile.Write(ref run.Current, new Running(i, input, started));
                    Exception? error = null;
                    try
                    {
                        target.RunAsync(input, cts.Token).GetAwaiter().GetResult();
                    }
                    catch (Exception e)
                    {
                        error = e;
                    }
                    var elapsed = Stopwatch.GetElapsedTime(started);
                    Volatile.Write(ref run.Current, null);
                    if (cts.IsCancellationRequested) break; // the watchdog has reported this input as a hang
                    report.Inputs++;
                    if (slowest.Count < SlowestKept || elapsed > slowest[slowest.Count - 1].Time)
                    {
                        if (slowest.Count == SlowestKept) slowest.RemoveAt(SlowestKept - 1);
                        slowest.Add((elapsed, i, input));
                        slowest.Sort((a, b) => b.Time.CompareTo(a.Time));
                    }
                    if (error != null)
                    {
                        Fail(i, input, error is FuzzPropertyException ? "property" : error.GetType().Name, error.ToString());
                        if (report.Failures.Count >= maxFailures)
                        {
                            report.Stopped = i < first + count - 1;
                            break;
                        }
                    }
                    if (onProgress != null && (i - first + 1) % 100_000 == 0) onProgress(i - first + 1);
                }
                report.Elapsed = total.Elapsed; // retiming below is not part of the run's throughput
                if (slowest.Count == 0 || cts.IsCancellationRequested) return;
                report.SlowestObserved = slowest[0].Time;
                var worst = slowest[0];
                if (retime)
                {
                    worst = slowest.Select(s => (Time: Warm(target, s.Input, cts.Token), s.Index, s.Input)).OrderByDescending(s => s.Time).First();
                    report.Retimed = true;
                }
                report.SlowestTime = worst.Time;
                report.SlowestIndex = worst.Index;
                report.SlowestInput = target.Describe(worst.Input);
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

            while (Task.WaitAny(new Task[] { worker }, WatchdogPoll) < 0)
            {
                var current = Volatile.Read(ref run.Current);
                if (current == null || Stopwatch.GetElapsedTime(current.Started) <= limit) continue;
                // The input may still be running: it is abandoned (and cancelled) and the run ends here.
                cts.Cancel();
                Fail(current.Index, current.Input, "hang", $"no result within {limit.TotalSeconds:0} s");
                report.Stopped = true;
                break;
            }
            if (worker.IsFaulted) throw worker.Exception!.InnerException!; // a generator bug, not a finding
            if (report.Elapsed == TimeSpan.Zero) report.Elapsed = total.Elapsed; // stopped by a hang
            return report;
        }

        /// <summary>How many of the slowest inputs are kept for <c>retime</c>.</summary>
        private const int SlowestKept = 32;

        /// <summary>The input's best time of three runs (it already passed once, so errors are not expected).</summary>
        private static TimeSpan Warm(IFuzzTarget target, object input, CancellationToken token)
        {
            var best = TimeSpan.MaxValue;
            for (var k = 0; k < 3; k++)
            {
                var started = Stopwatch.GetTimestamp();
                try { target.RunAsync(input, token).GetAwaiter().GetResult(); } catch (Exception) { }
                var elapsed = Stopwatch.GetElapsedTime(started);
                if (elapsed < best) best = elapsed;
            }
            return best;
        }

        private sealed class RunState
        {
            public Running? Current;
        }

        private sealed record Running(long Index, object Input, long Started);
    }
}
