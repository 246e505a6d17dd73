using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using EmailAuth.Core.Aws.DnsPlan;

namespace EmailAuth.Commands
{
    /// <summary>Writes the records of Get-SesDnsRecord for DNS hosted elsewhere: BIND master-file lines, CSV or JSON, as text or to a file.</summary>
    [Cmdlet(VerbsData.Export, "SesDnsRecord", SupportsShouldProcess = true)]
    [OutputType(typeof(string), typeof(FileInfo))]
    public sealed class ExportSesDnsRecordCommand : EmailAuthCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public SesDnsRecord[] InputObject { get; set; } = Array.Empty<SesDnsRecord>();

        [Parameter(Position = 0)]
        public SesDnsRecordFormat Format { get; set; } = SesDnsRecordFormat.Bind;

        /// <summary>Write to this file (UTF-8 without BOM) instead of the pipeline.</summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>Do not overwrite an existing file.</summary>
        [Parameter]
        public SwitchParameter NoClobber { get; set; }

        private readonly List<SesDnsRecord> _records = new List<SesDnsRecord>();

        protected override void ProcessRecord() => _records.AddRange(InputObject);

        protected override void EndProcessing()
        {
            string text;
            try { text = SesDnsRecordWriter.Write(_records, Format); }
            catch (ArgumentException e)
            {
                ThrowTerminating(e.Message, "SesDnsRecordNotWritable", ErrorCategory.InvalidData, null, e);
                return;
            }
            if (Path == null)
            {
                WriteObject(text);
                return;
            }
            var full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            if (NoClobber && File.Exists(full))
                ThrowTerminating($"The file '{full}' exists and -NoClobber was given.", "SesDnsExportFileExists", ErrorCategory.ResourceExists, full);
            if (!ShouldProcess(full, $"Write {_records.Count} record set(s) as {Format}")) return;
            try
            {
                File.WriteAllText(full, text, new UTF8Encoding(false));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                ThrowTerminating($"Cannot write '{full}': {e.Message}", "SesDnsExportWriteFailed", ErrorCategory.WriteError, full, e);
            }
            WriteObject(new FileInfo(full));
        }
    }
}
