using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Bimi;

namespace EmailAuth.Core.Posture.Sections
{
    /// <summary>BIMI (default._bimi) and its DMARC prerequisites, through <see cref="BimiInspector"/>. Not having it is Info.</summary>
    public sealed class BimiPostureSection : IPostureSection
    {
        public string Name => PostureSectionNames.Bimi;

        // Its DMARC prerequisites read the audit's one discovery (shared with the DMARC section and the verdict).
        public Task<PostureSectionResult?> RunAsync(PostureContext context, CancellationToken cancellationToken) =>
            SectionTasks.Then(context.DmarcPolicyAsync(cancellationToken), context, cancellationToken,
                static (c, dmarc, ct) => new BimiInspector(c.Resolver, c.Options.SuffixList).InspectAsync(c.Domain, "default", c.Options.Method, dmarc, ct),
                static (_, info) => Result(info));

        private static PostureSectionResult Result(BimiRecordInfo info)
        {
            var present = info.Record != null && info.IsValid && !info.IsDeclination;
            var summary = info.Record == null ? "no BIMI record"
                        : info.IsDeclination ? "declined (empty l=)"
                        : (info.IsValid ? "valid" : "invalid") + (info.Authority != null ? ", with a mark certificate" : string.Empty)
                          + (info.IsFallback ? $" (from {info.QueryName})" : string.Empty);
            return new PostureSectionResult(PostureSectionNames.Bimi, info, info.Findings, present, summary);
        }
    }
}
