using System;
using System.Management.Automation;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Domains;
using EmailAuth.Internal;

namespace EmailAuth.Commands
{
    /// <summary>A name's Organizational Domain by the RFC 9989 DNS tree walk or the RFC 7489 Public Suffix List.</summary>
    [Cmdlet(VerbsDiagnostic.Resolve, "OrganizationalDomain", DefaultParameterSetName = LiveSet)]
    [OutputType(typeof(OrganizationalDomainInfo))]
    public sealed class ResolveOrganizationalDomainCommand : OrganizationalDomainCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        public string[] Domain { get; set; } = Array.Empty<string>();

        /// <summary>TreeWalk (RFC 9989, DNS) or PublicSuffixList (RFC 7489, no DNS); positional here.</summary>
        [Parameter(Position = 1)]
        public override OrganizationalDomainMethod Method { get; set; } = OrganizationalDomainMethod.TreeWalk;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            if (Method == OrganizationalDomainMethod.PublicSuffixList) WriteVerbose($"Using the {SuffixList.Source}.");
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
                    var resolver = new OrganizationalDomainResolver(tracer, SuffixList);
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


    }
}
