using System;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Dns;

namespace EmailAuth.Core.Spf
{
    /// <summary>Fetches, parses and lints SPF records, following include/redirect. (Skeleton.)</summary>
    public sealed class SpfRecordInspector
    {
        public SpfRecordInspector(IDnsResolver? resolver)
        {
            Resolver = resolver;
        }

        /// <summary>Null for offline use (<see cref="InspectText"/> only).</summary>
        public IDnsResolver? Resolver { get; }

        /// <summary>The domain's record and the tree below it, with findings. DNS failures become findings, not exceptions.</summary>
        public Task<SpfRecordInfo> InspectAsync(string domain, CancellationToken cancellationToken = default)
            => throw new NotImplementedException();

        /// <summary>Parse and lint record text without DNS (pre-flight before publishing).</summary>
        public SpfRecordInfo InspectText(string record, string? domain = null)
            => throw new NotImplementedException();
    }
}
