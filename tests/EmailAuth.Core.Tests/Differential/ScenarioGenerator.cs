using System;
using System.Collections.Generic;

namespace EmailAuth.Core.Tests.Differential
{
    /// <summary>
    /// Deterministic (fixed seed) generator of SPF scenarios for the differential test against pyspf.
    /// Each family lives in its own partial file; every scenario is self-contained under
    /// sNNNN.spf.test and its own address block, so the whole set is served by one knot instance.
    /// </summary>
    public sealed partial class ScenarioGenerator
    {
        public const string Zone = "spf.test";
        /// <summary>Not served by the knot instance: it answers REFUSED there, a DNS error (temperror, §4.4).</summary>
        public const string Unserved = "unserved.test";
        public const int DefaultSeed = 7208;

        private readonly Random _rng;
        private readonly List<Scenario> _scenarios = new List<Scenario>();

        private ScenarioGenerator(int seed) => _rng = new Random(seed);

        public static IReadOnlyList<Scenario> Generate(int seed = DefaultSeed)
        {
            var g = new ScenarioGenerator(seed);
            g.Mechanisms();
            g.Ipv6Clients();
            g.DualCidr();
            g.IncludeResults();
            g.Redirects();
            g.Explanations();
            g.MacrosInMechanisms();
            g.MacrosInExplanations();
            g.Limits();
            g.RecordDiscovery();
            g.SyntaxErrors();
            g.Senders();
            g.Cnames();
            g.CaseVariations();
            g.MultiString();
            g.Edges();
            g.RandomMixes(until: 660);
            return g._scenarios;
        }

        /// <summary>Adds one scenario; the builder's own Random is derived from the generator's so families stay independent.</summary>
        private void New(string category, Action<ScenarioBuilder> build)
        {
            var s = new Scenario(_scenarios.Count + 1, category);
            build(new ScenarioBuilder(s, new Random(_rng.Next())));
            _scenarios.Add(s);
        }

        private static readonly string[] Qualifiers = { "", "+", "-", "~", "?" };
        private static readonly string[] Tails = { "-all", "~all", "?all", "", "-all", "~all" };
    }
}
