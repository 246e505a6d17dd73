using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EmailAuth.Core.Dkim;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Domains;
using EmailAuth.Internal;

namespace EmailAuth.Commands
{
    /// <summary>Looks up DKIM public keys at &lt;selector&gt;._domainkey.&lt;domain&gt;, follows CNAMEs, parses and lints the key.</summary>
    [Cmdlet(VerbsCommon.Get, "DkimRecord", DefaultParameterSetName = LiveSet)]
    [OutputType(typeof(DkimKeyInfo))]
    public sealed class GetDkimRecordCommand : DnsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        public string[] Domain { get; set; } = Array.Empty<string>();

        /// <summary>
        /// Selectors to look up; without it (or empty, as from a Measure-DmarcReport summary that saw no passing
        /// signature), the common selectors of <see cref="DkimCommonSelectors"/> are tried.
        /// </summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyCollection]
        public string[]? Selector { get; set; }

        private DomainProgress? _progress;

        protected override void EndProcessing() => _progress?.Complete();

        protected override void ProcessRecord()
        {
            var guessed = Selector == null || Selector.Length == 0;
            var selectors = guessed ? DkimCommonSelectors.All : Selector!;
            foreach (var input in Domain)
            {
                (_progress ??= new DomainProgress(this, "Get-DkimRecord", "Looking up DKIM keys")).Next(input);
                var domain = DomainNameInput.Normalize(input, out var error);
                if (domain == null)
                {
                    WriteInvalidDomain(error!, input);
                    continue;
                }
                if (guessed) WriteVerbose($"No -Selector: trying {selectors.Count} common selectors at {domain} using {ResolverDescription}.");
                // Names first, on the pipeline thread: a bad selector is an error in its place in the output.
                var names = new List<(string Input, string? Name, string? Selector, string? Error)>();
                foreach (var s in selectors)
                {
                    // The full name goes through the one conversion of user-typed names (selectors are sub-domains, RFC 6376 §3.1).
                    var name = DomainNameInput.Normalize(DkimKeyInspector.KeyName(s.Trim().TrimEnd('.'), domain), out error);
                    names.Add(name == null ? (s, null, null, error) : (s, name, name.Substring(0, name.Length - ("._domainkey." + domain).Length), null));
                }

                // The lookups of one domain run concurrently (bounded); the output keeps the selectors' order.
                var valid = names.Where(n => n.Selector != null).Select(n => n.Selector!).ToList();
                var lookups = RunCore(ct => DkimSelectorLookups.RunAsync(valid, async (selector, token) =>
                {
                    var tracer = new TracingDnsResolver(SharedResolver);
                    try
                    {
                        var info = await new DkimKeyInspector(tracer, OfflineZones).InspectAsync(domain, selector, guessed, token).ConfigureAwait(false);
                        return (Tracer: tracer, Info: info, Error: (Exception?)null);
                    }
                    catch (Exception e) when (!(e is OperationCanceledException) && !IsFatal(e))
                    {
                        return (Tracer: tracer, Info: (DkimKeyInfo?)null, Error: (Exception?)e);
                    }
                }, ct));

                var found = 0;
                var next = 0;
                foreach (var n in names)
                {
                    if (n.Selector == null)
                    {
                        WriteInvalidDomain($"Selector '{n.Input}': {n.Error}", n.Input);
                        continue;
                    }
                    var (tracer, info, failure) = lookups[next++];
                    WriteDnsTrace(tracer);
                    if (failure != null)
                    {
                        WriteUnexpectedError(failure, "DkimInspectionFailed", n.Name!);
                        continue;
                    }
                    if (info == null) continue;
                    found++;
                    WriteObject(info);
                    if (info.Findings.Any(f => f.Code == DkimFindingCodes.DnsError))
                        WriteDnsError(n.Name!, tracer);
                }
                if (guessed && found == 0)
                    WriteVerbose($"None of the {selectors.Count} common selectors has a key at {domain}; give the selector your signer uses with -Selector.");
            }
        }

        /// <summary>After the object (its DKIM_DNS_ERROR finding is what scripts gate on), a non-terminating error: a failed lookup is never "no key".</summary>
        private void WriteDnsError(string name, TracingDnsResolver tracer)
        {
            var failed = tracer.Entries.Select(e => e.Answer).FirstOrDefault(a => a.IsError);
            var category = failed?.Status == DnsAnswerStatus.Timeout ? ErrorCategory.OperationTimeout : ErrorCategory.ResourceUnavailable;
            var message = $"The DKIM key lookup of {name} failed: TXT query answered {failed?.Status} by {failed?.Server ?? "the resolver"}"
                        + (failed?.ErrorMessage != null ? $" ({failed.ErrorMessage})" : "") + ". This is a temporary failure, not a missing key.";
            WriteItemError(message, "DkimDnsError", category, name, "Retry later, raise -TimeoutSec, or ask another resolver with -Server.");
        }
    }
}
