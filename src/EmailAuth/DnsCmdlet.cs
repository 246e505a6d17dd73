using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using EmailAuth.Core.Domains;
using EmailAuth.Core.Audit;
using System.Threading.Tasks;
using System.Threading;
using EmailAuth.Core.Dns;
using EmailAuth.Core.ZoneFiles;
using EmailAuth.Internal;

namespace EmailAuth
{
    /// <summary>
    /// Shared DNS parameters (DESIGN.md §2): -Server, -ZoneFile, -TimeoutSec. -Server and -ZoneFile sit
    /// in different parameter sets, so giving both is a parameter-binding error (AmbiguousParameterSet)
    /// raised by PowerShell before anything runs, and Get-Help shows the two forms. The three are virtual so that a
    /// cmdlet with more input forms (Test-EmailAuth's SES identities) can override them to add its own sets.
    /// </summary>
    public abstract class DnsCmdlet : EmailAuthCmdlet
    {
        protected const string LiveSet = "Live";
        protected const string ZoneFileSet = "ZoneFile";

        /// <summary>DNS servers as IP, IP:port or [IPv6]:port. Default: the system's resolvers.</summary>
        [Parameter(ParameterSetName = LiveSet)]
        [ValidateNotNullOrEmpty]
        public virtual string[]? Server { get; set; }

        /// <summary>Answer from these RFC 1035 master files only (offline); wildcards allowed.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ZoneFileSet)]
        [ValidateNotNullOrEmpty]
        public virtual string[]? ZoneFile { get; set; }

        /// <summary>Seconds to wait for one DNS answer before a retry (live DNS only).</summary>
        [Parameter(ParameterSetName = LiveSet)]
        [ValidateRange(1, 60)]
        public virtual int TimeoutSec { get; set; } = 5;

        /// <summary>The session-wide cached resolver chosen in BeginProcessing; wrap it per evaluation.</summary>
        protected IDnsResolver SharedResolver { get; private set; } = null!;

        /// <summary>With -ZoneFile, the zones the files hold (a name outside them cannot be checked offline); null for live DNS.</summary>
        protected IReadOnlyList<string>? OfflineZones { get; private set; }

        /// <summary>Words for -Verbose: where answers come from.</summary>
        protected string ResolverDescription { get; private set; } = string.Empty;

        protected override void BeginProcessing()
        {
            var source = OpenDnsSource(ZoneFile, Server, TimeoutSec);
            SharedResolver = source.Resolver;
            OfflineZones = source.OfflineZones;
            ResolverDescription = source.Description;
        }

        /// <summary>
        /// What every Get- record cmdlet does with each input domain: progress, IDN normalization (an invalid name is a
        /// per-item error), the inspection through a tracing resolver (its queries as verbose text), the object, and then a
        /// failed lookup as an error record too, so that a DNS failure is never mistaken for "no record".
        /// </summary>
        private protected void InspectEachDomain<TInfo>(IEnumerable<string> inputs, ref DomainProgress? progress, string activity, string status,
            Func<string, string> describe, Func<IDnsResolver, string, CancellationToken, Task<TInfo>> inspect, string failureErrorId,
            Func<TInfo, Finding?> dnsFailure, string lookupName, string dnsErrorId)
        {
            foreach (var input in inputs)
            {
                (progress ??= new DomainProgress(this, activity, status)).Next(input);
                var domain = DomainNameInput.Normalize(input, out var error);
                if (domain == null)
                {
                    WriteInvalidDomain(error!, input);
                    continue;
                }
                WriteVerbose(describe(domain) + $" using {ResolverDescription}.");
                var tracer = new TracingDnsResolver(SharedResolver);
                TInfo info;
                try
                {
                    info = RunCore(ct => inspect(tracer, domain, ct));
                }
                catch (Exception e) when (!IsFatal(e))
                {
                    WriteDnsTrace(tracer);
                    WriteUnexpectedError(e, failureErrorId, domain);
                    continue;
                }
                WriteDnsTrace(tracer);
                WriteObject(info);
                var failed = dnsFailure(info);
                if (failed != null)
                    WriteItemError($"The {lookupName} lookup of {domain} failed: {failed.Message}", dnsErrorId,
                        ErrorCategory.ResourceUnavailable, domain, "Retry later, raise -TimeoutSec, or ask another resolver with -Server.");
            }
        }
    }
}
