using System.Linq;
using BenchmarkDotNet.Attributes;
using EmailAuth.Core.Spf;

namespace EmailAuth.Benchmarks
{
    /// <summary>
    /// Offline lint (ConvertFrom-SpfRecord) of a record that repeats one ip4 term: the duplicate and
    /// shadowed-network checks must stay near-linear in the number of terms. Long runs: use
    /// <c>--strategy Monitoring --warmupCount 0 --iterationCount 3</c> when a case takes seconds.
    /// </summary>
    [MemoryDiagnoser]
    public class LintBenchmarks
    {
        [Params(5_000, 40_000)]
        public int Copies { get; set; }

        private string _record = "";
        private SpfRecord _parsed = null!;

        [GlobalSetup]
        public void Setup()
        {
            _record = "v=spf1 " + string.Join(" ", Enumerable.Repeat("ip4:192.0.2.0/24", Copies)) + " -all";
            _parsed = SpfParser.Parse(_record);
        }

        /// <summary>What ConvertFrom-SpfRecord does: parse, lint (redundancy analysis bounded to 1,000 terms), list terms.</summary>
        [Benchmark]
        public object InspectText() => new SpfRecordInspector(null).InspectText(_record, "example.com");

        /// <summary>The duplicate/shadow analysis alone over every term, the bound lifted: its own growth.</summary>
        [Benchmark]
        public object RedundantTermsUnbounded() => SpfRedundantTerms.Analyse(_parsed.Terms, int.MaxValue);
    }
}
