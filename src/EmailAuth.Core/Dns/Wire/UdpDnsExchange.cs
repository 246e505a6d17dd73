using System;

namespace EmailAuth.Core.Dns.Wire
{
    /// <summary>
    /// What a UDP attempt reports when no datagram answered it (<see cref="UdpDnsSocket"/> does the exchange). A datagram
    /// that is not the answer (another ID, another question, not a DNS response: stray, late or spoofed) is discarded and
    /// the wait goes on until the deadline: one forged packet must not end the lookup (RFC 5452 §9.1), which is what
    /// DnsClient did (it throws on an ID mismatch).
    /// </summary>
    internal static class UdpDnsExchange
    {
        /// <summary>Discarded datagrams after which the attempt gives up (a flood; bounds the loop besides the deadline).</summary>
        public const int MaxDiscarded = 64;

        /// <summary>"no answer within N ms", saying what was discarded meanwhile.</summary>
        public static string NoAnswer(TimeSpan timeout, int discarded, string? lastDiscard) =>
            $"no answer within {timeout.TotalMilliseconds:0} ms" +
            (discarded == 0 ? string.Empty : $" ({discarded} reply(ies) discarded as not answering the query, the last: {lastDiscard})");

        public static DnsExchange TooManyDiscarded(DnsServerAddress server, string? lastDiscard) =>
            new DnsExchange(server, DnsAnswerStatus.Error,
                $"{MaxDiscarded} replies that do not answer the query (spoofed or stray?), the last: {lastDiscard}; gave up (RFC 5452 §9.1)");
    }
}
