using System;
using System.Collections.Generic;
using System.Linq;

namespace EmailAuth.Core.Aws.Ses
{
    /// <summary>
    /// An SES identity (domain or email address) in one account and region, as Get-SesIdentity shows it
    /// and the DNS planning cmdlets consume it. Built from SESv2 GetEmailIdentity.
    /// </summary>
    public sealed class SesIdentity
    {
        public string Identity { get; set; } = "";
        /// <summary>DOMAIN, EMAIL_ADDRESS or MANAGED_DOMAIN.</summary>
        public string? IdentityType { get; set; }
        /// <summary>The domain itself, or the part of an email address after the '@'.</summary>
        public string Domain { get; set; } = "";
        public string Account { get; set; } = "";
        public string Region { get; set; } = "";
        /// <summary>PENDING, SUCCESS, FAILED, TEMPORARY_FAILURE or NOT_STARTED.</summary>
        public string? VerificationStatus { get; set; }
        /// <summary>Why verification failed, when SES says (e.g. HOST_NOT_FOUND, DNS_SERVER_ERROR).</summary>
        public string? VerificationError { get; set; }
        public bool VerifiedForSending { get; set; }
        public SesIdentityDkim Dkim { get; set; } = new SesIdentityDkim();
        /// <summary>The custom MAIL FROM domain, or null when SES uses its default (amazonses.com, which does not align for DMARC).</summary>
        public string? MailFromDomain { get; set; }
        public string? MailFromStatus { get; set; }
        /// <summary>USE_DEFAULT_VALUE or REJECT_MESSAGE.</summary>
        public string? BehaviorOnMxFailure { get; set; }
        /// <summary>Names of the sending authorization policies (the documents: Get-SesIdentityPolicy).</summary>
        public IReadOnlyList<string> PolicyNames { get; set; } = Array.Empty<string>();
        public string? ConfigurationSetName { get; set; }
        public IReadOnlyDictionary<string, string> Tags { get; set; } = new Dictionary<string, string>();

        public static SesIdentity From(SesIdentityDetails details, string account, string region)
        {
            if (details == null) throw new ArgumentNullException(nameof(details));
            var at = details.Identity.LastIndexOf('@');
            var dkim = details.Dkim;
            var external = string.Equals(dkim?.SigningAttributesOrigin, "EXTERNAL", StringComparison.Ordinal);
            return new SesIdentity
            {
                Identity = details.Identity,
                IdentityType = details.IdentityType,
                Domain = (at >= 0 ? details.Identity.Substring(at + 1) : details.Identity).TrimEnd('.').ToLowerInvariant(),
                Account = account,
                Region = region,
                VerificationStatus = details.VerificationStatus,
                VerificationError = details.VerificationErrorType,
                VerifiedForSending = details.VerifiedForSendingStatus,
                Dkim = new SesIdentityDkim
                {
                    Status = dkim?.Status,
                    Origin = dkim?.SigningAttributesOrigin,
                    SigningEnabled = dkim?.SigningEnabled ?? false,
                    // BYODKIM (origin EXTERNAL) reports its selector where Easy DKIM reports tokens.
                    Tokens = external ? Array.Empty<string>() : (dkim?.Tokens ?? Array.Empty<string>()).ToArray(),
                    Selector = external ? dkim?.Tokens.FirstOrDefault() : null,
                    KeyLength = dkim?.CurrentSigningKeyLength,
                    NextKeyLength = dkim?.NextSigningKeyLength,
                    SigningHostedZone = dkim?.SigningHostedZone,
                },
                MailFromDomain = details.MailFrom?.MailFromDomain,
                MailFromStatus = details.MailFrom?.MailFromDomainStatus,
                BehaviorOnMxFailure = details.MailFrom?.BehaviorOnMxFailure,
                PolicyNames = details.Policies.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray(),
                ConfigurationSetName = details.ConfigurationSetName,
                Tags = details.Tags.GroupBy(t => t.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal),
            };
        }

        public override string ToString() => $"{Identity} ({Account} {Region})";
    }

    /// <summary>The DKIM state of an identity: Easy DKIM tokens or a BYODKIM selector.</summary>
    public sealed class SesIdentityDkim
    {
        /// <summary>PENDING, SUCCESS, FAILED, TEMPORARY_FAILURE or NOT_STARTED.</summary>
        public string? Status { get; set; }
        /// <summary>AWS_SES (Easy DKIM), EXTERNAL (BYODKIM) or AWS_SES_&lt;REGION&gt;.</summary>
        public string? Origin { get; set; }
        public bool SigningEnabled { get; set; }
        /// <summary>Easy DKIM: the three tokens of &lt;token&gt;._domainkey.&lt;domain&gt; CNAMEs.</summary>
        public IReadOnlyList<string> Tokens { get; set; } = Array.Empty<string>();
        /// <summary>BYODKIM: the selector of &lt;selector&gt;._domainkey.&lt;domain&gt;.</summary>
        public string? Selector { get; set; }
        /// <summary>RSA_1024_BIT or RSA_2048_BIT (Easy DKIM).</summary>
        public string? KeyLength { get; set; }
        public string? NextKeyLength { get; set; }
        /// <summary>The DKIM domain the CNAMEs point into, when the API reports it.</summary>
        public string? SigningHostedZone { get; set; }

        public override string ToString() => Status == null ? "" : Selector != null ? $"{Status} (selector {Selector})" : $"{Status} ({Tokens.Count} tokens)";
    }
}
