using System;
using System.Collections.Generic;

namespace EmailAuth.Core.Aws.Ses
{
    /// <summary>SESv2 GetEmailIdentity (and the identity part of CreateEmailIdentity's answer).</summary>
    public sealed class SesIdentityDetails
    {
        public string Identity { get; set; } = "";
        public string? IdentityType { get; set; }
        public bool FeedbackForwardingStatus { get; set; }
        public bool VerifiedForSendingStatus { get; set; }
        public string? VerificationStatus { get; set; }
        public SesDkimAttributes? Dkim { get; set; }
        public SesMailFromAttributes? MailFrom { get; set; }
        public IReadOnlyDictionary<string, string> Policies { get; set; } = new Dictionary<string, string>();
        public IReadOnlyList<SesTag> Tags { get; set; } = Array.Empty<SesTag>();
        public string? ConfigurationSetName { get; set; }
        /// <summary>Why verification failed, when the service says (VerificationInfo.ErrorType), e.g. DNS_SERVER_ERROR.</summary>
        public string? VerificationErrorType { get; set; }

        public override string ToString() => $"{Identity} ({IdentityType}, {VerificationStatus})";
    }

    /// <summary>DkimAttributes: Easy DKIM tokens (AWS_SES origin) or a BYODKIM selector (EXTERNAL origin).</summary>
    public sealed class SesDkimAttributes
    {
        public bool SigningEnabled { get; set; }
        /// <summary>PENDING, SUCCESS, FAILED, TEMPORARY_FAILURE or NOT_STARTED.</summary>
        public string? Status { get; set; }
        /// <summary>Easy DKIM: the three tokens of &lt;token&gt;._domainkey.&lt;domain&gt;; BYODKIM: the selector.</summary>
        public IReadOnlyList<string> Tokens { get; set; } = Array.Empty<string>();
        /// <summary>AWS_SES, EXTERNAL, or an AWS_SES_&lt;REGION&gt; origin for regional DKIM domains.</summary>
        public string? SigningAttributesOrigin { get; set; }
        public string? NextSigningKeyLength { get; set; }
        public string? CurrentSigningKeyLength { get; set; }
        public DateTimeOffset? LastKeyGenerationTimestamp { get; set; }
        /// <summary>The DKIM domain the CNAMEs point into (e.g. dkim.amazonses.com); newer API versions only.</summary>
        public string? SigningHostedZone { get; set; }
    }

    /// <summary>MailFromAttributes of an identity.</summary>
    public sealed class SesMailFromAttributes
    {
        public string? MailFromDomain { get; set; }
        /// <summary>PENDING, SUCCESS, FAILED or TEMPORARY_FAILURE.</summary>
        public string? MailFromDomainStatus { get; set; }
        /// <summary>USE_DEFAULT_VALUE or REJECT_MESSAGE.</summary>
        public string? BehaviorOnMxFailure { get; set; }
    }

    public sealed class SesTag
    {
        public SesTag(string key, string value) { Key = key; Value = value; }
        public string Key { get; }
        public string Value { get; }
        public override string ToString() => $"{Key}={Value}";
    }
}
