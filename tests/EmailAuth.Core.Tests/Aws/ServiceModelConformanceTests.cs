using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using Amazon.Runtime;
using EmailAuth.Core.Aws.Route53;
using EmailAuth.Core.Aws.Runtime;
using EmailAuth.Core.Aws.Ses;
using EmailAuth.Core.Tests.Infrastructure;
using Xunit;

namespace EmailAuth.Core.Tests.Aws
{
    /// <summary>Every request the clients send, marshalled by the SDK pipeline's first step, checked against botocore's service models.</summary>
    public sealed class ServiceModelConformanceTests
    {
        // Debian's python3-botocore; the API versions are the services' only ones.
        private const string SesV2ModelFile = ServiceModel.BotocoreData + "/sesv2/2019-09-27/service-2.json";
        private const string Route53ModelFile = ServiceModel.BotocoreData + "/route53/2013-04-01/service-2.json";

        public static IEnumerable<object[]> SesRequests()
        {
            var easy = new SesCreateIdentityRequest("example.com") { NextSigningKeyLength = "RSA_2048_BIT", ConfigurationSetName = "cs" };
            easy.Tags.Add(new SesTag("team", "mail"));
            var byo = new SesCreateIdentityRequest("byo.example.com") { DkimSelector = "s1", DkimPrivateKey = "MIIBOgIBAAJBAK" };
            yield return Row(SesV2Requests.ListEmailIdentities(null, null));
            yield return Row(SesV2Requests.ListEmailIdentities("token", 50));
            yield return Row(SesV2Requests.GetEmailIdentity("user@example.com"));
            yield return Row(SesV2Requests.CreateEmailIdentity(easy));
            yield return Row(SesV2Requests.CreateEmailIdentity(byo));
            yield return Row(SesV2Requests.CreateEmailIdentity(new SesCreateIdentityRequest("user@example.com")));
            yield return Row(SesV2Requests.DeleteEmailIdentity("example.com"));
            yield return Row(SesV2Requests.PutEmailIdentityMailFromAttributes("example.com", "bounce.example.com", "REJECT_MESSAGE"));
            yield return Row(SesV2Requests.PutEmailIdentityMailFromAttributes("example.com", null, null));
            yield return Row(SesV2Requests.GetEmailIdentityPolicies("example.com"));
            yield return Row(SesV2Requests.CreateEmailIdentityPolicy("example.com", "p", "{}"));
            yield return Row(SesV2Requests.UpdateEmailIdentityPolicy("example.com", "p", "{}"));
            yield return Row(SesV2Requests.DeleteEmailIdentityPolicy("example.com", "p"));
            yield return Row(SesV2Requests.GetAccount());
        }

        public static IEnumerable<object[]> Route53RequestRows()
        {
            var set = new Route53RecordSet { Name = "a.example.com.", Type = "TXT", Ttl = 300, Values = new[] { "\"v=spf1 -all\"" } };
            var weighted = new Route53RecordSet { Name = "w.example.com.", Type = "CNAME", Ttl = 60, Values = new[] { "x.example.net" }, SetIdentifier = "one", Weight = 10, HealthCheckId = "hc" };
            var alias = new Route53RecordSet { Name = "example.com.", Type = "A", AliasTarget = new Route53AliasTarget { HostedZoneId = "Z2", DnsName = "lb.example.net.", EvaluateTargetHealth = true } };
            yield return Row(Route53Requests.ListHostedZones(null, null));
            yield return Row(Route53Requests.ListHostedZones("Z1", 10));
            yield return Row(Route53Requests.ListHostedZonesByName("example.com", "Z1", 10));
            yield return Row(Route53Requests.ListResourceRecordSets("/hostedzone/Z1", "a.example.com.", "TXT", "one", 100));
            yield return Row(Route53Requests.ChangeResourceRecordSets("Z1", "comment", new[]
            {
                new Route53Change(Route53ChangeAction.Upsert, set),
                new Route53Change(Route53ChangeAction.Create, weighted),
                new Route53Change(Route53ChangeAction.Delete, alias),
            }));
            yield return Row(Route53Requests.GetChange("/change/C1"));
        }

        private static object[] Row(RestRequest request) => new object[] { request };

        [PeerTheory(SesV2ModelFile)]
        [MemberData(nameof(SesRequests))]
        public void SESv2_requests_match_the_model(object row)
        {
            var request = (RestRequest)row;
            var model = ServiceModel.Load("sesv2");
            Assert.Equal("SESv2", model.Metadata("serviceId"));
            Assert.Equal("ses", model.Metadata("signingName"));
            Assert.Equal("rest-json", model.Metadata("protocol"));
            using var client = new AwsRestClient(new BasicAWSCredentials("AKIDEXAMPLE", "secret"), new AwsServiceConfig(AwsServiceDescription.SesV2, "eu-west-1", null), RestJsonUnmarshaller.Instance);
            Assert.Empty(model.Check(request.Operation, client.Marshall(request)));
        }

        [PeerTheory(Route53ModelFile)]
        [MemberData(nameof(Route53RequestRows))]
        public void Route53_requests_match_the_model(object row)
        {
            var request = (RestRequest)row;
            var model = ServiceModel.Load("route53");
            Assert.Equal("Route 53", model.Metadata("serviceId"));
            Assert.Equal("rest-xml", model.Metadata("protocol"));
            Assert.Equal("route53.amazonaws.com", model.Metadata("globalEndpoint"));
            using var client = new AwsRestClient(new BasicAWSCredentials("AKIDEXAMPLE", "secret"), new AwsServiceConfig(AwsServiceDescription.Route53, "eu-west-1", null), RestXmlUnmarshaller.Instance);
            Assert.Empty(model.Check(request.Operation, client.Marshall(request)));
        }

        [PeerFact(SesV2ModelFile)]
        public void The_check_finds_a_misnamed_member()
        {
            // The test must be able to fail: a request with a wrong member name and location is caught.
            var model = ServiceModel.Load("sesv2");
            var wrong = SesV2Requests.ListEmailIdentities("t", 5);
            wrong.Query["pageSize"] = "5";
            using var client = new AwsRestClient(new BasicAWSCredentials("AKIDEXAMPLE", "secret"), new AwsServiceConfig(AwsServiceDescription.SesV2, "eu-west-1", null), RestJsonUnmarshaller.Instance);
            Assert.Contains(model.Check("ListEmailIdentities", client.Marshall(wrong)), p => p.Contains("pageSize"));
            var badBody = SesV2Requests.CreateEmailIdentityPolicy("example.com", "p", "{}");
            badBody.Body = System.Text.Encoding.UTF8.GetBytes("{\"Policy\":\"{}\",\"PolicyDocument\":\"{}\"}");
            Assert.Contains(model.Check("CreateEmailIdentityPolicy", client.Marshall(badBody)), p => p.Contains("PolicyDocument"));
        }
    }
}
