using System.Threading;
using System.Threading.Tasks;

namespace EmailAuth.Core.Posture
{
    /// <summary>
    /// One part of the posture report (SPF, DKIM, DMARC, ...). Sections are independent of each other, so the
    /// auditor runs them concurrently; a new one is a class implementing this and one line in
    /// <see cref="PostureSections.Default"/>. DNS failures become findings (never exceptions); an exception
    /// thrown anyway is turned into a POSTURE_SECTION_FAILED finding by the auditor.
    /// </summary>
    public interface IPostureSection
    {
        /// <summary>Stable short name (the key in <see cref="EmailAuthReport.Sections"/>), e.g. "Spf".</summary>
        string Name { get; }

        /// <returns>The section's result, or null when it does not apply (the SES section for a plain domain).</returns>
        Task<PostureSectionResult?> RunAsync(PostureContext context, CancellationToken cancellationToken);
    }
}
