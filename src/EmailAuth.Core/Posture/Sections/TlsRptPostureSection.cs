using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.TlsRpt;

namespace EmailAuth.Core.Posture.Sections
{
    /// <summary>TLS-RPT (RFC 8460, _smtp._tls), through <see cref="TlsRptInspector"/>. Not having it is Info.</summary>
    public sealed class TlsRptPostureSection : IPostureSection
    {
        public string Name => PostureSectionNames.TlsRpt;

        public Task<PostureSectionResult?> RunAsync(PostureContext context, CancellationToken cancellationToken) =>
            SectionTasks.Then(new TlsRptInspector(context.Resolver).InspectAsync(context.Domain, cancellationToken), Result);

        // Static: the delegate is made once, not per domain.
        private static PostureSectionResult Result(TlsRptRecordInfo info)
        {
            var present = info.Record != null && info.IsValid;
            var summary = info.Record == null ? "no TLS-RPT record"
                        : (info.IsValid ? "valid" : "invalid") + (info.Rua.Count > 0 ? ", rua " + string.Join(", ", info.Rua) : string.Empty);
            return new PostureSectionResult(PostureSectionNames.TlsRpt, info, info.Findings, present, summary);
        }
    }
}
