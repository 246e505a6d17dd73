using System;
using System.Collections.Generic;
using EmailAuth.Core.Alignment;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Dkim;
using EmailAuth.Core.Dmarc;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Spf;

namespace EmailAuth.Core.Posture
{
    /// <summary>
    /// The posture of one domain (Test-EmailAuth): every section's result, every finding (worst first), the
    /// Gmail/Yahoo 2024 bulk-sender checks, the DNS records seen, and a grade (<see cref="PostureGrader"/>).
    /// </summary>
    public sealed class EmailAuthReport
    {
        public string Domain { get; set; } = string.Empty;
        /// <summary>What was audited: the domain, or the SES identity's name (a domain or an address).</summary>
        public string Identity { get; set; } = string.Empty;
        /// <summary>The SES identity audited (Get-SesIdentity | Test-EmailAuth), or null.</summary>
        public Aws.Ses.SesIdentity? SesIdentity { get; set; }
        public PostureGrade Grade { get; set; }
        /// <summary>Why the grade is what it is, in one sentence.</summary>
        public string GradeReason { get; set; } = string.Empty;

        /// <summary>Every section in the order of <see cref="PostureSections.Default"/>.</summary>
        public IReadOnlyList<PostureSectionResult> Sections { get; set; } = Array.Empty<PostureSectionResult>();

        /// <summary>A section by name (Spf, Dkim, Dmarc, Bimi, MtaSts, TlsRpt, Mx), or null when it did not run.</summary>
        public PostureSectionResult? Section(string name)
        {
            // A loop, not FirstOrDefault with a lambda: the verdict, the grade and the views ask this many times per report.
            for (var i = 0; i < Sections.Count; i++)
                if (string.Equals(Sections[i].Name, name, StringComparison.OrdinalIgnoreCase)) return Sections[i];
            return null;
        }

        public SpfRecordInfo? Spf => Section(PostureSectionNames.Spf)?.Result as SpfRecordInfo;
        public IReadOnlyList<DkimKeyInfo> Dkim => Section(PostureSectionNames.Dkim)?.Result as IReadOnlyList<DkimKeyInfo> ?? Array.Empty<DkimKeyInfo>();
        public DmarcPolicyInfo? Dmarc => Section(PostureSectionNames.Dmarc)?.Result as DmarcPolicyInfo;
        public object? Bimi => Section(PostureSectionNames.Bimi)?.Result;
        public object? MtaSts => Section(PostureSectionNames.MtaSts)?.Result;
        public object? TlsRpt => Section(PostureSectionNames.TlsRpt)?.Result;
        public object? Mx => Section(PostureSectionNames.Mx)?.Result;
        /// <summary>The SES checks' section (verification, Easy DKIM in DNS, MAIL FROM), present for SES identities only.</summary>
        public PostureSectionResult? Ses => Section(PostureSectionNames.Ses);

        /// <summary>The DMARC verdict of the best message the domain's DNS allows (MAIL FROM = the domain, its own DKIM key).</summary>
        public DmarcEvaluation? Alignment { get; set; }

        public IReadOnlyList<BulkSenderCheck> BulkSender { get; set; } = Array.Empty<BulkSenderCheck>();
        /// <summary>True when every Gmail/Yahoo 2024 bulk-sender check passes.</summary>
        public bool BulkSenderReady
        {
            get
            {
                // Loops, not LINQ: views and Select-Object read these for every report of a bulk run.
                for (var i = 0; i < BulkSender.Count; i++) if (!BulkSender[i].Passed) return false;
                return BulkSender.Count > 0;
            }
        }

        /// <summary>Every finding of every section plus the report's own, worst first.</summary>
        public IReadOnlyList<Finding> Findings { get; set; } = Array.Empty<Finding>();

        /// <summary>The DNS records the audit was answered with (bounded by <see cref="PostureOptions.MaxRecordsSeen"/>).</summary>
        public IReadOnlyList<DnsRecord> Records { get; set; } = Array.Empty<DnsRecord>();

        public int CriticalCount => Count(FindingSeverity.Critical);
        public int ErrorCount => Count(FindingSeverity.Error);
        public int WarningCount => Count(FindingSeverity.Warning);

        private int Count(FindingSeverity severity)
        {
            var n = 0;
            for (var i = 0; i < Findings.Count; i++) if (Findings[i].Severity == severity) n++;
            return n;
        }

        public override string ToString() => $"{Identity}: {Grade} ({GradeReason})";
    }
}
