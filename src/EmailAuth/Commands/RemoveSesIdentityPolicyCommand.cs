using System.Collections.Generic;
using System.Management.Automation;
using EmailAuth.Core.Aws.Ses;

namespace EmailAuth.Commands
{
    /// <summary>
    /// Deletes sending authorization policies of SES identities (SESv2 DeleteEmailIdentityPolicy); the
    /// ShouldProcess message names the statements that go. ConfirmImpact High.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "SesIdentityPolicy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    public sealed class RemoveSesIdentityPolicyCommand : SesIdentityCmdlet
    {
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] PolicyName { get; set; } = System.Array.Empty<string>();

        protected override void ProcessRecord()
        {
            var approved = new List<(SesItem Item, string Name)>();
            foreach (var read in Run(Items(), i => i, (item, ses, token) => ses.GetEmailIdentityPoliciesAsync(item.Identity, token)))
            {
                var item = read.Item;
                if (read.Error != null) { WriteItemFailure(item, read.Error, "SesIdentityPolicyRemoveFailed"); continue; }
                foreach (var name in PolicyName)
                {
                    if (!read.Result.TryGetValue(name, out var before)) { NotFound(item, name); continue; }
                    if (ShouldProcess(Place(item), $"Remove sending authorization policy {name}: {SesPolicyDocument.Diff(before, null)}"))
                        approved.Add((item, name));
                }
            }
            foreach (var write in Run(approved, a => a.Item, async (a, ses, token) =>
            {
                await ses.DeleteEmailIdentityPolicyAsync(a.Item.Identity, a.Name, token).ConfigureAwait(false);
                return true;
            }))
            {
                var (item, name) = write.Item;
                if (write.Error is Core.Aws.AwsException e && e.IsNotFound) NotFound(item, name);
                else if (write.Error != null) WriteItemFailure(item, write.Error, "SesIdentityPolicyRemoveFailed");
                else WriteVerbose($"Removed policy {name} of {Place(item)}.");
            }
        }

        private void NotFound(SesItem item, string name) =>
            WriteItemError($"{item.Target.Region}: SES identity '{item.Identity}' in account {item.Target.Account} has no policy '{name}'.",
                "SesIdentityPolicyNotFound", ErrorCategory.ObjectNotFound, name,
                $"List its policies with Get-SesIdentityPolicy -Identity {item.Identity} -Region {item.Target.Region}.");
    }
}
