using System;

namespace EmailAuth.Core.Reports.Dmarc
{
    /// <summary>An aggregate report that cannot be read on: not XML, a DTD, the wrong root, nesting beyond the schema, too many rows before the metadata.</summary>
    public sealed class DmarcReportFormatException : Exception
    {
        public DmarcReportFormatException(string message, Exception? inner = null) : base(message, inner) { }
    }
}
