using System;
using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using EmailAuth.Core.Aws.Route53;
using EmailAuth.Core.Aws.Runtime;
using EmailAuth.Core.Aws.Ses;

namespace EmailAuth.Core.Aws
{
    /// <summary>
    /// One AWS identity in one region: resolved credentials (the SDK's default chain, a profile, an
    /// access key pair, or a role assumed from any of them), the region, and the account id from
    /// STS GetCallerIdentity, asked once. Makes the SESv2, Route 53 and STS clients. Secrets stay
    /// inside the SDK's credential objects: nothing here prints them.
    /// </summary>
    public sealed class AwsContext
    {
        private static readonly Regex RegionPattern = new Regex(@"^[a-z]{2}(-[a-z]+)+-\d{1,2}$", RegexOptions.CultureInvariant);
        // Route 53's limit is per account: one pacer per account (and endpoint) in the process.
        private static readonly ConcurrentDictionary<string, RequestPacer> Route53Pacers = new ConcurrentDictionary<string, RequestPacer>(StringComparer.Ordinal);

        private readonly AWSCredentials? _credentials;
        /// <summary>An SSO profile's own credentials (also when a role is assumed with them), for <see cref="CheckSsoTokenAsync"/>.</summary>
        private SSOAWSCredentials? _sso;
        private readonly SemaphoreSlim _identityGate = new SemaphoreSlim(1, 1);
        private AwsCallerIdentity? _identity;

        private AwsContext(AwsContextOptions options, AWSCredentials? credentials, string region, string source)
        {
            Options = options;
            _credentials = credentials;
            Region = region;
            CredentialSource = source;
        }

        public string Region { get; }
        /// <summary>Where the credentials come from, for messages: never a secret.</summary>
        public string CredentialSource { get; }
        public string? RoleArn => Options.RoleArn;
        public string? EndpointUrl => Options.EndpointUrl;
        internal AwsContextOptions Options { get; }

        /// <summary>Resolves credentials and region without calling AWS; throws <see cref="AwsException"/> when they cannot be had.</summary>
        public static AwsContext Create(AwsContextOptions options)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            if ((options.AccessKeyId == null) != (options.SecretAccessKey == null))
                throw Fail("An access key needs both the key id and the secret access key.");
            if (options.AccessKeyId != null && options.ProfileName != null)
                throw Fail("Give either a profile or an access key, not both.");
            if (options.EndpointUrl != null && !(Uri.TryCreate(options.EndpointUrl, UriKind.Absolute, out var endpoint) && (endpoint.Scheme == "https" || endpoint.Scheme == "http")))
                throw Fail($"The endpoint URL '{options.EndpointUrl}' is not an absolute http or https URL.");

            AWSCredentials? credentials = null;
            string source;
            CredentialProfile? profile = null;
            if (options.AccessKeyId != null)
            {
                credentials = string.IsNullOrEmpty(options.SessionToken)
                    ? new BasicAWSCredentials(options.AccessKeyId, options.SecretAccessKey)
                    : (AWSCredentials)new SessionAWSCredentials(options.AccessKeyId, options.SecretAccessKey, options.SessionToken);
                source = "access key " + MaskKeyId(options.AccessKeyId);
            }
            else if (options.ProfileName != null)
            {
                var chain = new CredentialProfileStoreChain();
                if (!chain.TryGetProfile(options.ProfileName, out profile) || !chain.TryGetAWSCredentials(options.ProfileName, out credentials))
                    throw Fail($"The AWS profile '{options.ProfileName}' was not found or has no usable credentials. Check ~/.aws/config and ~/.aws/credentials (or AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE).");
                source = $"profile '{options.ProfileName}'";
            }
            else
            {
                // Null: the SDK resolves its default chain (environment, profiles, SSO, web identity, container, instance) on first use.
                source = "default credential chain";
            }

            var region = options.Region ?? profile?.Region?.SystemName ?? FallbackRegion();
            if (region == null)
                throw Fail("No AWS region: pass -Region, set AWS_REGION, or give the profile a region.");
            if (!RegionPattern.IsMatch(region))
                throw Fail($"'{region}' is not an AWS region name (like us-east-1 or eu-west-2).");

            var sso = credentials as SSOAWSCredentials;
            var context = new AwsContext(options, credentials, region, source) { _sso = sso };
            if (options.RoleArn != null)
            {
                var session = options.RoleSessionName ?? "EmailAuth-" + DateTimeOffset.UtcNow.ToUnixTimeSeconds();
                // AssumeRole is asked with the source context's STS client: its credentials, not the role's.
                var assumed = new AssumedRoleCredentials(context.CreateStsClient, options.RoleArn, options.ExternalId, session, options.RoleDuration);
                return new AwsContext(options, assumed, region, source + " → role " + options.RoleArn) { _sso = sso };
            }
            return context;
        }

