using System;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace EmailAuth.Core.Tests.Fuzz
{
    /// <summary>The fuzz tests can fail: the runner reports crashes, broken properties and hangs with a replayable input.</summary>
    public class FuzzRunnerTests
    {
        /// <summary>Input #i is the number i drawn through the seed; <see cref="Behaviour"/> decides what running it does.</summary>
        private sealed class ProbeTarget : FuzzTarget<long>
        {
            public Func<long, Task> Behaviour { get; set; } = _ => Task.CompletedTask;
            public long Next { get; set; }
            public override string Name => "probe";
            protected override long Create(Random random) => Next++;
            protected override Task RunAsync(long input, CancellationToken cancellationToken) => Behaviour(input);
            protected override string Describe(long input) => $"input {input}";
        }

        [Fact]
        public void A_crash_is_reported_with_its_exception_input_and_replay_command()
        {
            var target = new ProbeTarget { Behaviour = i => i == 3 ? throw new IndexOutOfRangeException("boom") : Task.CompletedTask };
            var report = FuzzRunner.Run(target, seed: 9, count: 10);
            var failure = Assert.Single(report.Failures);
            Assert.Equal(3, failure.Index);
            Assert.Equal("IndexOutOfRangeException", failure.Kind);
            Assert.Equal("input 3", failure.Input);
            Assert.Contains("--target probe --seed 9 --index 3", failure.Reproduce);
            Assert.Equal(10, report.Inputs);
        }

        [Fact]
        public void A_broken_property_is_reported_as_such()
        {
            var target = new ProbeTarget { Behaviour = i => { FuzzPropertyException.Check(i != 5, "five"); return Task.CompletedTask; } };
            var failure = Assert.Single(FuzzRunner.Run(target, seed: 9, count: 10).Failures);
            Assert.Equal("property", failure.Kind);
            Assert.Contains("five", failure.Detail);
        }

        [Fact]
        public void A_hang_stops_the_run_at_the_deadline_and_names_the_input()
        {
            using var release = new ManualResetEventSlim();
            var target = new ProbeTarget { Behaviour = i => { if (i == 2) release.Wait(); return Task.CompletedTask; } };
            try
            {
                // Silence is the point here, so the deadline is short.
                var report = FuzzRunner.Run(target, seed: 9, count: 10, deadline: TimeSpan.FromMilliseconds(300));
                var failure = Assert.Single(report.Failures);
                Assert.Equal("hang", failure.Kind);
                Assert.Equal(2, failure.Index);
                Assert.True(report.Stopped);
            }
            finally
            {
                release.Set(); // lets the abandoned input finish
            }
        }

        [Fact]
        public void Input_seeds_depend_on_seed_and_index_only()
        {
            Assert.Equal(FuzzRunner.InputSeed(7, 1000), FuzzRunner.InputSeed(7, 1000));
            Assert.NotEqual(FuzzRunner.InputSeed(7, 1000), FuzzRunner.InputSeed(7, 1001));
            Assert.NotEqual(FuzzRunner.InputSeed(7, 1000), FuzzRunner.InputSeed(8, 1000));
        }
    }
}
