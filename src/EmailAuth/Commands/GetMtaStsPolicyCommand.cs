using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Domains;
using EmailAuth.Core.MtaSts;
using EmailAuth.Internal;

namespace EmailAuth.Commands
{
    /// <summary>
    /// Reads a domain's MTA-STS (RFC 8461): the _mta-sts TXT record, the policy fetched over HTTPS (or read from
    /// -PolicyPath), and the policy's mx patterns against the domain's MX hosts.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "MtaStsPolicy", DefaultParameterSetName = LiveSet)]
    [OutputType(typeof(MtaStsPolicyInfo))]
    public sealed class GetMtaStsPolicyCommand : DnsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        public string[] Domain { get; set; } = Array.Empty<string>();

        /// <summary>A policy file to audit instead of fetching https://mta-sts.&lt;domain&gt;/.well-known/mta-sts.txt.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? PolicyPath { get; set; }

        private DomainProgress? _progress;
        private MtaStsOptions _options = new MtaStsOptions();

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _options = new MtaStsOptions
            {
                Offline = ZoneFile != null,
                // The whole fetch (connect, TLS, response) gets twice the DNS answer timeout: 10 s by default.
                FetchTimeout = TimeSpan.FromSeconds(2 * TimeoutSec),
            };
            if (PolicyPath != null)
            {
                var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(PolicyPath);
                _options.PolicyText = ReadPolicyFile(path);
                _options.PolicySource = path;
            }
        }

        /// <summary>Reads at most 64 KiB (RFC 8461 §3.3), as a sender would; a larger file is refused.</summary>
        private string ReadPolicyFile(string path)
        {
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
                var buffer = new byte[MtaStsOptions.MaxPolicyBytes + 1];
                int total = 0, n;
                while (total < buffer.Length && (n = stream.Read(buffer, total, buffer.Length - total)) > 0) total += n;
                if (total > MtaStsOptions.MaxPolicyBytes)
                    ThrowTerminating($"Policy file {path} is larger than {MtaStsOptions.MaxPolicyBytes} bytes, the limit senders apply (RFC 8461 §3.3).",
                        "PolicyFileTooLarge", ErrorCategory.InvalidData, path);
                return new UTF8Encoding(false, true).GetString(buffer, 0, total).TrimStart('\uFEFF');
            }
            catch (DecoderFallbackException e)
            {
                ThrowTerminating($"Policy file {path} is not UTF-8 text.", "PolicyFileInvalid", ErrorCategory.InvalidData, path, e);
            }
            catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException)
            {
                ThrowTerminating($"Policy file {path} was not found.", "PolicyFileNotFound", ErrorCategory.ObjectNotFound, path, e);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                ThrowTerminating($"Cannot read policy file {path}: {e.Message}", "PolicyFileUnreadable", ErrorCategory.ReadError, path, e);
            }
            return null!; // not reached: ThrowTerminating throws
        }

        protected override void EndProcessing() => _progress?.Complete();

        protected override void ProcessRecord()
        {
            foreach (var input in Domain)
            {
                (_progress ??= new DomainProgress(this, "Get-MtaStsPolicy", "Reading MTA-STS policies")).Next(input);
                var domain = DomainNameInput.Normalize(input, out var error);
                if (domain == null)
                {
                    WriteInvalidDomain(error!, input);
                    continue;
                }
                WriteVerbose(_options.PolicyText != null ? $"MTA-STS of {domain} using {ResolverDescription}, policy from {_options.PolicySource}."
                           : _options.Offline ? $"MTA-STS of {domain} using {ResolverDescription}; the policy is not fetched (offline)."
                           : $"MTA-STS of {domain} using {ResolverDescription}; fetching {MtaStsInspector.PolicyUrl(domain)}.");
                var tracer = new TracingDnsResolver(SharedResolver);
                MtaStsPolicyInfo info;
                try
                {
                    info = RunCore(ct => new MtaStsInspector(tracer).InspectAsync(domain, _options, ct));
                }
                catch (Exception e) when (!IsFatal(e))
                {
                    WriteDnsTrace(tracer);
                    WriteUnexpectedError(e, "MtaStsInspectionFailed", domain);
                    continue;
                }
                WriteDnsTrace(tracer);
                if (info.FetchOutcome != null) WriteVerbose($"Policy fetch: {info.FetchOutcome}" + (info.PolicyAddress != null ? $" ({info.PolicyAddress})." : "."));
                WriteObject(info);
                // As the other Get- cmdlets: a failed TXT lookup is an error record too, never "no policy".
                var dnsError = info.Findings.FirstOrDefault(f => f.Code == MtaStsFindingCodes.DnsError);
                if (dnsError != null)
                    WriteItemError($"The MTA-STS lookup of {domain} failed: {dnsError.Message}", "MtaStsDnsError",
                        ErrorCategory.ResourceUnavailable, domain, "Retry later, raise -TimeoutSec, or ask another resolver with -Server.");
            }
        }
    }
}
