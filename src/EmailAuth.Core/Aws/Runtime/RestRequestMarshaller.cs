using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace EmailAuth.Core.Aws.Runtime
{
    /// <summary>Builds the SDK request from a <see cref="RestRequest"/>; the SDK then encodes, signs and sends it.</summary>
    internal sealed class RestRequestMarshaller : IMarshaller<IRequest, AmazonWebServiceRequest>
    {
        private readonly string _serviceName;

        public RestRequestMarshaller(string serviceName) => _serviceName = serviceName;

        public IRequest Marshall(AmazonWebServiceRequest input)
        {
            var rest = (RestRequest)input;
            var request = new DefaultRequest(rest, _serviceName)
            {
                HttpMethod = rest.HttpMethod,
                ResourcePath = rest.UriTemplate,
            };
            // Path members go in as resources: the SDK encodes each segment once (pre-encoding
            // user@example.com would put %2540 on the wire; AWS-NOTES.md).
            foreach (var label in rest.PathLabels)
                request.AddPathResource("{" + label.Key + "}", label.Value);
            foreach (var q in rest.Query)
                request.Parameters[q.Key] = q.Value;
            // Without this the SDK would put the parameters in a form body instead of the query string.
            request.UseQueryString = true;
            foreach (var h in rest.Headers)
                request.Headers[h.Key] = h.Value;
            if (rest.Body != null)
            {
                request.Content = rest.Body;
                if (rest.ContentType != null) request.Headers["Content-Type"] = rest.ContentType;
            }
            return request;
        }
    }
}
