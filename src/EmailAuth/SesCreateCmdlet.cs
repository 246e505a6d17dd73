using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Aws;
using EmailAuth.Core.Aws.Ses;
using EmailAuth.Internal;

namespace EmailAuth
{
    /// <summary>
    /// New-SesEmailIdentity and New-SesDomainIdentity: ShouldProcess per identity and region on the
    /// pipeline thread (its message names the exact change), then the approved creations run per region
    /// concurrently; each created identity is read back and written as a SesIdentity.
    /// </summary>
    public abstract class SesCreateCmdlet : AwsCmdlet
    {
        /// <summary>The configuration set new identities use by default.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ConfigurationSetName { get; set; }

        /// <summary>Tags as a hashtable, e.g. @{ team = 'mail' }.</summary>
        [Parameter]
        [ValidateNotNull]
        public Hashtable? Tag { get; set; }

        /// <summary>The request for one identity (its tags and configuration set added by the base).</summary>
        protected abstract SesCreateIdentityRequest NewRequest(string identity);

        /// <summary>Words for ShouldProcess: what is created, e.g. "domain identity example.com (Easy DKIM RSA_2048_BIT)".</summary>
        protected abstract string Describe(SesCreateIdentityRequest request);

        /// <summary>Runs after the identity exists (e.g. set MAIL FROM); may throw AwsException.</summary>
        protected virtual Task AfterCreateAsync(SesV2Client ses, SesCreateIdentityRequest request, CancellationToken token) => Task.CompletedTask;

        protected void Create(IEnumerable<string> identities)
        {
            var approved = new Dictionary<string, List<SesCreateIdentityRequest>>(StringComparer.Ordinal);
            foreach (var identity in identities)
            {
                var request = NewRequest(identity);
                if (ConfigurationSetName != null) request.ConfigurationSetName = ConfigurationSetName;
                foreach (DictionaryEntry t in Tag ?? new Hashtable())
                    request.Tags.Add(new SesTag(Convert.ToString(t.Key, System.Globalization.CultureInfo.InvariantCulture) ?? "",
                        Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture) ?? ""));
                foreach (var target in Targets)
                {
                    var change = $"Create SES {Describe(request)} in {target.Region}" +
                        (request.ConfigurationSetName != null ? $", configuration set {request.ConfigurationSetName}" : "") +
                        (request.Tags.Count > 0 ? ", tags " + string.Join(", ", request.Tags) : "");
                    if (!ShouldProcess($"{identity} in {target.Region}", change)) continue;
                    if (!approved.TryGetValue(target.Region, out var list)) approved[target.Region] = list = new List<SesCreateIdentityRequest>();
                    list.Add(request);
                }
            }
            if (approved.Count == 0) return;
            ForEachRegion((context, token) => approved.TryGetValue(context.Region, out var list)
                    ? CreateInRegionAsync(context, list, token)
                    : Task.FromResult<IReadOnlyList<AwsItemResult<SesIdentity>>>(Array.Empty<AwsItemResult<SesIdentity>>()),
                (target, items) =>
                {
                    foreach (var item in items)
                    {
                        if (item.Value != null) { WriteObject(item.Value); continue; }
                        var id = item.Error!.IsAlreadyExists ? "SesIdentityAlreadyExists" : "SesIdentityCreateFailed";
                        WriteError(NewError(new EmailAuthException($"{target.Region}: {item.Error.Message}", item.Error), id, Category(item.Error), item.Name,
                            item.Error.IsAlreadyExists ? "Read it with Get-SesIdentity; remove it first to create it again." : null));
                    }
                }, onlyRegions: approved.Keys);
        }

        private async Task<IReadOnlyList<AwsItemResult<SesIdentity>>> CreateInRegionAsync(AwsContext context, List<SesCreateIdentityRequest> requests, CancellationToken token)
        {
            var account = await context.GetAccountIdAsync(token).ConfigureAwait(false);
            using var ses = context.CreateSesV2Client();
            var results = new List<AwsItemResult<SesIdentity>>();
            foreach (var request in requests)
            {
                try
                {
                    await ses.CreateEmailIdentityAsync(request, token).ConfigureAwait(false);
                    await AfterCreateAsync(ses, request, token).ConfigureAwait(false);
                    var details = await ses.GetEmailIdentityAsync(request.Identity, token).ConfigureAwait(false);
                    results.Add(AwsItemResult<SesIdentity>.Of(request.Identity, SesIdentity.From(details, account, context.Region)));
                }
                catch (AwsException e) when (e.StatusCode >= 400 && e.StatusCode < 500 && !e.IsThrottling)
                {
                    // This identity's request was refused (exists, invalid); the region's other identities go on.
                    results.Add(AwsItemResult<SesIdentity>.Failed(request.Identity, e));
                }
            }
            return results;
        }
    }
}
