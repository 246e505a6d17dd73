using System;
using System.Collections.Generic;
using System.Text;

namespace EmailAuth.Core.Tests.Fuzz
{
    /// <summary>One input that crashed, hung or broke a property, with what it takes to reproduce it.</summary>
    public sealed class FuzzFailure
    {
        public FuzzFailure(string target, int seed, long index, string kind, string detail, string input)
        {
            Target = target;
            Seed = seed;
            Index = index;
            Kind = kind;
            Detail = detail;
            Input = input;
        }

        public string Target { get; }
        public int Seed { get; }
        public long Index { get; }
        /// <summary>"hang", "property" or the escaping exception's type name.</summary>
        public string Kind { get; }
        public string Detail { get; }
        public string Input { get; }

        /// <summary>The command that replays exactly this input.</summary>
        public string Reproduce =>
            $"dotnet run -c Release --project benchmarks/EmailAuth.Benchmarks -- fuzz --target {Target} --seed {Seed} --index {Index}";

        public override string ToString() =>
            $"{Target} seed {Seed} input #{Index}: {Kind}\n{Detail}\n--- input ---\n{Input}\n--- reproduce ---\n{Reproduce}";
    }

    /// <summary>What one run of one target did: throughput, the slowest input, the failures.</summary>
    public sealed class FuzzReport
    {
        public FuzzReport(string target, int seed)
        {
            Target = target;
            Seed = seed;
        }

        public string Target { get; }
        public int Seed { get; }
        public long Inputs { get; internal set; }
        public TimeSpan Elapsed { get; internal set; }
        public double InputsPerSecond => Elapsed.TotalSeconds > 0 ? Inputs / Elapsed.TotalSeconds : 0;
        public long SlowestIndex { get; internal set; } = -1;
        /// <summary>The slowest input's time: as observed, or its warm time when <see cref="Retimed"/>.</summary>
        public TimeSpan SlowestTime { get; internal set; }
        /// <summary>The longest time any input took as observed (JIT, GC pauses and machine load included).</summary>
        public TimeSpan SlowestObserved { get; internal set; }
        /// <summary>True when the slowest inputs were timed again, warm, and <see cref="SlowestTime"/> is the worst of those.</summary>
        public bool Retimed { get; internal set; }
        /// <summary>The slowest input, described (null when no input ran).</summary>
        public string? SlowestInput { get; internal set; }
        public List<FuzzFailure> Failures { get; } = new List<FuzzFailure>();
        /// <summary>True when the run stopped before its count (a hang, or too many failures).</summary>
        public bool Stopped { get; internal set; }

        public string Summary() =>
            $"{Target}: {Inputs:N0} inputs in {Elapsed.TotalSeconds:0.0} s ({InputsPerSecond:N0}/s), {Failures.Count} failure(s), " +
            $"slowest #{SlowestIndex} {SlowestTime.TotalMilliseconds:0.###} ms{(Retimed ? $" warm ({SlowestObserved.TotalMilliseconds:0.###} ms observed at worst)" : "")} (seed {Seed})";

        public override string ToString()
        {
            var sb = new StringBuilder(Summary());
            foreach (var f in Failures) sb.Append("\n\n").Append(f);
            return sb.ToString();
        }
    }
}
