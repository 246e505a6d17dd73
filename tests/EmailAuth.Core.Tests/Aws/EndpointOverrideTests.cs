using System;
using System.Linq;
using System.Threading.Tasks;
using EmailAuth.Core.Aws;
using Xunit;

namespace EmailAuth.Core.Tests.Aws
{
    /// <summary>
    /// The config's ServiceId makes the SDK's per-service endpoint variables work without our help
    /// (AWS-NOTES.md). Each test asserts the override took effect before any call, so a failure
    /// can never send a request to the real service.
    /// </summary>
    public sealed class EndpointOverrideTests : EmulatorTestBase
    {
        [Theory]
        [InlineData("AWS_ENDPOINT_URL_SESV2", "ses")]
        [InlineData("AWS_ENDPOINT_URL_ROUTE_53", "route53")]
        public async Task The_services_endpoint_variable_points_the_client_at_the_emulator(string variable, string service)
        {
            var saved = Environment.GetEnvironmentVariable(variable);
            try
            {
                Environment.SetEnvironmentVariable(variable, Emulator.Endpoint.ToString());
                var options = Options(Emulator.AccountA);
                options.EndpointUrl = null;
                var context = AwsContext.Create(options);
                if (service == "ses")
                {
                    using var ses = context.CreateSesV2Client();
                    Assert.Equal(Emulator.Endpoint.ToString(), ses.ServiceUrl);
                    await ses.GetAccountAsync();
                }
                else
                {
                    using var r53 = context.CreateRoute53Client(null);
                    Assert.Equal(Emulator.Endpoint.ToString(), r53.ServiceUrl);
                    await r53.ListHostedZonesAsync();
                }
                var request = Assert.Single(Emulator.Requests);
                Assert.Equal(service, request.Service);
                // The override keeps the signing region: the region for SESv2, us-east-1 for Route 53.
                Assert.Equal(service == "ses" ? "eu-west-1" : "us-east-1", request.SigningRegion);
            }
            finally
            {
                Environment.SetEnvironmentVariable(variable, saved);
            }
        }
    }
}
