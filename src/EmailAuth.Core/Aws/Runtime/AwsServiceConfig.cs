using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;

namespace EmailAuth.Core.Aws.Runtime
{
    /// <summary>
    /// ClientConfig for a service without a generated SDK package. Pitfalls it avoids (AWS-NOTES.md):
    /// setting ServiceURL clears RegionEndpoint and the signing region would silently fall back to
    /// us-east-1, so AuthenticationRegion is always set; AuthenticationServiceName carries the
    /// signing name; ServiceId makes AWS_ENDPOINT_URL_&lt;ID&gt; and a profile's endpoint_url work.
    /// </summary>
    internal sealed class AwsServiceConfig : ClientConfig
    {
        private static readonly ReadOnlyCollection<IDefaultConfiguration> Defaults =
            new ReadOnlyCollection<IDefaultConfiguration>(new List<IDefaultConfiguration>
            {
                Mode(DefaultConfigurationMode.Standard, 3100),
                Mode(DefaultConfigurationMode.InRegion, 1100),
                Mode(DefaultConfigurationMode.CrossRegion, 3100),
                Mode(DefaultConfigurationMode.Mobile, 30000),
                Mode(DefaultConfigurationMode.Auto, 1100),
            });

        private static IDefaultConfiguration Mode(DefaultConfigurationMode name, int connectMs) => new DefaultConfiguration
        {
            Name = name,
            RetryMode = RequestRetryMode.Standard,
            S3UsEast1RegionalEndpoint = S3UsEast1RegionalEndpointValue.Regional,
            ConnectTimeout = TimeSpan.FromMilliseconds(connectMs),
            TlsNegotiationTimeout = TimeSpan.FromMilliseconds(connectMs),
        };

        public AwsServiceConfig(AwsServiceDescription service, string region, string? endpointUrl)
            : base(new Amazon.Runtime.Internal.DefaultConfigurationProvider(Defaults))
        {
            Service = service;
            Region = region;
            ServiceId = service.ServiceId;
            AuthenticationServiceName = service.SigningName;
            RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(region);
            if (!string.IsNullOrEmpty(endpointUrl)) ServiceURL = endpointUrl;
            // After ServiceURL: setting it resets the region, and with it the signing region.
            AuthenticationRegion = service.SigningRegion(region);
            EndpointProvider = new AwsEndpointProvider(this);
        }

        public AwsServiceDescription Service { get; }

        /// <summary>Paces every attempt (Route 53's per-account limit), or null.</summary>
        public RequestPacer? Pacer { get; set; }

        /// <summary>The region this client works in (kept here because ServiceURL clears RegionEndpoint).</summary>
        public string Region { get; }

        public override string RegionEndpointServiceName => Service.EndpointPrefix;

        public override string ServiceVersion => Service == AwsServiceDescription.Route53 ? "2013-04-01" : "2019-09-27";

        public override string UserAgent => "EmailAuth";

        public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters) =>
            ((AwsEndpointProvider)EndpointProvider).Resolve();
    }
}
