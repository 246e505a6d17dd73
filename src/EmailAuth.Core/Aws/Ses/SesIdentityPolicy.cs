using System;
using System.Collections.Generic;

namespace EmailAuth.Core.Aws.Ses
{
    /// <summary>A sending authorization policy of an SES identity in one account and region (Get-SesIdentityPolicy).</summary>
    public sealed class SesIdentityPolicy
    {
        public string Identity { get; set; } = "";
        public string PolicyName { get; set; } = "";
        /// <summary>The policy's JSON text as SES stores it.</summary>
        public string Policy { get; set; } = "";
        /// <summary>Its statements summarised: effect, principals, actions, conditions.</summary>
        public IReadOnlyList<SesPolicyStatement> Statements { get; set; } = Array.Empty<SesPolicyStatement>();
        public string Account { get; set; } = "";
        public string Region { get; set; } = "";

        public static SesIdentityPolicy From(string identity, string policyName, string policy, string account, string region) => new SesIdentityPolicy
        {
            Identity = identity,
            PolicyName = policyName,
            Policy = policy,
            Statements = SesPolicyDocument.Statements(policy),
            Account = account,
            Region = region,
        };

        public override string ToString() => $"{PolicyName} on {Identity} ({Account} {Region})";
    }
}
