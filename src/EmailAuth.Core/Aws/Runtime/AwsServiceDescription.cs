using System;

namespace EmailAuth.Core.Aws.Runtime
{
    /// <summary>
    /// What AWSSDK.Core needs to know about a service we call without its generated client:
    /// the ServiceId (which also names the AWS_ENDPOINT_URL_&lt;ID&gt; variable and a profile's
    /// services section), the SigV4 signing name, and where the endpoint is.
    /// </summary>
    internal sealed class AwsServiceDescription
    {
        private AwsServiceDescription(string serviceId, string signingName, string endpointPrefix, string? globalHost, string? globalSigningRegion)
        {
            ServiceId = serviceId;
            SigningName = signingName;
            EndpointPrefix = endpointPrefix;
            GlobalHost = globalHost;
            GlobalSigningRegion = globalSigningRegion;
            Metadata = new AwsServiceMetadata(serviceId);
        }

        public Amazon.Runtime.Internal.IServiceMetadata Metadata { get; }

        /// <summary>SESv2: REST-JSON, signs as "ses", regional host email.&lt;region&gt;.amazonaws.com.</summary>
        public static AwsServiceDescription SesV2 { get; } = new AwsServiceDescription("SESv2", "ses", "email", null, null);

        /// <summary>Route 53: REST-XML, a global service that signs as "route53" in us-east-1.</summary>
        public static AwsServiceDescription Route53 { get; } = new AwsServiceDescription("Route 53", "route53", "route53", "route53.amazonaws.com", "us-east-1");

        public string ServiceId { get; }
        public string SigningName { get; }
        public string EndpointPrefix { get; }
        /// <summary>The one host of a global service, or null for a regional one.</summary>
        public string? GlobalHost { get; }
        /// <summary>The region a global service always signs with, or null.</summary>
        public string? GlobalSigningRegion { get; }

        /// <summary>The default endpoint in a region (aws partition; China and GovCloud use other suffixes).</summary>
        public Uri DefaultEndpoint(string region)
        {
            if (GlobalHost != null) return new Uri("https://" + GlobalHost);
            var suffix = region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
            return new Uri($"https://{EndpointPrefix}.{region}.{suffix}");
        }

        public string SigningRegion(string region) => GlobalSigningRegion ?? region;
    }
}
