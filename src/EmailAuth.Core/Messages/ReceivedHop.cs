using System.Net;

namespace EmailAuth.Core.Messages
{
    /// <summary>The parts of one Received header field that SPF needs: who connected (HELO name, IP) and who received.</summary>
    internal sealed class ReceivedHop
    {
        public ReceivedHop(int index, string header, string? helo, string? fromHost, IPAddress? ipAddress, string? byHost)
        {
            Index = index;
            Header = header;
            Helo = helo;
            FromHost = fromHost;
            IPAddress = ipAddress;
            ByHost = byHost;
        }

        /// <summary>0 for the topmost Received field (the most recent hop).</summary>
        public int Index { get; }
        /// <summary>The unfolded field value.</summary>
        public string Header { get; }
        /// <summary>The EHLO/HELO name the client gave (the first word of the from clause, or an Exim-style helo= comment).</summary>
        public string? Helo { get; }
        /// <summary>The client's host name as the receiver resolved it (reverse DNS), when written; else the HELO name.</summary>
        public string? FromHost { get; }
        public IPAddress? IPAddress { get; }
        public string? ByHost { get; }
    }
}
