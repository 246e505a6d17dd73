using System.Collections.Generic;
using System.Linq;
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
        public async Task The_DMARC_and_BIMI_sections_and_the_bulk_sender_verdict_share_one_DMARC_discovery()
        {
            var (dmarcSectionOnly, alone) = await DmarcQueries(new IPostureSection[] { new DmarcPostureSection() });
            var (all, report) = await DmarcQueries(null);

            Assert.True(report.Alignment!.SpfAligned && report.Alignment.DkimAligned);
            Assert.Equal("Reject", report.Alignment.Policy.ToString());
            Assert.Equal("Reject", Assert.IsType<EmailAuth.Core.Bimi.BimiRecordInfo>(report.Bimi).DmarcPolicy.ToString());
            Assert.True(dmarcSectionOnly > 0);
            // BIMI's prerequisites and the verdict asked nothing more (each used to discover the policy again).
            Assert.Equal(dmarcSectionOnly, all);
            // The DMARC section's own result is what it was alone: discovery plus its report-destination checks.
            Assert.Equal(alone.Dmarc!.Findings.Select(f => f.Code), report.Dmarc!.Findings.Select(f => f.Code));
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
