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
            if (ZoneFile != null)
            {
                var paths = ResolveZoneFiles(ZoneFile);
                ResolverDescription = "zone file(s) " + string.Join(", ", paths);
                ZoneFileLoad? load = null;
                try
                {
                    // Stop() (Ctrl+C) ends the wait, and the read when no other cmdlet waits for the same files.
                    load = RunCore(token => ResolverRegistry.ForZoneFilesAsync(paths, token));
                }
                catch (ZoneFileException e)
                {
                    // The reader's messages already start with "file:line:"; add the place only when missing.
                    var where = e.Path != null ? (e.Line > 0 ? $"{e.Path}:{e.Line}" : e.Path) : string.Join(", ", paths);
                    var message = e.Path != null && e.Message.Contains(e.Path) ? e.Message : $"{where}: {e.Message}";
                    ThrowTerminating($"Cannot read zone file {message}", "ZoneFileInvalid",
                        ErrorCategory.InvalidData, e.Path ?? (object)paths, e);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    ThrowTerminating($"Cannot read zone file: {e.Message}", "ZoneFileUnreadable",
                        ErrorCategory.ReadError, paths, e);
                }
                SharedResolver = load!.Resolver;
                OfflineZones = load.Zones.Zones;
                if (load.IsFirstUse) WriteZoneWarnings(load.Zones.Warnings);
            }
            else
            {
                var servers = new List<string>();
                foreach (var s in Server ?? Array.Empty<string>())
                {
                    if (!DnsServerAddress.TryParse(s, out var address))
                        ThrowTerminating($"'{s}' is not a DNS server address. Use an IP address, IP:port or [IPv6]:port, e.g. 192.0.2.53 or [2001:db8::53]:5353.",
                            "InvalidServerAddress", ErrorCategory.InvalidArgument, s);
                    servers.Add(address!.ToString());
                }
                var timeout = TimeSpan.FromSeconds(TimeoutSec);
                ResolverDescription = servers.Count == 0 ? "the system's DNS resolvers" : "DNS server(s) " + string.Join(", ", servers);
                SharedResolver = ResolverRegistry.ForServers(servers, timeout);
            }
        }

        /// <summary>Most warnings written for one load: a signed zone skips thousands of RRSIG records.</summary>
        private const int MaxZoneWarnings = 20;

        /// <summary>The reader's "file:line: ..." notes, once per load of a set of files (not on every reuse).</summary>
        private void WriteZoneWarnings(IReadOnlyList<string> warnings)
        {
            foreach (var w in warnings.Take(MaxZoneWarnings)) WriteWarning("Zone file " + w);
            if (warnings.Count > MaxZoneWarnings)
                WriteWarning($"Zone files: {warnings.Count - MaxZoneWarnings} more warnings not shown ({warnings.Count} in all).");
        }

        /// <summary>
        /// Relative paths and wildcards are resolved against the PowerShell location ($PWD), not
        /// the process's working directory, which PowerShell does not keep in step with it.
        /// </summary>
        private IReadOnlyList<string> ResolveZoneFiles(IEnumerable<string> zoneFiles)
        {
            var result = new List<string>();
            foreach (var z in zoneFiles)
            {
                try
                {
                    var resolved = SessionState.Path.GetResolvedProviderPathFromPSPath(z, out var provider);
                    if (provider.Name != "FileSystem")
                        ThrowTerminating($"Zone file '{z}' is not a file-system path.", "ZoneFileNotFound", ErrorCategory.InvalidArgument, z);
                    result.AddRange(resolved.Where(p => !Directory.Exists(p)));
                }
                catch (SessionStateException e)
                {
                    ThrowTerminating($"Zone file '{z}' was not found (relative paths start at {SessionState.Path.CurrentFileSystemLocation.ProviderPath}).",
                        "ZoneFileNotFound", ErrorCategory.ObjectNotFound, z, e);
                }
            }
            if (result.Count == 0)
                ThrowTerminating($"No zone file matched {string.Join(", ", zoneFiles)}.", "ZoneFileNotFound", ErrorCategory.ObjectNotFound, zoneFiles);
            return result.Distinct(StringComparer.Ordinal).ToList();
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
