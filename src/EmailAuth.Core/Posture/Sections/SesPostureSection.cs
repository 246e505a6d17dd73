using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace EmailAuth.Core.Posture.Sections
{
    /// <summary>
    /// For an SES identity only: what SES reports (verification, DKIM, MAIL FROM) against DNS, through
    /// <see cref="SesIdentityChecks"/> (issue 12 §5). Not applicable (null) for a plain domain.
    /// </summary>
    public sealed class SesPostureSection : IPostureSection
    {
        public string Name => PostureSectionNames.Ses;

        private static readonly Task<PostureSectionResult?> NotApplicable = Task.FromResult<PostureSectionResult?>(null);

        // A plain domain (every domain of a bulk audit) gets the finished "not applicable" task: no async method runs.
        public Task<PostureSectionResult?> RunAsync(PostureContext context, CancellationToken cancellationToken) =>
            context.Ses == null ? NotApplicable : RunSesAsync(context, cancellationToken);

        private async Task<PostureSectionResult?> RunSesAsync(PostureContext context, CancellationToken cancellationToken)
        {
            var identity = context.Ses!.Identity;
            var findings = await new SesIdentityChecks(context.Resolver, context.Options.OfflineZones, context.Options.Method, context.Options.SuffixList)
                .CheckAsync(identity, context.Ses.Known, cancellationToken).ConfigureAwait(false);
            var summary = $"{identity.Identity} in {identity.Region}: {identity.VerificationStatus ?? "unknown"}"
                        + (identity.Dkim.Status != null ? $", DKIM {identity.Dkim}" : string.Empty)
                        + (identity.MailFromDomain != null ? $", MAIL FROM {identity.MailFromDomain} ({identity.MailFromStatus})" : ", default MAIL FROM");
            var present = identity.VerifiedForSending && !Audit.FindingLists.AnyAtLeast(findings, Audit.FindingSeverity.Error);
            return new PostureSectionResult(Name, identity, findings, present, summary);
        }
    }
}
