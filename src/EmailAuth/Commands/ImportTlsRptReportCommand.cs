using System.Management.Automation;
using EmailAuth.Core.Reports.Input;
using EmailAuth.Core.Reports.TlsRpt;

namespace EmailAuth.Commands
{
    /// <summary>Reads SMTP TLS reports (RFC 8460 §4 JSON; plain, gzip, zip or the report mail) and writes one object per policy.</summary>
    [Cmdlet(VerbsData.Import, "TlsRptReport", DefaultParameterSetName = "Path")]
    [OutputType(typeof(TlsRptReportRecord))]
    public sealed class ImportTlsRptReportCommand : ReportImportCmdlet
    {
        private readonly TlsRptReportParser _parser = new TlsRptReportParser();

        protected override string UnreadableErrorId => "TlsRptReportUnreadable";
        protected override string ReportKind => "TLS report";

        protected override void ImportPart(ReportPart part)
        {
            if (part.Kind == ReportContentKind.Xml)
                throw new ReportInputException($"{part.DisplayName}: XML, not JSON: a DMARC aggregate report? Read it with Import-DmarcReport.");
            if (part.Kind != ReportContentKind.Json)
                throw new ReportInputException($"{part.DisplayName}: not JSON: no SMTP TLS report (RFC 8460 §4).");
            foreach (var record in _parser.Parse(part.Stream, part.SourceFile, part.Entry, WriteWarning))
                WriteObject(record);
        }
    }
}
