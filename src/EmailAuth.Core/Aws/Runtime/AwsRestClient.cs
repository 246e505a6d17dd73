using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace EmailAuth.Core.Aws.Runtime
{
    /// <summary>
    /// An AmazonServiceClient without generated code: our marshaller and unmarshaller, the SDK's
    /// credentials, SigV4, retries (standard/adaptive), endpoint overrides and error mapping.
    /// </summary>
    internal sealed class AwsRestClient : AmazonServiceClient
    {
        private readonly ResponseUnmarshaller _unmarshaller;
        private readonly RestRequestMarshaller _marshaller;
        private readonly string _serviceId;

        public AwsRestClient(AWSCredentials credentials, AwsServiceConfig config, ResponseUnmarshaller unmarshaller)
            : base(credentials, config)
        {
            _unmarshaller = unmarshaller;
            _serviceId = config.Service.ServiceId;
            _marshaller = new RestRequestMarshaller(config.Service.ServiceId);
        }

        // Both run inside the base constructor, before this class's fields are set: read the config.
        protected override IServiceMetadata ServiceMetadata => ((AwsServiceConfig)Config).Service.Metadata;

        protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
        {
            pipeline.RemoveHandler<EndpointResolver>();
            pipeline.AddHandlerAfter<Marshaller>(new AwsEndpointResolver());
            pipeline.AddHandlerAfter<Marshaller>(new SigV4AuthResolver());
            // Inside the retry handler, so that every attempt waits for its slot.
            if (((AwsServiceConfig)Config).Pacer is RequestPacer pacer) pipeline.AddHandlerAfter<RetryHandler>(new PacingHandler(pacer));
        }

        public async Task<RestResponse> SendAsync(RestRequest request, CancellationToken cancellationToken)
        {
            var options = new InvokeOptions { RequestMarshaller = _marshaller, ResponseUnmarshaller = _unmarshaller };
            try
            {
                return await InvokeAsync<RestResponse>(request, options, cancellationToken).ConfigureAwait(false);
            }
            catch (AmazonServiceException e) when (!(e.InnerException is OperationCanceledException) || !cancellationToken.IsCancellationRequested)
            {
                throw AwsErrors.From(_serviceId, request.Operation, e);
            }
            catch (AmazonClientException e)
            {
                throw AwsErrors.From(_serviceId, request.Operation, e);
            }
        }

        internal string? ServiceUrl => Config.ServiceURL;

        /// <summary>The request the SDK would build (for the model conformance test).</summary>
        public IRequest Marshall(RestRequest request) => _marshaller.Marshall(request);
    }
}
