using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using EmailAuth.Core.Reports.Input;

namespace EmailAuth
{
    /// <summary>
    /// Base of the report importers: -Path (wildcards) or -LiteralPath/PSPath (so Get-ChildItem pipes), each file
    /// opened through <see cref="ReportInputReader"/> (plain, gzip, zip entries, .eml attachments), progress per file,
    /// -Verbose naming each file and entry. A file or entry that cannot be read is a non-terminating error naming it
    /// (<see cref="UnreadableErrorId"/>); rows already written stay written and the other files go on.
    /// </summary>
    public abstract class ReportImportCmdlet : EmailAuthCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";
        private int _files;
        private ProgressRecord? _lastProgress;

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>Most bytes one report may decompress to (MiB); larger ones stop with an error (a decompression bomb, or no report).</summary>
        [Parameter]
        [ValidateRange(1, 65536)]
        public int MaxReportSizeMB { get; set; } = 256;

        /// <summary>The error id of a file or entry that cannot be read, e.g. DmarcReportUnreadable.</summary>
        protected abstract string UnreadableErrorId { get; }

        /// <summary>"DMARC aggregate report", for messages.</summary>
        protected abstract string ReportKind { get; }

        /// <summary>Reads one report part and writes its objects; throws for a part that cannot be read on.</summary>
        protected abstract void ImportPart(ReportPart part);

        protected override void ProcessRecord()
        {
            var literal = ParameterSetName == LiteralPathSet;
            foreach (var input in literal ? LiteralPath : Path)
                foreach (var file in Resolve(input, literal))
                    ImportFile(file);
        }

        protected override void EndProcessing()
        {
            if (_lastProgress != null)
            {
                _lastProgress.RecordType = ProgressRecordType.Completed;
                WriteProgress(_lastProgress);
            }
        }

        /// <summary>File-system paths for one -Path/-LiteralPath value; a path that matches nothing is an error (PathNotFound).</summary>
        private IEnumerable<string> Resolve(string input, bool literal)
        {
            var result = new List<string>();
            try
            {
                ProviderInfo provider;
                if (literal)
                {
                    result.Add(SessionState.Path.GetUnresolvedProviderPathFromPSPath(input, out provider, out _));
                }
                else
                {
                    result.AddRange(SessionState.Path.GetResolvedProviderPathFromPSPath(input, out provider));
                }
                if (provider.Name != "FileSystem")
                {
                    WriteItemError($"'{input}' is not a file-system path.", "PathNotFileSystem", ErrorCategory.InvalidArgument, input);
                    return Array.Empty<string>();
                }
            }
            catch (Exception e) when (e is ItemNotFoundException || e is System.Management.Automation.DriveNotFoundException || e is ProviderNotFoundException || e is PSArgumentException)
            {
                WriteItemError($"Cannot find '{input}' (relative paths start at {SessionState.Path.CurrentFileSystemLocation.ProviderPath}).",
                    "PathNotFound", ErrorCategory.ObjectNotFound, input, inner: e);
                return Array.Empty<string>();
            }
            var wildcard = !literal && WildcardPattern.ContainsWildcardCharacters(input);
            if (literal && result.Count == 1 && !File.Exists(result[0]) && !Directory.Exists(result[0]))
            {
                WriteItemError($"Cannot find '{result[0]}'.", "PathNotFound", ErrorCategory.ObjectNotFound, input);
                return Array.Empty<string>();
            }
            if (!wildcard && result.Count == 1 && Directory.Exists(result[0]))
            {
                WriteItemError($"'{result[0]}' is a folder: give the files, e.g. '{System.IO.Path.Combine(result[0], "*")}'.",
                    "PathIsFolder", ErrorCategory.InvalidArgument, input);
                return Array.Empty<string>();
            }
            // Folders matched by a wildcard, or piped from Get-ChildItem without -File, are skipped, not errors.
            result.RemoveAll(Directory.Exists);
            return result;
        }

        private void ImportFile(string file)
        {
            _files++;
            _lastProgress = new ProgressRecord(1, $"Importing {ReportKind}s", $"file {_files}")
            {
                CurrentOperation = file,
                StatusDescription = $"{_files - 1} file(s) done",
            };
            WriteProgress(_lastProgress);
            WriteVerbose($"Reading {file}.");
            var limits = new ReportInputLimits { MaxDecompressedBytes = MaxReportSizeMB * 1024L * 1024 };
            var reader = new ReportInputReader(limits);
            try
            {
                foreach (var part in reader.Open(file, StopToken))
                {
                    using (part)
                    {
                        if (part.Entry != null) WriteVerbose($"Reading {part.DisplayName}.");
                        if (part.Error != null)
                        {
                            WriteUnreadable(part.Error.Message, part.DisplayName, part.Error);
                            continue;
                        }
                        try
                        {
                            ImportPart(part);
                            part.ReadToEnd();
                        }
                        catch (Exception e) when (!IsFatal(e))
                        {
                            WriteUnreadable(Prefixed(e.Message, part.DisplayName), part.DisplayName, e);
                        }
                    }
                }
            }
            catch (Exception e) when (!IsFatal(e))
            {
                // Whatever stops one file (a cap, damaged data, an unsupported zip method, a bug) ends that file only.
                WriteUnreadable(Prefixed(e.Message, file), file, e);
            }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        private static string Prefixed(string message, string name) =>
            message.StartsWith(name, StringComparison.Ordinal) ? message : $"{name}: {message}";

        private void WriteUnreadable(string message, string target, Exception inner) =>
            WriteItemError($"Cannot read {ReportKind} {message}", UnreadableErrorId, ErrorCategory.InvalidData, target,
                "Check that the file is a report as the reporter sent it (XML, gzip, zip or the report mail); other files are still read.", inner);
    }
}
