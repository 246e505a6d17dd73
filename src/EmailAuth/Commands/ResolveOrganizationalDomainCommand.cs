using System;
using System.IO;
using System.Management.Automation;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Domains;
using EmailAuth.Internal;

namespace EmailAuth.Commands
{
    /// <summary>A name's Organizational Domain by the RFC 9989 DNS tree walk or the RFC 7489 Public Suffix List.</summary>
    [Cmdlet(VerbsDiagnostic.Resolve, "OrganizationalDomain", DefaultParameterSetName = LiveSet)]
    [OutputType(typeof(OrganizationalDomainInfo))]
    public sealed class ResolveOrganizationalDomainCommand : DnsCmdlet
    {
        private PublicSuffixList? _list;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        public string[] Domain { get; set; } = Array.Empty<string>();

        /// <summary>TreeWalk (RFC 9989, DNS) or PublicSuffixList (RFC 7489, no DNS).</summary>
        [Parameter(Position = 1)]
        public OrganizationalDomainMethod Method { get; set; } = OrganizationalDomainMethod.TreeWalk;

        /// <summary>A Public Suffix List file to use instead of the embedded copy.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? PublicSuffixListPath { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _list = LoadList(this, PublicSuffixListPath);
            if (Method == OrganizationalDomainMethod.PublicSuffixList) WriteVerbose($"Using the {_list.Source}.");
        }

        private DomainProgress? _progress;

        protected override void EndProcessing() => _progress?.Complete();

        protected override void ProcessRecord()
        {
            foreach (var input in Domain)
            {
                (_progress ??= new DomainProgress(this, "Resolve-OrganizationalDomain", "Finding Organizational Domains")).Next(input);
                var domain = DomainNameInput.Normalize(input, out var error);
                if (domain == null)
                {
                    WriteInvalidDomain(error!, input);
                    continue;
                }
                var tracer = new TracingDnsResolver(SharedResolver);
                try
                {
                    var resolver = new OrganizationalDomainResolver(tracer, _list);
                    var info = RunCore(ct => resolver.ResolveAsync(domain, Method, ct));
                    WriteDnsTrace(tracer);
                    WriteObject(info);
                    if (info.OrganizationalDomain == null)
                        WriteItemError($"The Organizational Domain of {domain} is unknown: {info.Error}. This is a temporary DNS failure.",
                            "OrganizationalDomainDnsError", ErrorCategory.ResourceUnavailable, domain,
                            "Retry later, raise -TimeoutSec, ask another resolver with -Server, or use -Method PublicSuffixList.");
                }
                catch (Exception e) when (!IsFatal(e))
                {
                    WriteDnsTrace(tracer);
                    WriteUnexpectedError(e, "OrganizationalDomainFailed", domain);
                }
            }
        }

        /// <summary>The embedded list, or -PublicSuffixListPath resolved against $PWD (terminating error when unreadable).</summary>
        internal static PublicSuffixList LoadList(DnsCmdlet cmdlet, string? path)
        {
            if (path == null) return PublicSuffixList.Embedded;
            string full;
            try
            {
                full = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
            }
            catch (Exception e) when (e is SessionStateException || e is NotSupportedException || e is ArgumentException)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(new EmailAuthException($"'{path}' is not a file-system path: {e.Message}", e),
                    "PublicSuffixListNotFound", ErrorCategory.InvalidArgument, path));
                throw; // not reached
            }
            try
            {
                return PublicSuffixListLoader.Load(full);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is InvalidDataException)
            {
                var id = e is FileNotFoundException ? "PublicSuffixListNotFound" : "PublicSuffixListUnreadable";
                var category = e is FileNotFoundException ? ErrorCategory.ObjectNotFound : ErrorCategory.ReadError;
                cmdlet.ThrowTerminatingError(new ErrorRecord(new EmailAuthException($"Cannot use the Public Suffix List '{full}': {e.Message}", e), id, category, path)
                {
                    ErrorDetails = new ErrorDetails($"Cannot use the Public Suffix List '{full}': {e.Message}")
                    {
                        RecommendedAction = "Download https://publicsuffix.org/list/public_suffix_list.dat, or omit -PublicSuffixListPath to use the embedded list.",
                    },
                });
                throw; // not reached
            }
        }
    }
}
