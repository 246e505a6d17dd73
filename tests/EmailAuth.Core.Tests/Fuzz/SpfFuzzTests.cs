using Xunit;
using Xunit.Abstractions;

namespace EmailAuth.Core.Tests.Fuzz
{
    /// <summary>
    /// CI share of the SPF fuzzing (fixed seeds, a few seconds): the parser and linter on generated, mutated and
    /// raw record text, and check_host() plus the tree linter on generated zones. The long run is the benchmarks'
    /// "fuzz" mode over the same generators (benchmarks/README.md).
    /// </summary>
    public class SpfFuzzTests
    {
        private readonly ITestOutputHelper _output;

        public SpfFuzzTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void Parser_and_linter_return_findings_for_any_text()
        {
            var report = FuzzRunner.Run(new SpfTextTarget(), seed: 7208, count: 10_000);
            _output.WriteLine(report.Summary());
            Assert.True(report.Failures.Count == 0, report.ToString());
        }

        [Fact]
        public void Check_host_and_the_tree_linter_return_a_result_for_any_zone()
        {
            var report = FuzzRunner.Run(new SpfEvaluatorTarget(), seed: 4408, count: 2_000);
            _output.WriteLine(report.Summary());
            Assert.True(report.Failures.Count == 0, report.ToString());
        }
    }
}
