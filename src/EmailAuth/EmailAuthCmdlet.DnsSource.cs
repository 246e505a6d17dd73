using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using EmailAuth.Core.Dns;
using EmailAuth.Core.ZoneFiles;
using EmailAuth.Internal;

namespace EmailAuth
{
    public abstract partial class EmailAuthCmdlet
    {
        /// <summary>
        /// Where DNS answers come from (-ZoneFile, -Server or the system's resolvers), as every cmdlet that reads DNS
        /// opens it: paths resolved against $PWD, the session-wide cached resolvers, the reader's warnings once per load,
        /// and terminating errors with stable ids for a bad path, file or server address.
        /// </summary>
        private protected DnsSource OpenDnsSource(string[]? zoneFile, string[]? server, int timeoutSec)
        {
            if (zoneFile != null)
            {
                var paths = ResolveZoneFiles(zoneFile);
                var description = "zone file(s) " + string.Join(", ", paths);
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
                if (load!.IsFirstUse) WriteZoneWarnings(load.Zones.Warnings);
                return new DnsSource(load.Resolver, description, load.Zones.Zones);
            }
            else
            {
                var servers = new List<string>();
                foreach (var s in server ?? Array.Empty<string>())
                {
                    if (!DnsServerAddress.TryParse(s, out var address))
                        ThrowTerminating($"'{s}' is not a DNS server address. Use an IP address, IP:port or [IPv6]:port, e.g. 192.0.2.53 or [2001:db8::53]:5353.",
                            "InvalidServerAddress", ErrorCategory.InvalidArgument, s);
                    servers.Add(address!.ToString());
                }
                var description = servers.Count == 0 ? "the system's DNS resolvers" : "DNS server(s) " + string.Join(", ", servers);
                return new DnsSource(ResolverRegistry.ForServers(servers, TimeSpan.FromSeconds(timeoutSec)), description, null);
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
    }
}
