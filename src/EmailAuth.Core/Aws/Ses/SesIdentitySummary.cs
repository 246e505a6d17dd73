namespace EmailAuth.Core.Aws.Ses
{
    /// <summary>One entry of SESv2 ListEmailIdentities.</summary>
    public sealed class SesIdentitySummary
    {
        public string IdentityName { get; set; } = "";
        /// <summary>EMAIL_ADDRESS, DOMAIN or MANAGED_DOMAIN.</summary>
        public string? IdentityType { get; set; }
        public bool SendingEnabled { get; set; }
        /// <summary>PENDING, SUCCESS, FAILED, TEMPORARY_FAILURE or NOT_STARTED.</summary>
        public string? VerificationStatus { get; set; }

        public override string ToString() => $"{IdentityName} ({IdentityType}, {VerificationStatus})";
    }

    /// <summary>One page of ListEmailIdentities and the token of the next, or null at the end.</summary>
    public sealed class SesIdentityPage
    {
        public SesIdentityPage(System.Collections.Generic.IReadOnlyList<SesIdentitySummary> identities, string? nextToken)
        {
            Identities = identities;
            NextToken = nextToken;
        }

        public System.Collections.Generic.IReadOnlyList<SesIdentitySummary> Identities { get; }
        public string? NextToken { get; }
    }
}
