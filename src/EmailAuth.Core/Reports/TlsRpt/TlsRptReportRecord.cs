using System;
using System.Collections.Generic;

namespace EmailAuth.Core.Reports.TlsRpt
{
    /// <summary>
    /// One policy of an SMTP TLS report (RFC 8460 §4.4), with the report's metadata repeated on it so each object
    /// stands alone in a pipeline (Import-TlsRptReport's output). Names follow the JSON fields in PascalCase.
    /// </summary>
    public sealed class TlsRptReportRecord
    {
        /// <summary>The file read (for a .zip or .eml: the file, with the entry in <see cref="SourceEntry"/>).</summary>
        public string SourceFile { get; set; } = string.Empty;
        public string? SourceEntry { get; set; }

        // --- report (RFC 8460 §4.4) ---
        public string OrganizationName { get; set; } = string.Empty;
        /// <summary>date-range start-datetime (RFC 3339); null when absent or unreadable.</summary>
        public DateTimeOffset? StartDatetime { get; set; }
        public DateTimeOffset? EndDatetime { get; set; }
        public string? ContactInfo { get; set; }
        public string ReportId { get; set; } = string.Empty;

        // --- policy ---
        /// <summary>policy-type: tlsa, sts or no-policy-found (RFC 8460 §4.3).</summary>
        public string PolicyType { get; set; } = string.Empty;
        /// <summary>policy-string: the policy as the sender fetched it, one line or record per element.</summary>
        public IReadOnlyList<string> PolicyString { get; set; } = Array.Empty<string>();
        public string PolicyDomain { get; set; } = string.Empty;
        /// <summary>mx-host: the MX patterns of an MTA-STS policy.</summary>
        public IReadOnlyList<string> MxHost { get; set; } = Array.Empty<string>();

        // --- summary ---
        public long TotalSuccessfulSessionCount { get; set; }
        public long TotalFailureSessionCount { get; set; }
        /// <summary>Failed sessions as a percentage of all sessions (0 when there were none).</summary>
        public double FailurePercent =>
            TotalSuccessfulSessionCount + TotalFailureSessionCount == 0 ? 0
            : Math.Round(100.0 * TotalFailureSessionCount / (TotalSuccessfulSessionCount + TotalFailureSessionCount), 2);

        public IReadOnlyList<TlsRptFailureDetail> FailureDetails { get; set; } = Array.Empty<TlsRptFailureDetail>();

        public override string ToString() =>
            $"{PolicyDomain} {PolicyType} ok={TotalSuccessfulSessionCount} failed={TotalFailureSessionCount} ({OrganizationName} {ReportId})";
    }
}
