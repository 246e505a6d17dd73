using System.Threading.Tasks;

namespace EmailAuth.Core.Dns.Wire
{
    /// <summary>
    /// One query waiting on a shared <see cref="UdpDnsSocket"/>: its message (ID and question, RFC 5452 §9.1) and what
    /// was discarded meanwhile. Completed once: by its answer, an error, its deadline or its caller's cancellation (null).
    /// The discard fields are guarded by the socket's lock.
    /// </summary>
    internal sealed class UdpPendingQuery
    {
        private readonly TaskCompletionSource<DnsExchange?> _outcome =
            new TaskCompletionSource<DnsExchange?>(TaskCreationOptions.RunContinuationsAsynchronously);

        public UdpPendingQuery(DnsQueryMessage query) => Query = query;

        public DnsQueryMessage Query { get; }
        public Task<DnsExchange?> Outcome => _outcome.Task;
        public int Discarded { get; set; }
        public string? LastDiscard { get; set; }

        /// <summary>False when the query had already ended (first outcome wins).</summary>
        public bool Complete(DnsExchange? outcome) => _outcome.TrySetResult(outcome);
    }
}
