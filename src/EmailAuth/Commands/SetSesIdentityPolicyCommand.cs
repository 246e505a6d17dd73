using System;
using System.Collections.Generic;
using System.Management.Automation;
using EmailAuth.Core.Aws;
using EmailAuth.Core.Aws.Ses;
using EmailAuth.Internal;

namespace EmailAuth.Commands
{
    /// <summary>
    /// Creates or replaces a sending authorization policy of SES identities: the -Policy JSON as given, or
    /// one built to let accounts (-AllowAccount) or an AWS Organizations path (-AllowOrganizationPath)
    /// send as the identity (ses:SendEmail, ses:SendRawEmail on its ARN). The current policies are read
    /// first: the ShouldProcess message names the statements added and removed; an equal policy is left alone.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "SesIdentityPolicy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = PolicySet)]
    [OutputType(typeof(SesIdentityPolicy))]
    public sealed class SetSesIdentityPolicyCommand : SesIdentityCmdlet
    {
        private const string PolicySet = "Policy";
        private const string BuildSet = "Build";

        /// <summary>The policy's name: letters, digits, '-' and '_', at most 64 (SESv2 model).</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern("^[A-Za-z0-9_-]{1,64}$")]
        public string PolicyName { get; set; } = "";

        /// <summary>The policy document (JSON text, at most 4 KB).</summary>
        [Parameter(Mandatory = true, Position = 2, ParameterSetName = PolicySet)]
        [ValidateSesPolicy]
        public string Policy { get; set; } = "";

        /// <summary>Account ids (12 digits) allowed to send as the identity.</summary>
        [Parameter(ParameterSetName = BuildSet)]
        [ValidateNotNullOrEmpty]
        [ValidateAwsAccountId]
        public string[]? AllowAccount { get; set; }

        /// <summary>AWS Organizations paths whose accounts may send as the identity (aws:PrincipalOrgPaths), e.g. o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*.</summary>
        [Parameter(ParameterSetName = BuildSet)]
        [ValidateNotNullOrEmpty]
        [ValidateOrganizationPath]
        public string[]? AllowOrganizationPath { get; set; }

        /// <summary>Write the policy as SES now holds it.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var approved = new List<(SesItem Item, string Policy, bool Exists)>();
            foreach (var read in Run(Items(), i => i, (item, ses, token) => ses.GetEmailIdentityPoliciesAsync(item.Identity, token)))
            {
                var item = read.Item;
                if (read.Error != null) { WriteItemFailure(item, read.Error, "SesIdentityPolicyWriteFailed"); continue; }
                var policy = ParameterSetName == BuildSet
                    ? SesSendingPolicyBuilder.Build(SesIdentityArn.For(item.Target.Region, item.Target.Account, item.Identity), AllowAccount, AllowOrganizationPath)
                    : Policy;
                if (SesPolicyDocument.Problem(policy) is string problem)
                {
                    WriteItemError($"{item.Identity}: {problem}", "SesPolicyInvalid", ErrorCategory.InvalidData, item.Identity,
                        "Split the grant into several policies (an identity may have up to 20).");
                    continue;
                }
                var exists = read.Result.TryGetValue(PolicyName, out var before);
                if (exists && SesPolicyDocument.SameJson(before, policy))
                {
                    WriteVerbose($"{Place(item)}: policy {PolicyName} is already this policy; nothing to change.");
                    if (PassThru) WriteObject(SesIdentityPolicy.From(item.Identity, PolicyName, before!, item.Target.Account, item.Target.Region));
                    continue;
                }
                var change = $"{(exists ? "Update" : "Create")} sending authorization policy {PolicyName}: {SesPolicyDocument.Diff(before, policy)}";
                if (ShouldProcess(Place(item), change)) approved.Add((item, policy, exists));
            }

            foreach (var write in Run(approved, a => a.Item, async (a, ses, token) =>
            {
                if (a.Exists) await Update(ses, a.Item.Identity, a.Policy, token).ConfigureAwait(false);
                else await Create(ses, a.Item.Identity, a.Policy, token).ConfigureAwait(false);
                return a.Policy;
            }))
            {
                var item = write.Item.Item;
                if (write.Error != null) WriteItemFailure(item, write.Error, "SesIdentityPolicyWriteFailed");
                else if (PassThru) WriteObject(SesIdentityPolicy.From(item.Identity, PolicyName, write.Result, item.Target.Account, item.Target.Region));
            }
        }

        // Another writer may have created or removed the policy since it was read: fall over to the other call once.
        private async System.Threading.Tasks.Task Create(SesV2Client ses, string identity, string policy, System.Threading.CancellationToken token)
        {
            try { await ses.CreateEmailIdentityPolicyAsync(identity, PolicyName, policy, token).ConfigureAwait(false); }
            catch (AwsException e) when (e.IsAlreadyExists)
            {
                await ses.UpdateEmailIdentityPolicyAsync(identity, PolicyName, policy, token).ConfigureAwait(false);
            }
        }

        private async System.Threading.Tasks.Task Update(SesV2Client ses, string identity, string policy, System.Threading.CancellationToken token)
        {
            try { await ses.UpdateEmailIdentityPolicyAsync(identity, PolicyName, policy, token).ConfigureAwait(false); }
            catch (AwsException e) when (e.IsNotFound)
            {
                await ses.CreateEmailIdentityPolicyAsync(identity, PolicyName, policy, token).ConfigureAwait(false);
            }
        }
    }
}
