using System;
using System.Management.Automation;
using EmailAuth.Core.Dmarc;

namespace EmailAuth.Commands
{
    /// <summary>Parses and lints DMARC record text without DNS: a pre-flight check before publishing.</summary>
    [Cmdlet(VerbsData.ConvertFrom, "DmarcRecord")]
    [OutputType(typeof(DmarcPolicyInfo))]
    public sealed class ConvertFromDmarcRecordCommand : EmailAuthCmdlet
    {
        private readonly DmarcPolicyInspector _inspector = new DmarcPolicyInspector(null);

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] Record { get; set; } = Array.Empty<string>();

        /// <summary>The domain the record is meant for (_dmarc.&lt;Domain&gt;); optional, used in findings.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        public string? Domain { get; set; }

        protected override void ProcessRecord()
        {
            if (!TryNormalizeOptionalDomain(Domain, out var domain)) return;
            domain = domain?.ToLowerInvariant();
            foreach (var text in Record)
            {
                try
                {
                    WriteObject(_inspector.InspectText(text, domain));
                }
                catch (Exception e) when (!IsFatal(e))
                {
                    WriteUnexpectedError(e, "DmarcInspectionFailed", text);
                }
            }
        }
    }
}
