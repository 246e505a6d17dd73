using System;
using System.Threading;
using System.Threading.Tasks;

namespace EmailAuth.Core.Dns
{
    /// <summary>Queries real DNS servers through DnsClient. (Skeleton: implemented by the DNS work item.)</summary>
    public sealed class LiveDnsResolver : IDnsResolver
    {
        public LiveDnsResolver(DnsResolverOptions options)
        {
            Options = options ?? throw new ArgumentNullException(nameof(options));
        }

        public DnsResolverOptions Options { get; }

        public Task<DnsAnswer> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken = default)
            => throw new NotImplementedException();
    }
}
