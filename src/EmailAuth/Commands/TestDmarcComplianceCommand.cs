using System;
using System.Management.Automation;
using EmailAuth.Core.Alignment;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Domains;
using EmailAuth.Core.Spf;

namespace EmailAuth.Commands
{
    /// <summary>The DMARC verdict for a message's identifiers: pass, fail or none, the disposition asked for, why, and what to change.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "DmarcCompliance", DefaultParameterSetName = LiveSet)]
    [OutputType(typeof(DmarcEvaluation))]
    public sealed class TestDmarcComplianceCommand : OrganizationalDomainCmdlet
    {
        /// <summary>The RFC5322.From domain; an address or a From header value gives its domain.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("From", "HeaderFrom")]
        [ValidateNotNullOrEmpty]
        public string FromDomain { get; set; } = string.Empty;

        /// <summary>The RFC5321.MailFrom domain SPF checked; an address gives its domain. Binds Test-SpfHost's Sender.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("MailFrom", "EnvelopeFrom", "Sender")]
        [AllowEmptyString, AllowNull]
        public string? MailFromDomain { get; set; }

        /// <summary>The SPF result for the MAIL FROM domain; binds Test-SpfHost's Result by property name.</summary>
        [Parameter(Position = 2, ValueFromPipelineByPropertyName = true)]
        [Alias("Result", "Spf")]
        public SpfResult SpfResult { get; set; } = SpfResult.None;

        /// <summary>The d= of each DKIM signature that verified (leave out signatures that failed).</summary>
        [Parameter(Position = 3, ValueFromPipelineByPropertyName = true)]
        [Alias("SigningDomain", "DkimDomain")]
        [AllowEmptyCollection, AllowNull]
        public string[]? DkimSigningDomain { get; set; }

        protected override void ProcessRecord()
        {
            // Names are checked here so that a bad one is a clear per-item error, not an exception from the core.
            if (AlignmentDomainInput.Normalize(FromDomain, out var error) == null) { WriteInvalidDomain(error!, FromDomain); return; }
            if (!string.IsNullOrWhiteSpace(MailFromDomain) && AlignmentDomainInput.Normalize(MailFromDomain, out error) == null)
            {
                WriteInvalidDomain(error!, MailFromDomain);
                return;
            }
            foreach (var d in DkimSigningDomain ?? Array.Empty<string>())
                if (!string.IsNullOrWhiteSpace(d) && AlignmentDomainInput.Normalize(d, out error) == null)
                {
                    WriteInvalidDomain(error!, d);
                    return;
                }

            WriteVerbose($"Evaluating DMARC for {FromDomain} ({Method}) using {ResolverDescription}.");
            var tracer = new TracingDnsResolver(SharedResolver);
            DmarcEvaluation evaluation;
            try
            {
                evaluation = RunCore(ct => new DmarcEvaluator(tracer, SuffixList).EvaluateAsync(FromDomain, MailFromDomain, SpfResult, DkimSigningDomain, Method, ct));
            }
            catch (Exception e) when (!IsFatal(e))
            {
                WriteDnsTrace(tracer);
                WriteUnexpectedError(e, "DmarcEvaluationFailed", FromDomain);
                return;
            }
            WriteDnsTrace(tracer);
            WriteObject(evaluation);
            if (evaluation.Result == DmarcResult.TempError)
                WriteItemError($"The DMARC verdict for {evaluation.FromDomain} is undecided: {evaluation.Reasons[evaluation.Reasons.Count - 1]}",
                    "DmarcDnsError", ErrorCategory.ResourceUnavailable, evaluation.FromDomain,
                    "Retry later, raise -TimeoutSec, or ask another resolver with -Server.");
        }
    }
}
