using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;

namespace EmailAuth.Benchmarks
{
    /// <summary>
    /// What a measured run cost besides its wall time: this process's CPU and allocations, its GCs, the JIT's work
    /// (tier-1 recompilation in a young process), the whole machine's CPU (near 100 % means CPU-bound, not waiting on
    /// the network) and a helper process's CPU. Taken at <see cref="Start"/>, differences at <see cref="Stop"/>.
    /// </summary>
    internal sealed class RunCounters
    {
        private readonly Process _process = Process.GetCurrentProcess();
        private readonly Func<TimeSpan?> _helperCpu;
        private TimeSpan _cpu, _pause, _jitTime;
        private TimeSpan? _helper;
        private long _allocated, _jitMethods;
        private int _gen0, _gen1, _gen2;
        private (long Busy, long Total)? _machine;
        private double _machineBusy = double.NaN;

        /// <param name="helperCpu">Another process's CPU so far (the delaying proxy), or null when it has none of its own.</param>
        public RunCounters(Func<TimeSpan?> helperCpu) => _helperCpu = helperCpu;

        public TimeSpan Cpu => _cpu;

        public void Start()
        {
            _process.Refresh();
            _cpu = _process.TotalProcessorTime;
            _allocated = GC.GetTotalAllocatedBytes(true);
            (_gen0, _gen1, _gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            _pause = GC.GetTotalPauseDuration();
            (_jitMethods, _jitTime) = (System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime());
            _machine = MachineCpu();
            _helper = _helperCpu();
        }

        public void Stop()
        {
            if (MachineCpu() is (long busy, long total) && _machine is (long busy0, long total0) && total > total0)
                _machineBusy = (busy - busy0) * 100.0 / (total - total0);
            _process.Refresh();
            _cpu = _process.TotalProcessorTime - _cpu;
            _allocated = GC.GetTotalAllocatedBytes(true) - _allocated;
            (_gen0, _gen1, _gen2) = (GC.CollectionCount(0) - _gen0, GC.CollectionCount(1) - _gen1, GC.CollectionCount(2) - _gen2);
            _pause = GC.GetTotalPauseDuration() - _pause;
            (_jitMethods, _jitTime) = (System.Runtime.JitInfo.GetCompiledMethodCount() - _jitMethods, System.Runtime.JitInfo.GetCompilationTime() - _jitTime);
            _helper = _helperCpu() - _helper;
        }

        /// <summary>Prints the differences; <paramref name="helperInside"/> names what else ran in this process.</summary>
        public void Print(int items, string item, string? helperInside)
        {
            var c = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Format(c, "process CPU {0:0} ms ({1:0.000} ms/{2}{3}), allocated {4:0.0} MB ({5:0} bytes/{2}), {6} GCs ({7} gen1, {8} gen2) pausing {9:0} ms",
                _cpu.TotalMilliseconds, _cpu.TotalMilliseconds / items, item, helperInside == null ? "" : ", " + helperInside + " included",
                _allocated / 1e6, (double)_allocated / items, _gen0, _gen1, _gen2, _pause.TotalMilliseconds));
            Console.WriteLine(string.Format(c, "machine CPU busy during the run: {0:0} % of {1} cores{2}", _machineBusy, Environment.ProcessorCount,
                _helper is TimeSpan h ? string.Format(c, "; the delaying proxy's process {0:0} ms", h.TotalMilliseconds) : ""));
            // Mostly tier-1 recompilation of what the warm-up ran at the first tier.
            Console.WriteLine(string.Format(c, "JIT during the run: {0} methods, {1:0} ms", _jitMethods, _jitTime.TotalMilliseconds));
        }

        /// <summary>The last GC of each kind: generation, heap, promoted bytes, pauses.</summary>
        public static void PrintLastGCs()
        {
            var c = CultureInfo.InvariantCulture;
            foreach (var kind in new[] { GCKind.Ephemeral, GCKind.Background, GCKind.FullBlocking })
            {
                var info = GC.GetGCMemoryInfo(kind);
                if (info.Index == 0) continue;
                Console.WriteLine(string.Format(c, "last {0} GC: gen{1}, heap {2:0.0} MB, promoted {3:0.0} MB, pauses {4}, compacted {5}", kind, info.Generation,
                    info.HeapSizeBytes / 1e6, info.PromotedBytes / 1e6,
                    string.Join("+", info.PauseDurations.ToArray().Select(d => d.TotalMilliseconds.ToString("0.0", c) + " ms")), info.Compacted));
            }
        }

        /// <summary>All cores' busy and total jiffies from /proc/stat (Linux), or null.</summary>
        private static (long Busy, long Total)? MachineCpu()
        {
            try
            {
                var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
                var idle = fields[3] + fields[4]; // idle + iowait
                return (fields.Sum() - idle, fields.Sum());
            }
            catch (IOException) { return null; }
        }
    }
}
