using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Text;
using EmailAuth.Core.Messages.AuthenticationResults;

namespace EmailAuth.Commands
{
    /// <summary>
    /// Parses Authentication-Results and ARC-Authentication-Results header text (RFC 8601, RFC 8617 §4.1.1).
    /// Each string may be one header value, a named field, or a pasted header block (other fields are skipped).
    /// A string that starts with a space or tab continues the one before it, so the lines of
    /// <c>Get-Content headers.txt</c> fold back into their fields, and an empty string ends the input as the empty
    /// line after a header does.
    /// </summary>
    [Cmdlet(VerbsData.ConvertFrom, "AuthenticationResult")]
    [OutputType(typeof(AuthenticationResultInfo))]
    public sealed class ConvertFromAuthenticationResultCommand : EmailAuthCmdlet
    {
        /// <summary>Longest run of continuation lines kept; the parser refuses anything over 64 KiB anyway.</summary>
        private const int MaxPendingLength = 1024 * 1024;

        private StringBuilder? _pending;
        private bool _seenText;
        private bool _headerEnded;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string[] Header { get; set; } = Array.Empty<string>();

        protected override void ProcessRecord()
        {
            foreach (var text in Header)
            {
                if (text == null || _headerEnded) continue;
                if (text.Length == 0)
                {
                    // An empty line ends a message's header block (RFC 5322 §2.1): the lines of a whole .eml stop here.
                    if (_seenText)
                    {
                        Flush();
                        _headerEnded = true;
                        WriteVerbose("An empty line ends the header; the lines after it are not read.");
                    }
                    continue;
                }
                _seenText = true;
                if (_pending != null && text.Length > 0 && (text[0] == ' ' || text[0] == '\t'))
                {
                    if (_pending.Length < MaxPendingLength) _pending.Append("\r\n").Append(text);
                    continue;
                }
                Flush();
                _pending = new StringBuilder(text);
            }
        }

        protected override void EndProcessing() => Flush();

        private void Flush()
        {
            if (_pending == null) return;
            var text = _pending.ToString();
            _pending = null;
            if (text.Trim().Length == 0) return;
            try
            {
                var skipped = new List<string>();
                var results = AuthenticationResultsParser.ParseFields(text, skipped);
                foreach (var name in skipped) WriteVerbose($"Skipped the {name} header field.");
                foreach (var info in results) WriteObject(info);
                if (results.Count == 0 && skipped.Count > 0)
                    WriteVerbose("No Authentication-Results or ARC-Authentication-Results field in: " + Shorten(text));
            }
            catch (Exception e) when (!IsFatal(e))
            {
                WriteUnexpectedError(e, "AuthenticationResultsParseFailed", Shorten(text));
            }
        }

        private static string Shorten(string text) => text.Length <= 200 ? text : text.Substring(0, 200) + "…";
    }
}
