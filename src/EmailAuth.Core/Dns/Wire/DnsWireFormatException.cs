using System;

namespace EmailAuth.Core.Dns.Wire
{
    /// <summary>A response that does not follow RFC 1035 §4.1 (cut short, a name loop, a record of the wrong size...).</summary>
    internal sealed class DnsWireFormatException : FormatException
    {
        public DnsWireFormatException(string message) : base(message) { }
    }
}
