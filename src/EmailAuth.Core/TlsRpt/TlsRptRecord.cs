using System;
using System.Collections.Generic;
using EmailAuth.Core.Audit;

namespace EmailAuth.Core.TlsRpt
{
    /// <summary>A parsed SMTP TLS Reporting policy record (RFC 8460 §3).</summary>
    public sealed class TlsRptRecord
    {
        public string Text { get; internal set; } = string.Empty;
        /// <summary>v= as written (must be exactly "TLSRPTv1").</summary>
        public string? Version { get; internal set; }
        /// <summary>rua= URIs as written, in order.</summary>
        public IReadOnlyList<string> Rua { get; internal set; } = Array.Empty<string>();
        /// <summary>Senders can use the record: the version is right, it parses and at least one rua URI is valid.</summary>
        public bool IsUsable { get; internal set; }
        public IReadOnlyList<Finding> Findings { get; internal set; } = Array.Empty<Finding>();

        public override string ToString() => Text;
    }
}
