using System;
using System.Collections.Generic;

namespace EmailAuth.Emulator
{
    /// <summary>An emulated AWS account: its long-term key pair, its SES state per region, its Route 53 zones, its roles.</summary>
    public sealed class EmulatorAccount
    {
        internal EmulatorAccount(string id, string accessKeyId, string secretAccessKey, bool production)
        {
            Id = id;
            AccessKeyId = accessKeyId;
            SecretAccessKey = secretAccessKey;
            ProductionAccess = production;
        }

        public string Id { get; }
        public string AccessKeyId { get; }
        public string SecretAccessKey { get; }
        public string UserArn => $"arn:aws:iam::{Id}:user/emailauth-test";
        /// <summary>False: the SES sandbox.</summary>
        public bool ProductionAccess { get; set; }

        internal Dictionary<string, SesRegionState> Ses { get; } = new Dictionary<string, SesRegionState>(StringComparer.Ordinal);
        internal Route53State Route53 { get; } = new Route53State();
        /// <summary>Roles others may assume: role ARN → (trusted account id, required external id or null).</summary>
        internal Dictionary<string, (string TrustedAccount, string? ExternalId)> Roles { get; } = new Dictionary<string, (string, string?)>(StringComparer.Ordinal);

        internal SesRegionState SesIn(string region)
        {
            if (!Ses.TryGetValue(region, out var state)) Ses[region] = state = new SesRegionState();
            return state;
        }
    }

    /// <summary>Who signed a request: the account, and the ARN STS GetCallerIdentity reports.</summary>
    internal sealed class EmulatorPrincipal
    {
        public EmulatorPrincipal(EmulatorAccount account, string arn, string userId, string secret, string? sessionToken, DateTimeOffset? expires)
        {
            Account = account;
            Arn = arn;
            UserId = userId;
            Secret = secret;
            SessionToken = sessionToken;
            Expires = expires;
        }

        public EmulatorAccount Account { get; }
        public string Arn { get; }
        public string UserId { get; }
        public string Secret { get; }
        public string? SessionToken { get; }
        public DateTimeOffset? Expires { get; }
    }
}
