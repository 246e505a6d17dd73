using System;

namespace EmailAuth.Core.Reports.TlsRpt
{
    /// <summary>A TLS report that cannot be read: not JSON, nested too deep, too large, or not the RFC 8460 §4.4 shape.</summary>
    public sealed class TlsRptReportFormatException : Exception
    {
        public TlsRptReportFormatException(string message, Exception? inner = null) : base(message, inner) { }
    }
}
