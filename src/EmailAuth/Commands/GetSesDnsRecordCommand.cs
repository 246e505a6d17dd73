using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EmailAuth.Core.Aws.DnsPlan;
using EmailAuth.Core.Aws.Ses;
using EmailAuth.Internal;

namespace EmailAuth.Commands
{
    /// <summary>
    /// The DNS records piped SES identities need (DKIM, MAIL FROM, DMARC where none is found, legacy
    /// verification), merged across accounts and regions. DMARC is looked up with the shared DNS parameters.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "SesDnsRecord", DefaultParameterSetName = LiveSet)]
    [OutputType(typeof(SesDnsRecord))]
    public sealed class GetSesDnsRecordCommand : DnsCmdlet, IDynamicParameters
    {
        /// <summary>Identities from Get-SesIdentity or New-SesDomainIdentity.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateNotNull]
        public SesIdentity[] InputObject { get; set; } = Array.Empty<SesIdentity>();

        private readonly SesDnsPlanParameters _plan = new SesDnsPlanParameters();

        /// <summary>-VerificationToken, -PublicKey, -DmarcPolicy, -DmarcReportAddress, -NoDmarc, -Ttl (shared with Sync-SesDnsRecord).</summary>
        public object GetDynamicParameters() => _plan;

        private readonly List<SesDnsPlanInput> _inputs = new List<SesDnsPlanInput>();

        protected override void ProcessRecord() => _inputs.AddRange(_plan.Inputs(InputObject));

        protected override void EndProcessing()
        {
            SesDnsPlanOptions options;
            try { options = _plan.Options(_inputs); }
            catch (ArgumentException e)
            {
                ThrowTerminating(e.Message, "InvalidDmarcReportAddress", ErrorCategory.InvalidArgument, _plan.DmarcReportAddress, e);
                return;
            }
            if (!_plan.NoDmarc)
                options.DomainsWithDmarc = SesDnsPlanParameters.FindDomainsWithDmarc(_inputs, SharedResolver, ResolverDescription, RunCore, WriteDnsTrace,
                    WriteVerbose, WriteWarning, IsFatal);
            var plan = SesDnsPlanner.Plan(_inputs, options);
            foreach (var w in plan.Warnings) WriteWarning(w);
            foreach (var r in plan.Records) WriteObject(r);
        }
    }
}
