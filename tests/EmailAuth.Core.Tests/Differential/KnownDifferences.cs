using System.Collections.Generic;
using System.Linq;

namespace EmailAuth.Core.Tests.Differential
{
    /// <summary>
    /// Scenario classes where pyspf 2.0.14 deviates from RFC 7208 and our engine follows the RFC.
    /// Scenarios carrying one of these tags are checked against their RFC result
    /// (<see cref="Scenario.RfcResult"/>) instead of pyspf's answer. Add an entry only when the RFC
    /// text backs our result; when pyspf is right, the scenario stays a failing mismatch.
    /// </summary>
    public static class KnownDifferences
    {
        public sealed record Entry(string Tag, string Rfc, string Why);

        public static readonly IReadOnlyList<Entry> All = new Entry[]
        {
        };

        public static Entry? For(Scenario s) => All.FirstOrDefault(e => s.Tags.Contains(e.Tag));
    }
}
