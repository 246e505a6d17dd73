using System;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace EmailAuth.Core.Aws.Runtime
{
    /// <summary>
    /// Credentials of an assumed role, renewed by the SDK's refresh logic before they expire.
    /// The STS client comes from the context, so the same endpoint override and region apply.
    /// </summary>
    internal sealed class AssumedRoleCredentials : RefreshingAWSCredentials
    {
        private readonly Func<AmazonSecurityTokenServiceClient> _sts;
        private readonly string _roleArn;
        private readonly string? _externalId;
        private readonly string _sessionName;
        private readonly TimeSpan? _duration;

        public AssumedRoleCredentials(Func<AmazonSecurityTokenServiceClient> sts, string roleArn, string? externalId, string sessionName, TimeSpan? duration)
        {
            _sts = sts;
            _roleArn = roleArn;
            _externalId = externalId;
            _sessionName = sessionName;
            _duration = duration;
            PreemptExpiryTime = TimeSpan.FromMinutes(5);
        }

        protected override CredentialsRefreshState GenerateNewCredentials() =>
            GenerateNewCredentialsAsync().GetAwaiter().GetResult();

        protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
        {
            using var sts = _sts();
            var request = new AssumeRoleRequest { RoleArn = _roleArn, RoleSessionName = _sessionName };
            if (!string.IsNullOrEmpty(_externalId)) request.ExternalId = _externalId;
            if (_duration != null) request.DurationSeconds = (int)_duration.Value.TotalSeconds;
            AssumeRoleResponse response;
            try
            {
                response = await sts.AssumeRoleAsync(request).ConfigureAwait(false);
            }
            catch (Exception e) when (e is AmazonServiceException || e is AmazonClientException)
            {
                throw AwsErrors.From("STS", "AssumeRole", e);
            }
            var c = response.Credentials ?? throw new AwsException("STS", "AssumeRole", null, null, null, "STS AssumeRole returned no credentials.");
            var expiration = c.Expiration ?? DateTime.UtcNow.AddMinutes(15);
            return new CredentialsRefreshState(new ImmutableCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken), expiration.ToUniversalTime());
        }

        public override string ToString() => $"assumed role {_roleArn}";
    }
}
