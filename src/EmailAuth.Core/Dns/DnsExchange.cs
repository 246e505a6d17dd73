using EmailAuth.Core.Dns.Wire;

namespace EmailAuth.Core.Dns
{
    /// <summary>One question put to a server: its reply, or the failure that ended the attempt.</summary>
    internal sealed class DnsExchange
    {
        public DnsExchange(DnsServerAddress server, DnsMessage response)
        {
            Server = server;
            Response = response;
        }

        public DnsExchange(DnsServerAddress server, DnsAnswerStatus status, string error)
        {
            Server = server;
            Status = status;
            Error = error;
        }

        public DnsServerAddress Server { get; }
        public DnsMessage? Response { get; }
        /// <summary>Timeout, ServerFailure, Refused or Error when <see cref="Response"/> is null.</summary>
        public DnsAnswerStatus Status { get; }
        public string? Error { get; }
    }
}
