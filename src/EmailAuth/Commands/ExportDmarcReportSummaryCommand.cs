using System;
using System.IO;
using System.Management.Automation;
using EmailAuth.Core.Posture.Rendering;
using EmailAuth.Core.Reports.Dmarc;
using EmailAuth.Core.Reports.Rendering;
using EmailAuth.Core.Reports.Summary;

namespace EmailAuth.Commands
{
    /// <summary>
    /// Summarises the DMARC aggregate-report rows of the pipeline (Import-DmarcReport) and writes ONE self-contained
    /// HTML page (or Markdown): per domain the readiness verdict, the failing sources first with the fix, the pass
    /// rate per day and the volume per source as inline SVG charts, reporters and period. Rows are folded as they
    /// arrive (memory bounded by domains and sources, not rows).
    /// </summary>
    [Cmdlet(VerbsData.Export, "DmarcReportSummary", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportDmarcReportSummaryCommand : ReportFileCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        public DmarcReportRecord[] InputObject { get; set; } = Array.Empty<DmarcReportRecord>();

        private readonly DmarcReportAggregator _aggregator = new DmarcReportAggregator();

        protected override void ProcessRecord()
        {
            foreach (var r in InputObject)
                if (r != null) _aggregator.Add(r);
        }

        protected override string Describe() => $"DMARC report summary of {_aggregator.RowCount} row(s)";

        protected override string Render(PostureReportFormat format, DateTimeOffset generated)
        {
            var summaries = _aggregator.Summaries();
            if (_aggregator.DroppedRowCount > 0)
                WriteWarning($"{_aggregator.DroppedRowCount} row(s) of domains beyond the first {DmarcReportAggregator.MaxDomains} were not summarised.");
            return format == PostureReportFormat.Markdown
                ? DmarcSummaryMarkdownRenderer.Render(summaries, generated)
                : DmarcSummaryHtmlRenderer.Render(summaries, generated);
        }
    }
}
