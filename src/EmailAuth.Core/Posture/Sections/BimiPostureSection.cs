using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Bimi;

namespace EmailAuth.Core.Posture.Sections
{
    /// <summary>BIMI (default._bimi) and its DMARC prerequisites, through <see cref="BimiInspector"/>. Not having it is Info.</summary>
    public sealed class BimiPostureSection : IPostureSection
    {
        public string Name => PostureSectionNames.Bimi;

        public async Task<PostureSectionResult?> RunAsync(PostureContext context, CancellationToken cancellationToken)
        {
            // Its DMARC prerequisites read the audit's one discovery (shared with the DMARC section and the verdict).
            var dmarc = await context.DmarcPolicyAsync(cancellationToken).ConfigureAwait(false);
            var info = await new BimiInspector(context.Resolver, context.Options.SuffixList)
                .InspectAsync(context.Domain, "default", context.Options.Method, dmarc, cancellationToken).ConfigureAwait(false);
            var present = info.Record != null && info.IsValid && !info.IsDeclination;
            var summary = info.Record == null ? "no BIMI record"
                        : info.IsDeclination ? "declined (empty l=)"
                        : (info.IsValid ? "valid" : "invalid") + (info.Authority != null ? ", with a mark certificate" : string.Empty)
                          + (info.IsFallback ? $" (from {info.QueryName})" : string.Empty);
            return new PostureSectionResult(Name, info, info.Findings, present, summary);
        }
    }
}
