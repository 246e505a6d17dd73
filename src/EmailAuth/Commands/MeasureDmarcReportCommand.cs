using System;
using System.Management.Automation;
using EmailAuth.Core.Reports.Dmarc;
using EmailAuth.Core.Reports.Summary;

namespace EmailAuth.Commands
{
    /// <summary>
    /// Summarises DMARC aggregate-report rows (Import-DmarcReport) per header_from domain: volume, pass rates, every
    /// sending source with why it fails and the fix, and the readiness verdict for quarantine/reject. The summary's
    /// Domain and Selector bind by property name to Get-DkimRecord and Test-EmailAuth.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Measure, "DmarcReport")]
    [OutputType(typeof(DmarcReportSummary), typeof(DmarcReportSourceSummary), typeof(DmarcReportDaySummary))]
    public sealed class MeasureDmarcReportCommand : EmailAuthCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        public DmarcReportRecord[] InputObject { get; set; } = Array.Empty<DmarcReportRecord>();

        /// <summary>Domain (default): one summary per domain; Source: one object per sending source; Day: one per UTC day.</summary>
        [Parameter]
        public DmarcSummaryGrouping GroupBy { get; set; } = DmarcSummaryGrouping.Domain;

        /// <summary>Least share of legitimate mail aligned, in percent, for the verdict Ready.</summary>
        [Parameter]
        [ValidateRange(0.0, 100.0)]
        public double MinAlignedPercent { get; set; } = DmarcReadinessRules.Default.MinAlignedPercent;

        /// <summary>Least days with reports for the verdict Ready.</summary>
        [Parameter]
        [ValidateRange(0, 3660)]
        public int MinDays { get; set; } = DmarcReadinessRules.Default.MinDays;

        /// <summary>Least reporting organisations for the verdict Ready.</summary>
        [Parameter]
        [ValidateRange(0, 1000)]
        public int MinReporters { get; set; } = DmarcReadinessRules.Default.MinReporters;

        private DmarcReportAggregator? _aggregator;

        protected override void BeginProcessing()
        {
            _aggregator = new DmarcReportAggregator(new DmarcReadinessRules
            {
                MinAlignedPercent = MinAlignedPercent, MinDays = MinDays, MinReporters = MinReporters,
            });
        }

        protected override void ProcessRecord()
        {
            foreach (var r in InputObject)
                if (r != null) _aggregator!.Add(r);
        }

        protected override void EndProcessing()
        {
            if (_aggregator!.DroppedRowCount > 0)
                WriteWarning($"{_aggregator.DroppedRowCount} row(s) of domains beyond the first {DmarcReportAggregator.MaxDomains} were not summarised.");
            foreach (var s in _aggregator.Summaries())
            {
                switch (GroupBy)
                {
                    case DmarcSummaryGrouping.Source:
                        foreach (var x in s.Sources) WriteObject(x);
                        break;
                    case DmarcSummaryGrouping.Day:
                        foreach (var d in s.Days) WriteObject(d);
                        break;
                    default:
                        WriteObject(s);
                        break;
                }
            }
        }
    }
}
