using System;

namespace EmailAuth.Core.Aws
{
    /// <summary>
    /// How to reach AWS: credentials (default chain, a profile, an access key pair, optionally
    /// assuming a role), a region and an optional endpoint override. The secret key and session
    /// token never appear in <see cref="ToString"/>.
    /// </summary>
    public sealed class AwsContextOptions
    {
        /// <summary>A profile of the shared config/credentials files (SSO, assume-role and process profiles included).</summary>
        public string? ProfileName { get; set; }
        public string? AccessKeyId { get; set; }
        public string? SecretAccessKey { get; set; }
        public string? SessionToken { get; set; }

        /// <summary>Assume this role (STS AssumeRole) with the credentials above as the source.</summary>
        public string? RoleArn { get; set; }
        public string? ExternalId { get; set; }
        /// <summary>Default: "EmailAuth-&lt;unix time&gt;".</summary>
        public string? RoleSessionName { get; set; }
        public TimeSpan? RoleDuration { get; set; }

        /// <summary>Default: the environment (AWS_REGION, AWS_DEFAULT_REGION) or the profile's region.</summary>
        public string? Region { get; set; }

        /// <summary>One endpoint for SESv2, Route 53 and STS (a local emulator). Per-service overrides
        /// (AWS_ENDPOINT_URL_SESV2, AWS_ENDPOINT_URL_ROUTE_53, a profile's endpoint_url) work without it.</summary>
        public string? EndpointUrl { get; set; }

        /// <summary>Retries after the first attempt (the SDK's default when null).</summary>
        public int? MaxErrorRetry { get; set; }

        /// <summary>Use the SDK's adaptive retry mode (client-side rate limiting) instead of standard.</summary>
        public bool AdaptiveRetry { get; set; }

        public override string ToString()
        {
            var source = AccessKeyId != null ? "access key " + AwsContext.MaskKeyId(AccessKeyId)
                : ProfileName != null ? $"profile '{ProfileName}'" : "default credential chain";
            return source + (RoleArn != null ? $" → role {RoleArn}" : "") + (Region != null ? $", {Region}" : "")
                + (EndpointUrl != null ? $", endpoint {EndpointUrl}" : "");
        }
    }
}
