using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;

namespace EmailAuth.Core.Aws.Runtime
{
    /// <summary>
    /// The endpoint: the configured override (ServiceURL, which the SDK also fills from
    /// AWS_ENDPOINT_URL_&lt;ServiceId&gt;, AWS_ENDPOINT_URL or a profile's endpoint_url) or the
    /// service's default host for the region. Signing stays with AuthenticationRegion/Name.
    /// </summary>
    internal sealed class AwsEndpointProvider : IEndpointProvider
    {
        private readonly AwsServiceConfig _config;

        public AwsEndpointProvider(AwsServiceConfig config) => _config = config;

        public Endpoint ResolveEndpoint(EndpointParameters parameters) => Resolve();

        public Endpoint Resolve()
        {
            var url = _config.ServiceURL;
            return new Endpoint(string.IsNullOrEmpty(url) ? _config.Service.DefaultEndpoint(_config.Region).ToString() : url);
        }
    }

    /// <summary>Replaces the SDK's default endpoint handler, which needs generated endpoint parameters.</summary>
    internal sealed class AwsEndpointResolver : BaseEndpointResolver
    {
        protected override EndpointParameters MapEndpointsParameters(IRequestContext requestContext) => new EndpointParameters();
    }
}
