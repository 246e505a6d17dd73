using System;
using System.Threading;
using System.Threading.Tasks;

namespace EmailAuth.Core.Dns
{
    /// <summary>TTL-respecting cache over another resolver; concurrent identical queries coalesced. (Skeleton.)</summary>
    public sealed class CachingDnsResolver : IDnsResolver
    {
        public CachingDnsResolver(IDnsResolver inner)
        {
            Inner = inner ?? throw new ArgumentNullException(nameof(inner));
        }

        public IDnsResolver Inner { get; }

        public Task<DnsAnswer> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken = default)
            => Inner.QueryAsync(name, type, cancellationToken);
    }
}
