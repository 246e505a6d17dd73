using System;
using System.Linq;
using System.Management.Automation;
using EmailAuth.Core.Aws.Ses;

namespace EmailAuth.Commands
{
    /// <summary>The sending authorization policies of SES identities (SESv2 GetEmailIdentityPolicies), with their statements summarised.</summary>
    [Cmdlet(VerbsCommon.Get, "SesIdentityPolicy")]
    [OutputType(typeof(SesIdentityPolicy))]
    public sealed class GetSesIdentityPolicyCommand : SesIdentityCmdlet
    {
        /// <summary>Only these policies; a name the identity does not have is SesIdentityPolicyNotFound. Default: all.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? PolicyName { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var read in Run(Items(), i => i, (item, ses, token) => ses.GetEmailIdentityPoliciesAsync(item.Identity, token)))
            {
                var item = read.Item;
                if (read.Error != null) { WriteItemFailure(item, read.Error, "SesIdentityPolicyReadFailed"); continue; }
                foreach (var name in PolicyName ?? read.Result.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray())
                {
                    if (read.Result.TryGetValue(name, out var policy))
                        WriteObject(SesIdentityPolicy.From(item.Identity, name, policy, item.Target.Account, item.Target.Region));
                    else
                        WriteItemError($"{item.Target.Region}: SES identity '{item.Identity}' in account {item.Target.Account} has no policy '{name}'.",
                            "SesIdentityPolicyNotFound", ErrorCategory.ObjectNotFound, name,
                            $"List its policies with Get-SesIdentityPolicy -Identity {item.Identity} -Region {item.Target.Region}.");
                }
            }
        }
    }
}
