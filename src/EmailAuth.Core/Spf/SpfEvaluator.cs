using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Dns;

namespace EmailAuth.Core.Spf
{
    /// <summary>RFC 7208 §4 check_host(). (Skeleton: implemented by the SPF work item.)</summary>
    public sealed class SpfEvaluator
    {
        public SpfEvaluator(IDnsResolver resolver, SpfEvaluationOptions? options = null)
        {
            Resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));
            Options = options ?? new SpfEvaluationOptions();
        }

        public IDnsResolver Resolver { get; }
        public SpfEvaluationOptions Options { get; }

        /// <param name="ipAddress">The SMTP client's address (IPv4, IPv6 or IPv4-mapped IPv6).</param>
        /// <param name="domain">The domain to check; null or empty: the sender's domain (or the HELO name when the sender is empty).</param>
        /// <param name="sender">MAIL FROM; null or empty means postmaster@&lt;helo&gt; (§2.4). A local-part-less value means postmaster@value (§4.3).</param>
        /// <param name="helo">The HELO/EHLO name; may be empty when unknown.</param>
        public Task<SpfCheckResult> CheckHostAsync(IPAddress ipAddress, string? domain, string? sender, string? helo,
                                                   CancellationToken cancellationToken = default)
            => throw new NotImplementedException();
    }
}
