using System;
using EmailAuth.Core.Aws.Ses;

namespace EmailAuth.Core.Aws.DnsPlan
{
    /// <summary>
    /// An identity to plan records for, with what SESv2 does not return: the legacy verification token
    /// (SES v1 VerifyDomainIdentity; GetEmailIdentity has no such field), when the identity was verified that way.
    /// </summary>
    public sealed class SesDnsPlanInput
    {
        public SesDnsPlanInput(SesIdentity identity, string? verificationToken = null)
        {
            Identity = identity ?? throw new ArgumentNullException(nameof(identity));
            VerificationToken = string.IsNullOrWhiteSpace(verificationToken) ? null : verificationToken!.Trim();
        }

        public SesIdentity Identity { get; }
        public string? VerificationToken { get; }
    }
}
