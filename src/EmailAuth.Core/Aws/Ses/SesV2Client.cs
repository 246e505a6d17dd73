using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using EmailAuth.Core.Aws.Runtime;

namespace EmailAuth.Core.Aws.Ses
{
    /// <summary>
    /// Amazon SES API v2 in one region: the identity, policy and account operations EmailAuth uses.
    /// Get one from <see cref="AwsContext.CreateSesV2Client"/>. Failures are <see cref="AwsException"/>.
    /// </summary>
    public sealed class SesV2Client : IDisposable
    {
        /// <summary>Bound on pages read by <see cref="ListEmailIdentitiesAsync"/> (1000 identities a page at most).</summary>
        public const int MaxPages = 10_000;

        private readonly AwsRestClient _client;

        internal SesV2Client(AWSCredentials credentials, string region, string? endpointUrl, Action<AwsServiceConfig>? configure = null)
        {
            Region = region;
            var config = new AwsServiceConfig(AwsServiceDescription.SesV2, region, endpointUrl);
            configure?.Invoke(config);
            _client = new AwsRestClient(credentials, config, RestJsonUnmarshaller.Instance);
        }

        public string Region { get; }

        public async Task<SesIdentityPage> ListEmailIdentitiesPageAsync(string? nextToken, int? pageSize, CancellationToken cancellationToken = default) =>
            Read("ListEmailIdentities", SesV2Json.IdentityPage, await Send(SesV2Requests.ListEmailIdentities(nextToken, pageSize), cancellationToken).ConfigureAwait(false));

        /// <summary>Every identity in the region, page by page; stops on a repeated token (a broken service must not loop us).</summary>
        public async Task<IReadOnlyList<SesIdentitySummary>> ListEmailIdentitiesAsync(CancellationToken cancellationToken = default)
        {
            var all = new List<SesIdentitySummary>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            string? token = null;
            for (var page = 0; page < MaxPages; page++)
            {
                var result = await ListEmailIdentitiesPageAsync(token, null, cancellationToken).ConfigureAwait(false);
                all.AddRange(result.Identities);
                token = result.NextToken;
                if (token == null) return all;
                if (!seen.Add(token))
                    throw new AwsException("SESv2", "ListEmailIdentities", null, null, null, "SESv2 ListEmailIdentities returned the same NextToken twice; stopped paging.");
            }
            throw new AwsException("SESv2", "ListEmailIdentities", null, null, null, $"SESv2 ListEmailIdentities did not end within {MaxPages} pages; stopped paging.");
        }

        public async Task<SesIdentityDetails> GetEmailIdentityAsync(string identity, CancellationToken cancellationToken = default) =>
            Read("GetEmailIdentity", b => SesV2Json.Identity(identity, b), await Send(SesV2Requests.GetEmailIdentity(identity), cancellationToken).ConfigureAwait(false));

        public async Task<SesIdentityDetails> CreateEmailIdentityAsync(SesCreateIdentityRequest request, CancellationToken cancellationToken = default) =>
            Read("CreateEmailIdentity", b => SesV2Json.CreatedIdentity(request.Identity, b), await Send(SesV2Requests.CreateEmailIdentity(request), cancellationToken).ConfigureAwait(false));

        public Task DeleteEmailIdentityAsync(string identity, CancellationToken cancellationToken = default) =>
            Send(SesV2Requests.DeleteEmailIdentity(identity), cancellationToken);

        /// <summary>Sets (or with a null domain, removes) the custom MAIL FROM domain; behaviour USE_DEFAULT_VALUE or REJECT_MESSAGE.</summary>
        public Task PutEmailIdentityMailFromAttributesAsync(string identity, string? mailFromDomain, string? behaviorOnMxFailure, CancellationToken cancellationToken = default) =>
            Send(SesV2Requests.PutEmailIdentityMailFromAttributes(identity, mailFromDomain, behaviorOnMxFailure), cancellationToken);

        public async Task<IReadOnlyDictionary<string, string>> GetEmailIdentityPoliciesAsync(string identity, CancellationToken cancellationToken = default) =>
            Read("GetEmailIdentityPolicies", SesV2Json.PolicyMap, await Send(SesV2Requests.GetEmailIdentityPolicies(identity), cancellationToken).ConfigureAwait(false));

        public Task CreateEmailIdentityPolicyAsync(string identity, string policyName, string policy, CancellationToken cancellationToken = default) =>
            Send(SesV2Requests.CreateEmailIdentityPolicy(identity, policyName, policy), cancellationToken);

        public Task UpdateEmailIdentityPolicyAsync(string identity, string policyName, string policy, CancellationToken cancellationToken = default) =>
            Send(SesV2Requests.UpdateEmailIdentityPolicy(identity, policyName, policy), cancellationToken);

        public Task DeleteEmailIdentityPolicyAsync(string identity, string policyName, CancellationToken cancellationToken = default) =>
            Send(SesV2Requests.DeleteEmailIdentityPolicy(identity, policyName), cancellationToken);

        public async Task<SesAccountDetails> GetAccountAsync(CancellationToken cancellationToken = default) =>
            Read("GetAccount", SesV2Json.Account, await Send(SesV2Requests.GetAccount(), cancellationToken).ConfigureAwait(false));

        internal Amazon.Runtime.Internal.IRequest Marshall(RestRequest request) => _client.Marshall(request);

        /// <summary>The endpoint override in force (explicit, AWS_ENDPOINT_URL_*, or a profile's endpoint_url), or null.</summary>
        internal string? ServiceUrl => _client.ServiceUrl;

        private Task<RestResponse> Send(RestRequest request, CancellationToken cancellationToken) => _client.SendAsync(request, cancellationToken);

        private static T Read<T>(string operation, Func<byte[], T> parse, RestResponse response) =>
            AnswerReader.Read("SESv2", operation, () => parse(response.Body));

        public void Dispose() => _client.Dispose();

        public override string ToString() => $"SESv2 ({Region})";
    }
}
