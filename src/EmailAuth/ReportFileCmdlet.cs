using System;
using System.IO;
using System.Management.Automation;
using System.Text;
using EmailAuth.Core.Posture.Rendering;

namespace EmailAuth
{
    /// <summary>
    /// Base of the Export-* cmdlets that collect pipeline objects and write ONE report file (HTML or Markdown):
    /// -Path resolved against the PowerShell location, -Format from the extension unless given, ShouldProcess, and
    /// no overwrite without -Force.
    /// </summary>
    public abstract class ReportFileCmdlet : EmailAuthCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>Html or Markdown; by default Markdown for a .md/.markdown path, else Html.</summary>
        [Parameter]
        public PostureReportFormat? Format { get; set; }

        /// <summary>Overwrite an existing file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>What the file will hold, for the ShouldProcess message (e.g. "posture report of 3 domain(s)").</summary>
        protected abstract string Describe();

        protected abstract string Render(PostureReportFormat format, DateTimeOffset generated);

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
            if (!ShouldProcess(full, $"Write the {format} {Describe()}")) return;
            if (File.Exists(full) && !Force)
                ThrowTerminating($"'{full}' exists. Use -Force to overwrite it.", "ReportFileExists", ErrorCategory.ResourceExists, full);

            var text = Render(format, DateTimeOffset.UtcNow);
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
