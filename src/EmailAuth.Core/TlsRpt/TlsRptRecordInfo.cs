using System;
using System.Collections.Generic;
using EmailAuth.Core.Audit;

namespace EmailAuth.Core.TlsRpt
{
    /// <summary>The SMTP TLS Reporting record of a domain (Get-TlsRptRecord), RFC 8460.</summary>
    public sealed class TlsRptRecordInfo
    {
        public string Domain { get; set; } = string.Empty;
        /// <summary>_smtp._tls.&lt;domain&gt;.</summary>
        public string QueryName { get; set; } = string.Empty;
        public string? Record { get; set; }
        public string? Version { get; set; }
        /// <summary>Report destinations as written (mailto: or https:).</summary>
        public IReadOnlyList<string> Rua { get; set; } = Array.Empty<string>();
        /// <summary>Exactly one record that senders can use, and no error-level finding.</summary>
        public bool IsValid { get; set; }
        public TlsRptRecord? ParsedRecord { get; set; }
        public IReadOnlyList<Finding> Findings { get; set; } = Array.Empty<Finding>();

        public override string ToString() => Record ?? $"(no TLS-RPT record for {Domain})";
    }
}
