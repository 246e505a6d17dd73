using System;
using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Linq;

namespace EmailAuth.Benchmarks
{
    /// <summary>
    /// The runtime's allocation samples (GCAllocationTick: one about every 100 KB, naming the type allocated) summed by
    /// type, to see what a run allocates without a profiler. Started and stopped around the measured part.
    /// </summary>
    internal sealed class AllocationTypes : EventListener
    {
        private const EventKeywords GcKeyword = (EventKeywords)0x1;
        private readonly ConcurrentDictionary<string, long> _bytes = new ConcurrentDictionary<string, long>();
        private volatile bool _on;

        public void Start() => _on = true;
        public void Stop() => _on = false;

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, GcKeyword);
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (!_on || e.EventName == null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.PayloadNames == null) return;
            var type = e.Payload![e.PayloadNames.IndexOf("TypeName")] as string ?? "?";
            var amount = Convert.ToInt64(e.Payload[e.PayloadNames.IndexOf("AllocationAmount")]);
            _bytes.AddOrUpdate(type, amount, (_, v) => v + amount);
        }

        public void Print(int top, double per, string unit)
        {
            foreach (var (type, bytes) in _bytes.OrderByDescending(kv => kv.Value).Take(top).Select(kv => (kv.Key, kv.Value)))
                Console.WriteLine($"  {bytes / per,9:0} bytes/{unit}  {type}");
        }
    }
}
