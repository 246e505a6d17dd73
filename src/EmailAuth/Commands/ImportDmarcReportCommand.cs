using System.Management.Automation;
using EmailAuth.Core.Reports.Dmarc;
using EmailAuth.Core.Reports.Input;

namespace EmailAuth.Commands
{
    /// <summary>
    /// Reads DMARC aggregate reports (RFC 7489 appendix C, RFC 9990) and writes one row per &lt;record&gt; as it is read,
    /// so memory stays flat whatever the size. Rows bind to Test-SpfHost (SourceIP, EnvelopeFrom).
    /// </summary>
    [Cmdlet(VerbsData.Import, "DmarcReport", DefaultParameterSetName = "Path")]
    [OutputType(typeof(DmarcReportRecord))]
    public sealed class ImportDmarcReportCommand : ReportImportCmdlet
    {
        private readonly DmarcAggregateReportParser _parser = new DmarcAggregateReportParser();

        protected override string UnreadableErrorId => "DmarcReportUnreadable";
        protected override string ReportKind => "DMARC aggregate report";

        protected override void ImportPart(ReportPart part)
        {
            if (part.Kind == ReportContentKind.Json)
                throw new ReportInputException($"{part.DisplayName}: JSON, not XML: a TLS-RPT report? Read it with Import-TlsRptReport.");
            if (part.Kind != ReportContentKind.Xml)
                throw new ReportInputException($"{part.DisplayName}: not XML: no DMARC aggregate report.");
            foreach (var row in _parser.Parse(part.Stream, part.SourceFile, part.Entry, WriteWarning, StopToken))
                WriteObject(row);
        }
    }
}
