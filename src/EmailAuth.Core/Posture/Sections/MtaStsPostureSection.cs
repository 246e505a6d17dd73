using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.MtaSts;

namespace EmailAuth.Core.Posture.Sections
{
    /// <summary>
    /// MTA-STS (RFC 8461) through <see cref="MtaStsInspector"/>: the _mta-sts TXT record, the policy over HTTPS (not fetched
    /// offline, with zone files), and its mx patterns against the MX hosts. Not having it is Info, so it never lowers a grade.
    /// </summary>
    public sealed class MtaStsPostureSection : IPostureSection
    {
        public string Name => PostureSectionNames.MtaSts;

        public Task<PostureSectionResult?> RunAsync(PostureContext context, CancellationToken cancellationToken)
        {
            var options = new MtaStsOptions { Offline = context.Options.OfflineZones != null };
            return SectionTasks.Then(new MtaStsInspector(context.Resolver).InspectAsync(context.Domain, options, cancellationToken), Result);
        }

        // Static: the delegate is made once, not per domain.
        private static PostureSectionResult Result(MtaStsPolicyInfo info)
        {
            var present = info.TxtRecord != null && info.IsValid;
            var summary = info.TxtRecord == null ? "no MTA-STS record"
                        : info.Mode != null ? $"mode {info.Mode.ToString()!.ToLowerInvariant()}" + (info.MaxAge != null ? $", max_age {info.MaxAge}" : string.Empty)
                        : info.Fetched ? "policy unusable" : $"id={info.Id}, policy not fetched";
            return new PostureSectionResult(PostureSectionNames.MtaSts, info, info.Findings, present, summary);
        }
    }
}
