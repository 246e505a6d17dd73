using System.Linq;
using System.Management.Automation;

namespace EmailAuth.Commands
{
    /// <summary>
    /// Deletes SES identities (SESv2 DeleteEmailIdentity) with their DKIM settings, MAIL FROM setting and
    /// sending authorization policies. ConfirmImpact High: PowerShell asks unless -Confirm:$false.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "SesIdentity", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    public sealed class RemoveSesIdentityCommand : SesIdentityCmdlet
    {
        protected override void ProcessRecord()
        {
            var approved = Items().Where(item => ShouldProcess(Place(item),
                "Delete the SES identity with its DKIM settings, MAIL FROM setting and sending authorization policies")).ToList();
            foreach (var outcome in Run(approved, i => i, async (item, ses, token) =>
            {
                await ses.DeleteEmailIdentityAsync(item.Identity, token).ConfigureAwait(false);
                return true;
            }))
            {
                if (outcome.Error != null) WriteItemFailure(outcome.Item, outcome.Error, "SesIdentityRemoveFailed");
                else WriteVerbose($"Deleted SES identity {Place(outcome.Item)}.");
            }
        }
    }
}
