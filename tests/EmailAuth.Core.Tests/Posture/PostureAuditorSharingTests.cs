using System.Collections.Generic;
using System.Threading.Tasks;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Posture;
using EmailAuth.Core.Posture.Sections;
using Xunit;

namespace EmailAuth.Core.Tests.Posture
{
    /// <summary>Work one domain's audit must not repeat (the CPU of bulk audits, Test-EmailAuth over thousands of domains).</summary>
    public sealed class PostureAuditorSharingTests
    {
        private static readonly PostureOptions Options = new PostureOptions { Selectors = new[] { "s1" } };
        private static readonly string Dmarc = "_dmarc." + PostureZone.Name("good");

        /// <summary>How often the audit asked for the domain's DMARC record, with these sections.</summary>
        private static async Task<(int, EmailAuthReport)> DmarcQueries(IReadOnlyList<IPostureSection>? sections)
        {
            var counting = new CountingResolver(PostureZone.Resolver());
            var report = await new PostureAuditor(counting, Options, sections).AuditAsync(PostureZone.Name("good"));
            return (counting.Count(Dmarc, DnsRecordType.TXT), report);
        }

        [Fact]
        public async Task The_bulk_sender_verdict_reuses_the_DMARC_sections_policy_instead_of_discovering_it_again()
        {
            // Without SPF and DKIM sections there is no bulk-sender verdict: only the DMARC and BIMI discoveries.
            var (sectionsOnly, _) = await DmarcQueries(new IPostureSection[] { new DmarcPostureSection(), new BimiPostureSection() });
            var (all, report) = await DmarcQueries(null);

            Assert.True(report.Alignment!.SpfAligned && report.Alignment.DkimAligned);
            Assert.Equal("Reject", report.Alignment.Policy.ToString());
            Assert.True(sectionsOnly > 0);
            // The verdict asked nothing more: it took the DMARC section's policy (it used to discover it a third time).
            Assert.Equal(sectionsOnly, all);
        }

        [Fact]
        public async Task Without_the_DMARC_section_the_bulk_sender_verdict_discovers_the_policy_itself()
        {
            var (asked, report) = await DmarcQueries(new IPostureSection[] { new SpfPostureSection(), new DkimPostureSection() });

            Assert.Equal("Reject", report.Alignment!.Policy.ToString());
            Assert.True(asked > 0);
        }
    }
}
