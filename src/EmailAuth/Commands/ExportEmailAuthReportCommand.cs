using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using EmailAuth.Core.Posture;
using EmailAuth.Core.Posture.Rendering;

namespace EmailAuth.Commands
{
    /// <summary>
    /// Writes the EmailAuthReport objects of the pipeline to ONE self-contained HTML file (or Markdown): a summary per
    /// domain with its grade, findings by severity with the fix, and the DNS records seen.
    /// </summary>
    [Cmdlet(VerbsData.Export, "EmailAuthReport", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportEmailAuthReportCommand : ReportFileCmdlet
    {
        /// <summary>Most reports one file holds (bounded memory and a page a browser still opens).</summary>
        public const int MaxReports = 100000;

        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        public EmailAuthReport[] InputObject { get; set; } = Array.Empty<EmailAuthReport>();

        private readonly List<EmailAuthReport> _reports = new List<EmailAuthReport>();

        protected override void ProcessRecord()
        {
            foreach (var r in InputObject)
            {
                if (r == null) continue;
                if (_reports.Count >= MaxReports)
                {
                    ThrowTerminating($"More than {MaxReports} reports: write them to several files.", "TooManyReports", ErrorCategory.LimitsExceeded, r.Domain);
                }
                _reports.Add(r);
            }
        }

        protected override string Describe() => $"posture report of {_reports.Count} domain(s)";

        protected override string Render(PostureReportFormat format, DateTimeOffset generated) => format == PostureReportFormat.Markdown
            ? PostureMarkdownRenderer.Render(_reports, generated)
            : PostureHtmlRenderer.Render(_reports, generated);
    }
}
