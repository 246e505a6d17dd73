using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Posture;

namespace EmailAuth.Core.Tests.Audit
{
    /// <summary>Coverage cases for the codes the posture report (Test-EmailAuth) adds to its sections' findings.</summary>
    public static partial class FindingCodeCases
    {
        private static readonly PostureOptions PostureGuessing = new PostureOptions();

        private static FindingCodeCase Posture(string name, string domain, Func<FindingCodeZonesFixture, PostureAuditor> auditor) =>
            Case("posture " + name, async f => (await auditor(f).AuditAsync(domain, CancellationToken.None)).Findings);

        private static IEnumerable<FindingCodeCase> PostureCases()
        {
            // No SPF record, no DKIM key at any common selector: bulk-sender checks fail, and the DKIM guess finds nothing.
            yield return Posture("domain without SPF or DKIM", "spf-none.codes", f => new PostureAuditor(f.Codes(), PostureGuessing));
            // Every query SERVFAIL: the report is incomplete.
            yield return Posture("every query fails", "spf-none.codes", f => new PostureAuditor(f.Failing(), PostureGuessing));
            // A section that throws (a defect) is reported, and the other sections still run.
            yield return Posture("a section throws", "spf-none.codes",
                f => new PostureAuditor(f.Codes(), PostureGuessing, PostureSections.Default.Concat(new[] { new ThrowingPostureSection() }).ToList()));
        }

        private sealed class ThrowingPostureSection : IPostureSection
        {
            public string Name => "Broken";
            public Task<PostureSectionResult?> RunAsync(PostureContext context, CancellationToken cancellationToken) =>
                throw new InvalidOperationException("a defect in a section");
        }
    }
}
