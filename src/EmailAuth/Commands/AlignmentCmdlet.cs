using System;
using System.Management.Automation;
using EmailAuth.Core.Alignment;
using EmailAuth.Core.Dmarc;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Domains;

namespace EmailAuth.Commands
{
    /// <summary>Shared by Test-SpfAlignment and Test-DkimAlignment: the From domain, the mode and how Organizational Domains are found.</summary>
    public abstract class AlignmentCmdlet : OrganizationalDomainCmdlet
    {
        /// <summary>The RFC5322.From domain; an address or a From header value gives its domain.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("From", "HeaderFrom")]
        [ValidateNotNullOrEmpty]
        public string FromDomain { get; set; } = string.Empty;

        /// <summary>Relaxed or Strict; without it, the aspf=/adkim= of the From domain's DMARC policy (Relaxed when none).</summary>
        [Parameter]
        public DmarcAlignmentMode? Mode { get; set; }

        protected abstract AlignmentIdentifier Identifier { get; }

        /// <summary>The domain compared with <see cref="FromDomain"/>.</summary>
        protected abstract string AuthenticatedInput { get; }

        protected override void ProcessRecord()
        {
            var from = AlignmentDomainInput.Normalize(FromDomain, out var fromError);
            if (from == null) { WriteInvalidDomain(fromError!, FromDomain); return; }
            var auth = AlignmentDomainInput.Normalize(AuthenticatedInput, out var authError);
            if (auth == null) { WriteInvalidDomain(authError!, AuthenticatedInput); return; }
            WriteVerbose($"Checking {Identifier} alignment of {auth} with {from} ({(Mode?.ToString() ?? "published mode")}, {Method}) using {ResolverDescription}.");
            var tracer = new TracingDnsResolver(SharedResolver);
            AlignmentResult result;
            try
            {
                result = RunCore(ct => new IdentifierAligner(tracer, Method, SuffixList).CheckAsync(Identifier, from, auth, Mode, ct));
            }
            catch (Exception e) when (!IsFatal(e))
            {
                WriteDnsTrace(tracer);
                WriteUnexpectedError(e, "AlignmentCheckFailed", auth);
                return;
            }
            WriteDnsTrace(tracer);
            WriteObject(result);
            if (result.Error != null)
                WriteItemError($"Cannot tell whether {auth} aligns with {from}: {result.Error}.", "AlignmentDnsError",
                    ErrorCategory.ResourceUnavailable, auth, "Retry later, raise -TimeoutSec, ask another resolver with -Server, or use -Method PublicSuffixList.");
        }
    }
}
