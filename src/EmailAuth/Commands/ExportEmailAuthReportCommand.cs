using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Text;
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
    public sealed class ExportEmailAuthReportCommand : EmailAuthCmdlet
    {
        /// <summary>Most reports one file holds (bounded memory and a page a browser still opens).</summary>
        public const int MaxReports = 100000;

        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        public EmailAuthReport[] InputObject { get; set; } = Array.Empty<EmailAuthReport>();

        /// <summary>Html or Markdown; by default Markdown for a .md/.markdown path, else Html.</summary>
        [Parameter]
        public PostureReportFormat? Format { get; set; }

        /// <summary>Overwrite an existing file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

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

        protected override void EndProcessing()
        {
            string full;
            try
            {
                full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            }
            catch (Exception e) when (e is SessionStateException || e is NotSupportedException || e is ArgumentException)
            {
                ThrowTerminating($"'{Path}' is not a file-system path: {e.Message}", "InvalidReportPath", ErrorCategory.InvalidArgument, Path, e);
                return;
            }
            var format = Format ?? (full.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || full.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase)
                ? PostureReportFormat.Markdown : PostureReportFormat.Html);
            if (Directory.Exists(full))
                ThrowTerminating($"'{full}' is a directory; give a file name such as report.html.", "ReportPathIsDirectory", ErrorCategory.InvalidArgument, full);
            if (!ShouldProcess(full, $"Write the {format} posture report of {_reports.Count} domain(s)")) return;
            if (File.Exists(full) && !Force)
                ThrowTerminating($"'{full}' exists. Use -Force to overwrite it.", "ReportFileExists", ErrorCategory.ResourceExists, full);

            var text = format == PostureReportFormat.Markdown
                ? PostureMarkdownRenderer.Render(_reports, DateTimeOffset.UtcNow)
                : PostureHtmlRenderer.Render(_reports, DateTimeOffset.UtcNow);
            try
            {
                File.WriteAllText(full, text, new UTF8Encoding(false));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                ThrowTerminating($"Cannot write '{full}': {e.Message}", "ReportNotWritten", ErrorCategory.WriteError, full, e);
            }
            WriteObject(new FileInfo(full));
        }
    }
}
