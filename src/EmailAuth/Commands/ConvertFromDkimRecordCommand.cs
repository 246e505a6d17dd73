using System;
using System.Management.Automation;
using EmailAuth.Core.Dkim;

namespace EmailAuth.Commands
{
    /// <summary>Parses and lints DKIM key record text without DNS: a pre-flight check before publishing.</summary>
    [Cmdlet(VerbsData.ConvertFrom, "DkimRecord")]
    [OutputType(typeof(DkimKeyInfo))]
    public sealed class ConvertFromDkimRecordCommand : EmailAuthCmdlet
    {
        private readonly DkimKeyInspector _inspector = new DkimKeyInspector(null);

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] Record { get; set; } = Array.Empty<string>();

        /// <summary>The domain the key is meant for (shown in Name and findings); optional.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Domain { get; set; }

        /// <summary>The selector the key is meant for; optional.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Selector { get; set; }

        protected override void ProcessRecord()
        {
            if (!TryNormalizeOptionalDomain(Domain, out var domain)) return;
            var selector = string.IsNullOrWhiteSpace(Selector) ? null : Selector!.Trim();
            foreach (var text in Record)
            {
                try
                {
                    WriteObject(_inspector.InspectText(text, domain, selector));
                }
                catch (Exception e) when (!IsFatal(e))
                {
                    WriteUnexpectedError(e, "DkimInspectionFailed", text);
                }
            }
        }
    }
}
