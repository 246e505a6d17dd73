using System.Threading;
using System.Threading.Tasks;

namespace EmailAuth.Core.Dns
{
    /// <summary>
    /// Answers one query. Implementations never throw for DNS outcomes (NXDOMAIN, timeouts, SERVFAIL):
    /// those come back as a <see cref="DnsAnswer"/> status. They throw only for cancellation and bad arguments.
    /// </summary>
    public interface IDnsResolver
    {
        Task<DnsAnswer> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken = default);
    }
}
