using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Dmarc;

namespace EmailAuth.Core.Posture.Sections
{
    /// <summary>The DMARC policy that applies to the domain (RFC 9989 discovery), through <see cref="DmarcPolicyInspector"/>.</summary>
    public sealed class DmarcPostureSection : IPostureSection
    {
        public string Name => PostureSectionNames.Dmarc;

        public async Task<PostureSectionResult?> RunAsync(PostureContext context, CancellationToken cancellationToken)
        {
            // The audit's one discovery (shared with BIMI and the verdict), then this section's report-destination checks.
            var discovered = await context.DmarcPolicyAsync(cancellationToken).ConfigureAwait(false);
            var info = await new DmarcPolicyInspector(context.Resolver, context.Options.SuffixList)
                .WithReportDestinationsAsync(discovered, new DmarcDiscoveryOptions { Method = context.Options.Method }, cancellationToken).ConfigureAwait(false);
            var present = info.EffectivePolicy != null;
            var summary = !present
                ? (info.Record == null ? "no DMARC record" : "unusable DMARC record")
                : $"p={info.EffectivePolicy.ToString()!.ToLowerInvariant()}" + (info.PolicyDomain != context.Domain ? $" (from _dmarc.{info.PolicyDomain})" : string.Empty)
                  + (info.Pct is int pct && pct < 100 ? $", pct={pct}" : string.Empty) + (info.Testing ? ", t=y" : string.Empty)
                  + (info.Rua.Count == 0 ? ", no rua" : string.Empty);
            return new PostureSectionResult(Name, info, info.Findings, present, summary);
        }
    }
}