        /// <summary>The same identity in another region (the account id cache is shared).</summary>
        public AwsContext ForRegion(string region)
        {
            if (!RegionPattern.IsMatch(region ?? "")) throw Fail($"'{region}' is not an AWS region name (like us-east-1 or eu-west-2).");
            return new AwsContext(Options, _credentials, region!, CredentialSource) { _identity = _identity, _sso = _sso };
        }

        /// <summary>
        /// For an SSO (IAM Identity Center) profile: gets its role credentials now, so that a missing or expired cached
        /// token is one clear error naming `aws sso login` before any work starts, not a failure per region or call.
        /// The SDK does not start a sign-in itself (no verification callback is set). Nothing for other credentials.
        /// </summary>
        public async Task CheckSsoTokenAsync()
        {
            if (_sso == null) return;
            try { await _sso.GetCredentialsAsync().ConfigureAwait(false); }
            catch (Exception e) when (e is AmazonClientException || e is AmazonServiceException)
            {
                var profile = Options.ProfileName ?? "default";
                throw new AwsException("SSO", "GetRoleCredentials", null, null, null,
                    $"The AWS profile '{profile}' signs in through IAM Identity Center (SSO) and has no valid cached SSO token. " +
                    $"Run 'aws sso login --profile {profile}', then try again. ({e.Message})");
            }
        }

        public async Task<AwsCallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken = default)
        {
            if (_identity != null) return _identity;
            await _identityGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_identity != null) return _identity;
                using var sts = CreateStsClient();
                try
                {
                    var r = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken).ConfigureAwait(false);
                    _identity = new AwsCallerIdentity(r.Account, r.Arn, r.UserId);
                }
                catch (Exception e) when (e is AmazonServiceException || e is AmazonClientException)
                {
                    throw AwsErrors.From("STS", "GetCallerIdentity", e);
                }
                return _identity;
            }
            finally
            {
                _identityGate.Release();
            }
        }

        public async Task<string> GetAccountIdAsync(CancellationToken cancellationToken = default) =>
            (await GetCallerIdentityAsync(cancellationToken).ConfigureAwait(false)).Account;

        public SesV2Client CreateSesV2Client(string? region = null) =>
            new SesV2Client(_credentials!, region ?? Region, Options.EndpointUrl, Configure);

        /// <summary>A Route 53 client paced with every other client of the same account (asks STS for the account once).</summary>
        public async Task<Route53Client> CreateRoute53ClientAsync(CancellationToken cancellationToken = default)
        {
            var account = await GetAccountIdAsync(cancellationToken).ConfigureAwait(false);
            var pacer = Route53Pacers.GetOrAdd((Options.EndpointUrl ?? "aws") + "|" + account, _ => new RequestPacer(RequestPacer.Route53RequestsPerSecond));
            return CreateRoute53Client(pacer);
        }

        /// <summary>A Route 53 client with the given pacer (null: unpaced, for tests of the pacing itself).</summary>
        internal Route53Client CreateRoute53Client(RequestPacer? pacer) =>
            new Route53Client(_credentials!, Region, Options.EndpointUrl, pacer, Configure);

        internal AmazonSecurityTokenServiceClient CreateStsClient()
        {
            var config = new AmazonSecurityTokenServiceConfig { RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(Region) };
            if (Options.EndpointUrl != null) config.ServiceURL = Options.EndpointUrl;
            config.AuthenticationRegion = Region;
            if (Options.ProfileName != null) config.Profile = new Amazon.Profile(Options.ProfileName);
            if (Options.MaxErrorRetry != null) config.MaxErrorRetry = Options.MaxErrorRetry.Value;
            return _credentials == null ? new AmazonSecurityTokenServiceClient(config) : new AmazonSecurityTokenServiceClient(_credentials, config);
        }

        private void Configure(AwsServiceConfig config)
        {
            if (Options.ProfileName != null) config.Profile = new Amazon.Profile(Options.ProfileName);
            if (Options.MaxErrorRetry != null) config.MaxErrorRetry = Options.MaxErrorRetry.Value;
            if (Options.AdaptiveRetry) config.RetryMode = RequestRetryMode.Adaptive;
        }

        private static string? FallbackRegion()
        {
            try { return FallbackRegionFactory.GetRegionEndpoint(false)?.SystemName; }
            catch (AmazonClientException) { return null; }
        }

        /// <summary>"AKIA…WXYZ": enough to tell keys apart in a message, useless to an attacker.</summary>
        public static string MaskKeyId(string keyId) =>
            keyId.Length <= 8 ? "****" : keyId.Substring(0, 4) + "…" + keyId.Substring(keyId.Length - 4);

        private static AwsException Fail(string message) => new AwsException("EmailAuth", "Configure", null, null, null, message);

        public override string ToString() => $"{CredentialSource}, {Region}" + (_identity != null ? $", account {_identity.Account}" : "");
    }
}
