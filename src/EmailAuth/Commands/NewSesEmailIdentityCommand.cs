using System;
using System.Linq;
using System.Management.Automation;
using EmailAuth.Core.Aws.Ses;

namespace EmailAuth.Commands
{
    /// <summary>Creates SES email-address identities (SESv2 CreateEmailIdentity); SES then mails a verification link.</summary>
    [Cmdlet(VerbsCommon.New, "SesEmailIdentity", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(SesIdentity))]
    public sealed class NewSesEmailIdentityCommand : SesCreateCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Identity", "Address")]
        [ValidateNotNullOrEmpty]
        public string[] EmailAddress { get; set; } = Array.Empty<string>();

        protected override void ProcessRecord()
        {
            var valid = EmailAddress.Select(a => a.Trim()).Where(a =>
            {
                var at = a.LastIndexOf('@');
                if (at > 0 && at < a.Length - 1 && a.IndexOf('@') == at && !a.Any(char.IsWhiteSpace)) return true;
                WriteItemError($"'{a}' is not an email address (local-part@domain).", "InvalidEmailAddress", ErrorCategory.InvalidArgument, a,
                    "Give an address such as alerts@example.com; for a whole domain use New-SesDomainIdentity.");
                return false;
            }).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            Create(valid);
        }

        protected override SesCreateIdentityRequest NewRequest(string identity) => new SesCreateIdentityRequest(identity);

        protected override string Describe(SesCreateIdentityRequest request) => $"email identity {request.Identity}";
    }
}
