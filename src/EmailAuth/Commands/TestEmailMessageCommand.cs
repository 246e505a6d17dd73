using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Messages;
using EmailAuth.Internal;

namespace EmailAuth.Commands
{
    /// <summary>
    /// Evaluates saved messages (.eml) as a receiver would: SPF, DKIM, ARC and DMARC, compared with the message's own
    /// Authentication-Results, explained in plain words. A file that cannot be read is a per-file error; the rest go on.
    /// Input forms (-Path, -LiteralPath, -RawMessage) times DNS sources (live, -ZoneFile) make six parameter sets.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "EmailMessage", DefaultParameterSetName = PathLive)]
    [OutputType(typeof(EmailMessageAuthResult))]
    public sealed class TestEmailMessageCommand : OrganizationalDomainCmdlet
    {
        private const string PathLive = "Path";
        private const string PathZone = "PathZoneFile";
        private const string LiteralLive = "LiteralPath";
        private const string LiteralZone = "LiteralPathZoneFile";
        private const string RawLive = "RawMessage";
        private const string RawZone = "RawMessageZoneFile";

        /// <summary>Message files (.eml); wildcards allowed.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = PathLive)]
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = PathZone)]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Message files taken as written (no wildcards); file objects from Get-ChildItem bind here by PSPath.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = LiteralLive)]
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = LiteralZone)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>The whole message as text (headers, blank line, body), e.g. pasted from "show original".</summary>
        [Parameter(Mandatory = true, ParameterSetName = RawLive)]
        [Parameter(Mandatory = true, ParameterSetName = RawZone)]
        [ValidateNotNullOrEmpty]
        public string RawMessage { get; set; } = string.Empty;

        /// <summary>The SMTP client's IP address; else the one in the Received field the receiving MTA added.</summary>
        [Parameter]
        [StrictIPAddress]
        public IPAddress? ClientIPAddress { get; set; }

        /// <summary>The HELO/EHLO name; else the one in the same Received field.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Helo { get; set; }

        /// <summary>The envelope sender (RFC5321.MailFrom); "" or "&lt;&gt;" is the null sender; else Return-Path.</summary>
        [Parameter]
        [AllowEmptyString]
        public string? MailFrom { get; set; }

        /// <summary>Compare with the Authentication-Results of this authserv-id (e.g. mx.google.com); else the topmost field's.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? AuthServId { get; set; }

        /// <summary>Hosts of the receiving organization (domains or IP addresses) whose Received fields are internal hops to skip.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? TrustedReceiver { get; set; }

        // The DNS parameters again, each in its three sets (PowerShell reads the attributes of the override only).
        [Parameter(ParameterSetName = PathLive)]
        [Parameter(ParameterSetName = LiteralLive)]
        [Parameter(ParameterSetName = RawLive)]
        [ValidateNotNullOrEmpty]
        public override string[]? Server { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = PathZone)]
        [Parameter(Mandatory = true, ParameterSetName = LiteralZone)]
        [Parameter(Mandatory = true, ParameterSetName = RawZone)]
        [ValidateNotNullOrEmpty]
        public override string[]? ZoneFile { get; set; }

        [Parameter(ParameterSetName = PathLive)]
        [Parameter(ParameterSetName = LiteralLive)]
        [Parameter(ParameterSetName = RawLive)]
        [ValidateRange(1, 60)]
        public override int TimeoutSec { get; set; } = 5;

        private DomainProgress? _progress;
        private MessageAnalysisOptions _options = new MessageAnalysisOptions();

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _options = new MessageAnalysisOptions
            {
                ClientIPAddress = ClientIPAddress,
                Helo = Helo,
                MailFrom = MailFrom,
                AuthServId = AuthServId,
                TrustedReceivers = TrustedReceiver,
                Method = Method,
                SuffixList = SuffixList,
            };
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == RawLive || ParameterSetName == RawZone)
            {
                Analyze(null, (analyzer, ct) => analyzer.AnalyzeTextAsync(RawMessage, _options, ct));
                return;
            }
            var literal = ParameterSetName == LiteralLive || ParameterSetName == LiteralZone;
            foreach (var input in literal ? LiteralPath : Path)
                foreach (var file in Resolve(input, literal))
                {
                    (_progress ??= new DomainProgress(this, "Test-EmailMessage", "Evaluating messages", "message(s)")).Next(file);
                    Analyze(file, (analyzer, ct) => analyzer.AnalyzeFileAsync(file, _options, ct));
                }
        }

        protected override void EndProcessing() => _progress?.Complete();

        private void Analyze(string? file, Func<EmailMessageAnalyzer, System.Threading.CancellationToken, System.Threading.Tasks.Task<EmailMessageAuthResult>> run)
        {
            var what = file ?? "the -RawMessage text";
            WriteVerbose($"Evaluating {what} using {ResolverDescription}.");
            var tracer = new TracingDnsResolver(SharedResolver);
            EmailMessageAuthResult result;
            try
            {
                result = RunCore(ct => run(new EmailMessageAnalyzer(tracer), ct));
            }
            catch (MessageLoadException e)
            {
                WriteItemError(file != null ? $"Cannot read the message file '{file}': {e.Message}" : $"Cannot read -RawMessage: {e.Message}",
                    "MessageUnreadable", ErrorCategory.InvalidData, file ?? (object)"RawMessage",
                    "Give a message saved with its headers (.eml, \"show original\" / \"download original\"), at most 50 MB.", e);
                return;
            }
            catch (Exception e) when (!IsFatal(e))
            {
                WriteDnsTrace(tracer);
                WriteItemError($"Evaluating {what} failed: {e.Message}", "MessageEvaluationFailed", ErrorCategory.NotSpecified, file, inner: e);
                return;
            }
            WriteDnsTrace(tracer);
            WriteVerbose(result.ClientIPAddress == null
                ? "No client IP address: SPF was not evaluated."
                : $"Client {result.ClientIPAddress} (HELO {result.Helo ?? "unknown"}) from {result.ClientSource}.");
            WriteObject(result);
        }

        /// <summary>Files a -Path (wildcards) or -LiteralPath names, resolved against $PWD; a miss is a per-item error.</summary>
        private IEnumerable<string> Resolve(string input, bool literal)
        {
            var files = new List<string>();
            try
            {
                if (literal)
                    files.Add(SessionState.Path.GetUnresolvedProviderPathFromPSPath(input));
                else
                {
                    var resolved = SessionState.Path.GetResolvedProviderPathFromPSPath(input, out var provider);
                    if (provider.Name != "FileSystem")
                    {
                        WriteItemError($"'{input}' is not a file-system path.", "MessageFileNotFound", ErrorCategory.InvalidArgument, input);
                        return files;
                    }
                    files.AddRange(resolved);
                }
            }
            catch (Exception e) when (e is SessionStateException || e is NotSupportedException || e is ArgumentException)
            {
                WriteItemError($"The message file '{input}' was not found (relative paths start at {SessionState.Path.CurrentFileSystemLocation.ProviderPath}).",
                    "MessageFileNotFound", ErrorCategory.ObjectNotFound, input, inner: e);
                return files;
            }
            var result = new List<string>();
            foreach (var f in files)
            {
                if (Directory.Exists(f))
                {
                    if (!literal && WildcardPattern.ContainsWildcardCharacters(input)) continue; // a wildcard also matched folders
                    WriteItemError($"'{f}' is a folder; give message files, e.g. '{System.IO.Path.Combine(f, "*.eml")}'.", "MessageFileNotFound", ErrorCategory.InvalidArgument, f);
                    continue;
                }
                if (!File.Exists(f))
                {
                    WriteItemError($"The message file '{f}' was not found.", "MessageFileNotFound", ErrorCategory.ObjectNotFound, f);
                    continue;
                }
                result.Add(f);
            }
            return result;
        }
    }
}
