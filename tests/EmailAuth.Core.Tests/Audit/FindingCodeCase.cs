using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using EmailAuth.Core.Audit;

namespace EmailAuth.Core.Tests.Audit
{
    /// <summary>One row of the coverage table: a real inspector run on one input (a fixture name, a policy, an identity).</summary>
    public sealed class FindingCodeCase
    {
        public FindingCodeCase(string name, Func<FindingCodeZonesFixture, Task<IEnumerable<Finding>>> run)
        {
            Name = name;
            Run = run;
        }

        public string Name { get; }
        public Func<FindingCodeZonesFixture, Task<IEnumerable<Finding>>> Run { get; }
        public override string ToString() => Name;
    }
}
