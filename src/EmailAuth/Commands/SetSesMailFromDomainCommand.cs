using System;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using EmailAuth.Core.Aws.Ses;

namespace EmailAuth.Commands
{
    /// <summary>
    /// Sets the custom MAIL FROM domain of SES identities (SESv2 PutEmailIdentityMailFromAttributes), or
    /// with -Clear returns them to SES's default MAIL FROM (a subdomain of amazonses.com, which passes SPF
    /// but does not align with the From domain for DMARC, RFC 7489 §3.1.2). SES requires the MAIL FROM
    /// domain to be a subdomain of the identity's domain that does not receive mail.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "SesMailFromDomain", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = SetName)]
    [OutputType(typeof(SesIdentity))]
    public sealed class SetSesMailFromDomainCommand : SesIdentityCmdlet
    {
        private const string SetName = "Set";
        private const string ClearName = "Clear";
        private static readonly Regex Label = new Regex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant);

        /// <summary>A subdomain of the identity's domain, or one label put in front of it (mail → mail.example.com); '' resets to the default.</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = SetName)]
        [AllowEmptyString]
        public string MailFromDomain { get; set; } = "";

        /// <summary>Back to SES's default MAIL FROM domain (amazonses.com).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ClearName)]
        public SwitchParameter Clear { get; set; }

        /// <summary>What SES does while the MAIL FROM domain's MX record is missing. Default: keep the identity's setting.</summary>
        [Parameter]
        [ValidateSet("UseDefaultValue", "RejectMessage")]
        public string? BehaviorOnMxFailure { get; set; }

        /// <summary>Write the updated SesIdentity.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private bool Clearing => Clear.IsPresent || MailFromDomain.Trim().Length == 0;

        protected override void ProcessRecord()
        {
            var valid = Items().Where(item =>
            {
                if (Clearing || Target(item) != null) return true;
                WriteItemError($"The MAIL FROM domain '{MailFromDomain}' is not a subdomain of {item.Domain}: SES requires a subdomain of the identity's domain.",
                    "InvalidMailFromDomain", ErrorCategory.InvalidArgument, item.Identity,
                    $"Give a subdomain such as mail.{item.Domain} (one that receives no mail), or one label (mail) to put in front of each domain.");
                return false;
            }).ToList();

            // Read first: the ShouldProcess message shows the setting before and after, and an unchanged one is not written.
            var approved = new System.Collections.Generic.List<(SesItem Item, string? Domain, string Behavior)>();
            foreach (var read in Run(valid, i => i, (item, ses, token) => ses.GetEmailIdentityAsync(item.Identity, token)))
            {
                if (read.Error != null) { WriteItemFailure(read.Item, read.Error, "SesMailFromFailed"); continue; }
                var item = read.Item;
                var before = read.Result.MailFrom;
                var (domain, behavior) = (Clearing ? null : Target(item), Behavior(before?.BehaviorOnMxFailure));
                var oldBehavior = before?.BehaviorOnMxFailure ?? "USE_DEFAULT_VALUE";
                if (string.Equals(before?.MailFromDomain, domain, StringComparison.OrdinalIgnoreCase) && behavior == oldBehavior)
                {
                    WriteVerbose($"{Place(item)}: MAIL FROM is already {Describe(domain)} ({behavior}); nothing to change.");
                    if (PassThru) WriteObject(item.ToIdentity(read.Result));
                    continue;
                }
                var change = $"Set MAIL FROM domain {Describe(before?.MailFromDomain)} → {Describe(domain)}, on MX failure {oldBehavior} → {behavior}";
                if (ShouldProcess(Place(item), change)) approved.Add((item, domain, behavior));
            }

            foreach (var write in Run(approved, a => a.Item, async (a, ses, token) =>
            {
                await ses.PutEmailIdentityMailFromAttributesAsync(a.Item.Identity, a.Domain, a.Behavior, token).ConfigureAwait(false);
                return await ses.GetEmailIdentityAsync(a.Item.Identity, token).ConfigureAwait(false);
            }))
            {
                if (write.Error != null) WriteItemFailure(write.Item.Item, write.Error, "SesMailFromFailed");
                else if (PassThru) WriteObject(write.Item.Item.ToIdentity(write.Result));
            }
        }

        /// <summary>The behaviour to send: -BehaviorOnMxFailure, else the identity's current one (omitting it would reset it to USE_DEFAULT_VALUE).</summary>
        private string Behavior(string? current) =>
            BehaviorOnMxFailure == "RejectMessage" ? "REJECT_MESSAGE"
            : BehaviorOnMxFailure == "UseDefaultValue" ? "USE_DEFAULT_VALUE"
            : current ?? "USE_DEFAULT_VALUE";

        /// <summary>The MAIL FROM name for the item, or null when -MailFromDomain is not a subdomain of its domain.</summary>
        private string? Target(SesItem item)
        {
            var m = MailFromDomain.Trim().TrimEnd('.').ToLowerInvariant();
            var name = Label.IsMatch(m) ? m + "." + item.Domain : m;
            if (!name.EndsWith("." + item.Domain, StringComparison.Ordinal) || name.Length > 253) return null;
            return name.Split('.').All(Label.IsMatch) ? name : null;
        }

        private static string Describe(string? domain) => domain ?? "default (amazonses.com)";
    }
}
