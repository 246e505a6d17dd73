using System;
using System.Management.Automation;
using EmailAuth.Core.Spf;

namespace EmailAuth.Commands
{
    /// <summary>Parses and lints SPF record text without DNS: a pre-flight check before publishing.</summary>
    [Cmdlet(VerbsData.ConvertFrom, "SpfRecord")]
    [OutputType(typeof(SpfRecordInfo))]
    public sealed class ConvertFromSpfRecordCommand : EmailAuthCmdlet
    {
        private readonly SpfRecordInspector _inspector = new SpfRecordInspector(null);

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] Record { get; set; } = Array.Empty<string>();

        /// <summary>The domain the record is meant for (used in findings and macros); optional.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        public string? Domain { get; set; }

        protected override void ProcessRecord()
        {
            if (!TryNormalizeOptionalDomain(Domain, out var domain)) return;
            foreach (var text in Record)
            {
                try
                {
                    WriteObject(_inspector.InspectText(text, domain));
                }
                catch (Exception e) when (!IsFatal(e))
                {
                    WriteUnexpectedError(e, "SpfInspectionFailed", text);
                }
            }
        }
    }
}
