using System;
using System.Threading;
using System.Threading.Tasks;

namespace EmailAuth.Core.Tests.Fuzz
{
    /// <summary>
    /// One piece of code under fuzz. Shared by the xunit fuzz tests (a few thousand inputs in CI) and the
    /// benchmarks' long "fuzz" run (millions): both draw inputs from the same generators.
    /// </summary>
    public interface IFuzzTarget
    {
        /// <summary>Short name used on the command line and in reports, e.g. "spf-text".</summary>
        string Name { get; }

        /// <summary>An input built only from <paramref name="random"/>: the same seed gives the same input.</summary>
        object Generate(Random random);

        /// <summary>
        /// Runs one input. A broken property throws <see cref="FuzzPropertyException"/>; any other exception
        /// escaping is a crash. <paramref name="cancellationToken"/> fires at the runner's hang deadline.
        /// </summary>
        Task RunAsync(object input, CancellationToken cancellationToken);

        /// <summary>The input as text from which a regression test can be written.</summary>
        string Describe(object input);
    }

    /// <summary>Typed convenience base for <see cref="IFuzzTarget"/>.</summary>
    public abstract class FuzzTarget<TInput> : IFuzzTarget where TInput : notnull
    {
        public abstract string Name { get; }
        protected abstract TInput Create(Random random);
        protected abstract Task RunAsync(TInput input, CancellationToken cancellationToken);
        protected abstract string Describe(TInput input);

        object IFuzzTarget.Generate(Random random) => Create(random);
        Task IFuzzTarget.RunAsync(object input, CancellationToken cancellationToken) => RunAsync((TInput)input, cancellationToken);
        string IFuzzTarget.Describe(object input) => Describe((TInput)input);
    }

    /// <summary>A result that breaks a documented property (not a crash of the code under test).</summary>
    public sealed class FuzzPropertyException : Exception
    {
        public FuzzPropertyException(string message) : base(message) { }

        public static void Check(bool condition, string message)
        {
            if (!condition) throw new FuzzPropertyException(message);
        }
    }
}
