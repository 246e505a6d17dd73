using System.Management.Automation;
using EmailAuth.Core.Alignment;

namespace EmailAuth.Commands
{
    /// <summary>Does the MAIL FROM domain that SPF authenticates align with the From domain (RFC 7489 §3.1.2)?</summary>
    [Cmdlet(VerbsDiagnostic.Test, "SpfAlignment", DefaultParameterSetName = LiveSet)]
    [OutputType(typeof(AlignmentResult))]
    public sealed class TestSpfAlignmentCommand : AlignmentCmdlet
    {
        /// <summary>The RFC5321.MailFrom domain; an address gives its domain. Binds Test-SpfHost's Sender by property name.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("MailFrom", "EnvelopeFrom", "Sender")]
        [ValidateNotNullOrEmpty]
        public string MailFromDomain { get; set; } = string.Empty;

        protected override AlignmentIdentifier Identifier => AlignmentIdentifier.Spf;

        protected override string AuthenticatedInput => MailFromDomain;
    }
}
