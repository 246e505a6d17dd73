using System;
using System.Collections.Generic;
using EmailAuth.Core.Tests.Infrastructure;

namespace EmailAuth.Core.Tests.Differential
{
    /// <summary>
    /// The generated scenarios, ONE knot instance serving all their zones, and pyspf's answers for all
    /// of them (one python process). Started lazily so that a skipped test (no knotd/python3) starts nothing.
    /// </summary>
    public sealed class DifferentialFixture : IDisposable
    {
        private readonly Lazy<KnotServer> _knot;
        private readonly Lazy<IReadOnlyDictionary<string, PyspfAnswer>> _pyspf;

        public DifferentialFixture()
        {
            Scenarios = ScenarioGenerator.Generate();
            _knot = new Lazy<KnotServer>(() => KnotServer.FromText(ZoneWriter.Write(Scenarios)));
            _pyspf = new Lazy<IReadOnlyDictionary<string, PyspfAnswer>>(() => PyspfRunner.Run(Scenarios, Knot.Port));
        }

        public IReadOnlyList<Scenario> Scenarios { get; }
        public KnotServer Knot => _knot.Value;
        public IReadOnlyDictionary<string, PyspfAnswer> Pyspf => _pyspf.Value;

        public void Dispose()
        {
            if (_knot.IsValueCreated) _knot.Value.Dispose();
        }
    }
}
