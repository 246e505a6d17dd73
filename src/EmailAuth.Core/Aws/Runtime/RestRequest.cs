using System.Collections.Generic;
using Amazon.Runtime;

namespace EmailAuth.Core.Aws.Runtime
{
    /// <summary>
    /// One REST call as the service model describes it: method, URI template with {Label} path
    /// members, query string members, header members and an optional body. The typed clients build
    /// these; <see cref="RestRequestMarshaller"/> turns them into the SDK's request.
    /// </summary>
    internal sealed class RestRequest : AmazonWebServiceRequest
    {
        public RestRequest(string operation, string httpMethod, string uriTemplate)
        {
            Operation = operation;
            HttpMethod = httpMethod;
            UriTemplate = uriTemplate;
        }

        /// <summary>The operation name in the service model, e.g. "GetEmailIdentity".</summary>
        public string Operation { get; }
        public string HttpMethod { get; }
        /// <summary>The model's requestUri, e.g. "/v2/email/identities/{EmailIdentity}".</summary>
        public string UriTemplate { get; }
        /// <summary>Values for the {Label}s; raw (the SDK encodes each, so never pre-encode).</summary>
        public IDictionary<string, string> PathLabels { get; } = new Dictionary<string, string>();
        public IDictionary<string, string> Query { get; } = new SortedDictionary<string, string>(System.StringComparer.Ordinal);
        public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>();
        public byte[]? Body { get; set; }
        public string? ContentType { get; set; }

        public RestRequest WithLabel(string label, string value) { PathLabels[label] = value; return this; }

        public RestRequest WithQuery(string name, string? value)
        {
            if (value != null) Query[name] = value;
            return this;
        }

        public override string ToString() => $"{Operation} {HttpMethod} {UriTemplate}";
    }
}
