using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Dmarc;

namespace EmailAuth.Core.Posture.Sections
{
    /// <summary>The DMARC policy that applies to the domain (RFC 9989 discovery), through <see cref="DmarcPolicyInspector"/>.</summary>
    public sealed class DmarcPostureSection : IPostureSection
    {
        public string Name => PostureSectionNames.Dmarc;

        // The audit's one discovery (shared with BIMI and the verdict), then this section's report-destination checks.
        public Task<PostureSectionResult?> RunAsync(PostureContext context, CancellationToken cancellationToken) =>
            SectionTasks.Then(context.DmarcPolicyAsync(cancellationToken), context, cancellationToken,
                static (c, discovered, ct) => new DmarcPolicyInspector(c.Resolver, c.Options.SuffixList)
                    .WithReportDestinationsAsync(discovered, new DmarcDiscoveryOptions { Method = c.Options.Method }, ct),
                Result);

        // Static: the delegates are made once, not per domain.
        private static PostureSectionResult Result(PostureContext context, DmarcPolicyInfo info)
        {
            var present = info.EffectivePolicy != null;
            var summary = !present
                ? (info.Record == null ? "no DMARC record" : "unusable DMARC record")
                : $"p={info.EffectivePolicy.ToString()!.ToLowerInvariant()}" + (info.PolicyDomain != context.Domain ? $" (from _dmarc.{info.PolicyDomain})" : string.Empty)
                  + (info.Pct is int pct && pct < 100 ? $", pct={pct}" : string.Empty) + (info.Testing ? ", t=y" : string.Empty)
                  + (info.Rua.Count == 0 ? ", no rua" : string.Empty);
            return new PostureSectionResult(PostureSectionNames.Dmarc, info, info.Findings, present, summary);
        }
    }
}
