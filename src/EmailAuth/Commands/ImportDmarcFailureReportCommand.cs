using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using EmailAuth.Core.Reports.Failure;

namespace EmailAuth.Commands
{
    /// <summary>
    /// Imports DMARC failure (forensic) reports: ARF messages (RFC 5965) of Feedback-Type auth-failure (RFC 6591, RFC 9991)
    /// from .eml files, a gzip of one, or .zip archives of them. One object per report; a damaged file or entry is a
    /// non-terminating error naming it, and the others are read.
    /// </summary>
    [Cmdlet(VerbsData.Import, "DmarcFailureReport", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(DmarcFailureReport))]
    public sealed class ImportDmarcFailureReportCommand : EmailAuthCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";
        private readonly DmarcFailureReportReader _reader = new DmarcFailureReportReader();

        /// <summary>Files to read; wildcards allowed.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Files to read, taken literally; file objects from Get-ChildItem bind here (PSPath).</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        protected override void ProcessRecord()
        {
            foreach (var file in ResolveFiles())
            {
                foreach (var result in _reader.Read(file, StopToken))
                {
                    if (result.Report != null)
                    {
                        WriteObject(result.Report);
                        continue;
                    }
                    var error = result.Error!;
                    var (id, category) = error.Problem switch
                    {
                        DmarcFailureReportProblem.TooLarge => ("DmarcFailureReportTooLarge", ErrorCategory.LimitsExceeded),
                        DmarcFailureReportProblem.Unreadable => ("DmarcFailureReportUnreadable", ErrorCategory.ReadError),
                        _ => ("DmarcFailureReportInvalid", ErrorCategory.InvalidData),
                    };
                    WriteError(NewError(error, id, category, error.Source,
                        "Give the failure report as the message received (.eml), a gzip of one, or a zip of such messages."));
                }
            }
        }

        private IEnumerable<string> ResolveFiles()
        {
            var files = new List<string>();
            if (ParameterSetName == LiteralPathSet)
            {
                foreach (var p in LiteralPath)
                {
                    var full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(p);
                    if (File.Exists(full)) files.Add(full);
                    else WriteNotFound(p);
                }
                return files;
            }
            foreach (var p in Path)
            {
                AddMatches(p, files);
            }
            return files;
        }

        private void AddMatches(string pattern, List<string> files)
        {
            try
            {
                var resolved = GetResolvedProviderPathFromPSPath(pattern, out var provider);
                if (provider.Name != "FileSystem")
                {
                    WriteItemError($"{pattern} is not a file-system path.", "DmarcFailureReportFileNotFound", ErrorCategory.InvalidArgument, pattern);
                    return;
                }
                var before = files.Count;
                foreach (var full in resolved)
                    if (File.Exists(full)) files.Add(full);
                if (files.Count == before && !WildcardPattern.ContainsWildcardCharacters(pattern)) WriteNotFound(pattern);
            }
            catch (ItemNotFoundException)
            {
                WriteNotFound(pattern);
            }
        }

        private void WriteNotFound(string path) =>
            WriteItemError($"Cannot find the failure report file '{path}'.", "DmarcFailureReportFileNotFound", ErrorCategory.ObjectNotFound, path,
                "Check the path; wildcards such as *.eml are allowed in -Path.");
    }
}
