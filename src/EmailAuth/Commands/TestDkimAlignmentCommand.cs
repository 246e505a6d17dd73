using System.Management.Automation;
using EmailAuth.Core.Alignment;

namespace EmailAuth.Commands
{
    /// <summary>Does a DKIM signing domain (d=) align with the From domain (RFC 7489 §3.1.1)?</summary>
    [Cmdlet(VerbsDiagnostic.Test, "DkimAlignment", DefaultParameterSetName = LiveSet)]
    [OutputType(typeof(AlignmentResult))]
    public sealed class TestDkimAlignmentCommand : AlignmentCmdlet
    {
        /// <summary>The d= of the DKIM signature.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("DkimDomain")]
        [ValidateNotNullOrEmpty]
        public string SigningDomain { get; set; } = string.Empty;

        protected override AlignmentIdentifier Identifier => AlignmentIdentifier.Dkim;

        protected override string AuthenticatedInput => SigningDomain;
    }
}
