using System.Management.Automation;
using EmailAuth.Core.Aws.Ses;

namespace EmailAuth.Commands
{
    /// <summary>The SES sending state of the account in each region: sandbox or production, quotas, enforcement (SESv2 GetAccount).</summary>
    [Cmdlet(VerbsCommon.Get, "SesAccount")]
    [OutputType(typeof(SesAccount))]
    public sealed class GetSesAccountCommand : AwsCmdlet
    {
        protected override void ProcessRecord()
        {
            ForEachRegion(async (context, token) =>
            {
                var account = await context.GetAccountIdAsync(token).ConfigureAwait(false);
                using var ses = context.CreateSesV2Client();
                return SesAccount.From(await ses.GetAccountAsync(token).ConfigureAwait(false), account, context.Region);
            }, (target, account) => WriteObject(account));
        }
    }
}
