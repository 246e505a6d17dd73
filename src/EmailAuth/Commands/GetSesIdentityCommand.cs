using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Aws;
using EmailAuth.Core.Aws.Ses;
using EmailAuth.Internal;

namespace EmailAuth.Commands
{
    /// <summary>Lists the SES identities of the account in each region, or gets the named ones (SESv2 ListEmailIdentities / GetEmailIdentity).</summary>
    [Cmdlet(VerbsCommon.Get, "SesIdentity")]
    [OutputType(typeof(SesIdentity))]
    public sealed class GetSesIdentityCommand : AwsCmdlet
    {
        /// <summary>Domains or email addresses; all identities of the region when omitted.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("IdentityName", "EmailIdentity", "Name")]
        [ValidateNotNullOrEmpty]
        public string[]? Identity { get; set; }

        protected override void ProcessRecord()
        {
            var names = Identity?.Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            WriteVerbose(names == null
                ? $"Listing SES identities in {string.Join(", ", Targets.Select(t => t.Region))}."
                : $"Getting SES identit{(names.Length == 1 ? "y" : "ies")} {string.Join(", ", names)} in {string.Join(", ", Targets.Select(t => t.Region))}.");
            ForEachRegion((context, token) => ReadRegionAsync(context, names, token), (target, items) =>
            {
                foreach (var item in items)
                {
                    if (item.Value != null) WriteObject(item.Value);
                    else if (item.Error!.IsNotFound)
                        WriteItemError($"{target.Region}: SES identity '{item.Name}' does not exist in this account and region.",
                            "SesIdentityNotFound", ErrorCategory.ObjectNotFound, item.Name, "List the region's identities with Get-SesIdentity -Region " + target.Region + ".",
                            item.Error);
                    else
                        WriteError(NewError(new EmailAuthException($"{target.Region}: {item.Error.Message}", item.Error), "SesIdentityReadFailed",
                            Category(item.Error), item.Name));
                }
            });
        }

        private static async Task<IReadOnlyList<AwsItemResult<SesIdentity>>> ReadRegionAsync(AwsContext context, string[]? names, CancellationToken token)
        {
            var account = await context.GetAccountIdAsync(token).ConfigureAwait(false);
            using var ses = context.CreateSesV2Client();
            IEnumerable<string> wanted = names ?? (await ses.ListEmailIdentitiesAsync(token).ConfigureAwait(false)).Select(s => s.IdentityName);
            var results = new List<AwsItemResult<SesIdentity>>();
            // One at a time: SES management calls have low per-account rate limits.
            foreach (var name in wanted)
            {
                token.ThrowIfCancellationRequested();
                try
                {
                    var details = await ses.GetEmailIdentityAsync(name, token).ConfigureAwait(false);
                    results.Add(AwsItemResult<SesIdentity>.Of(name, SesIdentity.From(details, account, context.Region)));
                }
                catch (AwsException e) when (e.IsNotFound)
                {
                    results.Add(AwsItemResult<SesIdentity>.Failed(name, e));
                }
            }
            return results;
        }
    }
}
