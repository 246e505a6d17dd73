using System.Collections.Generic;
using Amazon.Runtime.Internal;

namespace EmailAuth.Core.Aws.Runtime
{
    internal sealed class AwsServiceMetadata : IServiceMetadata
    {
        public AwsServiceMetadata(string serviceId) => ServiceId = serviceId;

        public string ServiceId { get; }

        public IDictionary<string, string> OperationNameMapping { get; } = new Dictionary<string, string>();
    }
}
