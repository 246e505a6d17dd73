using System;
using System.Globalization;
using System.IO;
using System.Text.Json;
using EmailAuth.Core.Aws.Runtime;

namespace EmailAuth.Core.Aws.Ses
{
    /// <summary>
    /// The SESv2 requests we send, shaped as the service model (sesv2 2019-09-27 service-2.json)
    /// says: a test checks each against botocore's copy of the model.
    /// </summary>
    internal static class SesV2Requests
    {
        private const string Identities = "/v2/email/identities";

        public static RestRequest ListEmailIdentities(string? nextToken, int? pageSize) =>
            new RestRequest("ListEmailIdentities", "GET", Identities)
                .WithQuery("NextToken", nextToken)
                .WithQuery("PageSize", pageSize?.ToString(CultureInfo.InvariantCulture));

        public static RestRequest GetEmailIdentity(string identity) =>
            new RestRequest("GetEmailIdentity", "GET", Identities + "/{EmailIdentity}").WithLabel("EmailIdentity", Required(identity, nameof(identity)));

        public static RestRequest DeleteEmailIdentity(string identity) =>
            new RestRequest("DeleteEmailIdentity", "DELETE", Identities + "/{EmailIdentity}").WithLabel("EmailIdentity", Required(identity, nameof(identity)));

        public static RestRequest CreateEmailIdentity(SesCreateIdentityRequest input)
        {
            Required(input.Identity, "Identity");
            if ((input.DkimSelector == null) != (input.DkimPrivateKey == null))
                throw new ArgumentException("BYODKIM needs both a selector and a private key.", nameof(input));
            return Json(new RestRequest("CreateEmailIdentity", "POST", Identities), w =>
            {
                w.WriteString("EmailIdentity", input.Identity);
                if (input.Tags.Count > 0)
                {
                    w.WriteStartArray("Tags");
                    foreach (var t in input.Tags)
                    {
                        w.WriteStartObject();
                        w.WriteString("Key", t.Key);
                        w.WriteString("Value", t.Value);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                }
                if (input.DkimSelector != null || input.NextSigningKeyLength != null)
                {
                    w.WriteStartObject("DkimSigningAttributes");
                    if (input.DkimSelector != null)
                    {
                        w.WriteString("DomainSigningSelector", input.DkimSelector);
                        w.WriteString("DomainSigningPrivateKey", input.DkimPrivateKey);
                    }
                    else
                    {
                        w.WriteString("NextSigningKeyLength", input.NextSigningKeyLength);
                    }
                    w.WriteEndObject();
                }
                if (input.ConfigurationSetName != null) w.WriteString("ConfigurationSetName", input.ConfigurationSetName);
            });
        }

        public static RestRequest PutEmailIdentityMailFromAttributes(string identity, string? mailFromDomain, string? behaviorOnMxFailure) =>
            Json(new RestRequest("PutEmailIdentityMailFromAttributes", "PUT", Identities + "/{EmailIdentity}/mail-from")
                .WithLabel("EmailIdentity", Required(identity, nameof(identity))), w =>
            {
                // No MailFromDomain: back to the default MAIL FROM (a subdomain of amazonses.com).
                if (mailFromDomain != null) w.WriteString("MailFromDomain", mailFromDomain);
                if (behaviorOnMxFailure != null) w.WriteString("BehaviorOnMxFailure", behaviorOnMxFailure);
            });

        public static RestRequest GetEmailIdentityPolicies(string identity) =>
            new RestRequest("GetEmailIdentityPolicies", "GET", Identities + "/{EmailIdentity}/policies")
                .WithLabel("EmailIdentity", Required(identity, nameof(identity)));

        public static RestRequest CreateEmailIdentityPolicy(string identity, string policyName, string policy) =>
            PolicyRequest("CreateEmailIdentityPolicy", "POST", identity, policyName, policy);

        public static RestRequest UpdateEmailIdentityPolicy(string identity, string policyName, string policy) =>
            PolicyRequest("UpdateEmailIdentityPolicy", "PUT", identity, policyName, policy);

        public static RestRequest DeleteEmailIdentityPolicy(string identity, string policyName) =>
            new RestRequest("DeleteEmailIdentityPolicy", "DELETE", Identities + "/{EmailIdentity}/policies/{PolicyName}")
                .WithLabel("EmailIdentity", Required(identity, nameof(identity)))
                .WithLabel("PolicyName", Required(policyName, nameof(policyName)));

        public static RestRequest GetAccount() => new RestRequest("GetAccount", "GET", "/v2/email/account");

        private static RestRequest PolicyRequest(string operation, string method, string identity, string policyName, string policy) =>
            Json(new RestRequest(operation, method, Identities + "/{EmailIdentity}/policies/{PolicyName}")
                .WithLabel("EmailIdentity", Required(identity, nameof(identity)))
                .WithLabel("PolicyName", Required(policyName, nameof(policyName))),
                w => w.WriteString("Policy", Required(policy, nameof(policy))));

        private static RestRequest Json(RestRequest request, Action<Utf8JsonWriter> members)
        {
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartObject();
                members(w);
                w.WriteEndObject();
            }
            request.Body = buffer.ToArray();
            request.ContentType = "application/json";
            return request;
        }

        private static string Required(string? value, string name) =>
            string.IsNullOrEmpty(value) ? throw new ArgumentException($"{name} must not be empty.", name) : value!;
    }
}
