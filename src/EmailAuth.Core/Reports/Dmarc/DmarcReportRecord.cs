using System;
using System.Collections.Generic;

namespace EmailAuth.Core.Reports.Dmarc
{
    /// <summary>
    /// One &lt;record&gt; row of a DMARC aggregate report (RFC 7489 appendix C, RFC 9990 §3), with the report's metadata
    /// and published policy repeated on it, so each row stands alone in a pipeline (Import-DmarcReport's output).
    /// Values the reporter wrote are kept as written (trimmed, lower-cased where the schema enumerates them); fields
    /// below "Derived" are ours.
    /// </summary>
    public sealed class DmarcReportRecord
    {
        // --- where it came from ---
        /// <summary>The file read (for a .zip or .eml: the file, with the entry in <see cref="SourceEntry"/>).</summary>
        public string SourceFile { get; set; } = string.Empty;
        /// <summary>The zip entry or attachment name the report came from; null for a plain or gzip file.</summary>
        public string? SourceEntry { get; set; }
        /// <summary>RFC 9990 &lt;version&gt; (e.g. "1.0"); null for RFC 7489 appendix C reports, which have none.</summary>
        public string? SchemaVersion { get; set; }
        /// <summary>The root element's namespace (urn:ietf:params:xml:ns:dmarc-2.0 for RFC 9990); null when it has none.</summary>
        public string? SchemaNamespace { get; set; }

        // --- report_metadata ---
        public string OrgName { get; set; } = string.Empty;
        public string? Email { get; set; }
        public string? ExtraContactInfo { get; set; }
        public string ReportId { get; set; } = string.Empty;
        /// <summary>date_range begin/end (seconds since the epoch in the report), as UTC.</summary>
        public DateTimeOffset Begin { get; set; }
        public DateTimeOffset End { get; set; }
        /// <summary>RFC 9990 &lt;generator&gt;; null when absent.</summary>
        public string? Generator { get; set; }
        /// <summary>report_metadata &lt;error&gt; entries.</summary>
        public IReadOnlyList<string> ReportErrors { get; set; } = Array.Empty<string>();

        // --- policy_published ---
        /// <summary>policy_published &lt;domain&gt;.</summary>
        public string PolicyDomain { get; set; } = string.Empty;
        public DmarcReportPublishedPolicy PublishedPolicy { get; set; } = new DmarcReportPublishedPolicy();

        // --- row ---
        public string SourceIP { get; set; } = string.Empty;
        public long Count { get; set; }
        /// <summary>policy_evaluated disposition: none, quarantine or reject (RFC 9990 also allows "pass").</summary>
        public string Disposition { get; set; } = string.Empty;
        /// <summary>policy_evaluated dkim: the DMARC-aligned DKIM result, pass or fail.</summary>
        public string DkimEvaluated { get; set; } = string.Empty;
        /// <summary>policy_evaluated spf: the DMARC-aligned SPF result, pass or fail.</summary>
        public string SpfEvaluated { get; set; } = string.Empty;
        /// <summary>policy_evaluated reason entries (local policy, forwarded, mailing list, ...).</summary>
        public IReadOnlyList<DmarcReportPolicyOverride> PolicyOverrides { get; set; } = Array.Empty<DmarcReportPolicyOverride>();

        // --- identifiers ---
        public string HeaderFrom { get; set; } = string.Empty;
        /// <summary>
        /// The RFC5321.MailFrom domain; when the reporter left it out (optional in RFC 7489), the domain of the row's
        /// mfrom SPF result (the same MAIL FROM domain); null when neither is there.
        /// </summary>
        public string? EnvelopeFrom { get; set; }
        public string? EnvelopeTo { get; set; }

        // --- auth_results ---
        public IReadOnlyList<DmarcReportDkimResult> DkimResults { get; set; } = Array.Empty<DmarcReportDkimResult>();
        public IReadOnlyList<DmarcReportSpfResult> SpfResults { get; set; } = Array.Empty<DmarcReportSpfResult>();

        // --- Derived ---
        /// <summary>DMARC passed for these messages as the reporter evaluated it: policy_evaluated dkim or spf is pass.</summary>
        public bool Aligned { get; set; }
        /// <summary>policy_evaluated dkim is pass.</summary>
        public bool DkimAligned { get; set; }
        /// <summary>policy_evaluated spf is pass.</summary>
        public bool SpfAligned { get; set; }
        /// <summary>The sending service recognised from the authenticated domains (e.g. "Amazon SES" for amazonses.com); null when unknown.</summary>
        public string? SendingService { get; set; }

        public override string ToString() => $"{HeaderFrom} {SourceIP} x{Count} dkim={DkimEvaluated} spf={SpfEvaluated} ({OrgName} {ReportId})";
    }
}
