using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace EmailAuth.Core.Aws.Ses
{
    /// <summary>
    /// Reads SESv2 answers. Members we do not know are ignored and absent members stay null, so a
    /// newer API version (e.g. SigningHostedZone) or an older one parses alike.
    /// </summary>
    internal static class SesV2Json
    {
        private static readonly JsonDocumentOptions Options = new JsonDocumentOptions { MaxDepth = 32 };

        public static SesIdentityPage IdentityPage(byte[] body)
        {
            using var doc = Parse(body);
            var list = new List<SesIdentitySummary>();
            if (doc.RootElement.TryGetProperty("EmailIdentities", out var items) && items.ValueKind == JsonValueKind.Array)
            {
                foreach (var i in items.EnumerateArray())
                {
                    list.Add(new SesIdentitySummary
                    {
                        IdentityName = Str(i, "IdentityName") ?? "",
                        IdentityType = Str(i, "IdentityType"),
                        SendingEnabled = Bool(i, "SendingEnabled"),
                        VerificationStatus = Str(i, "VerificationStatus"),
                    });
                }
            }
            var next = Str(doc.RootElement, "NextToken");
            return new SesIdentityPage(list, string.IsNullOrEmpty(next) ? null : next);
        }

        public static SesIdentityDetails Identity(string identity, byte[] body)
        {
            using var doc = Parse(body);
            var r = doc.RootElement;
            var details = new SesIdentityDetails
            {
                Identity = identity,
                IdentityType = Str(r, "IdentityType"),
                FeedbackForwardingStatus = Bool(r, "FeedbackForwardingStatus"),
                VerifiedForSendingStatus = Bool(r, "VerifiedForSendingStatus"),
                VerificationStatus = Str(r, "VerificationStatus"),
                ConfigurationSetName = Str(r, "ConfigurationSetName"),
                Dkim = Dkim(r),
                Policies = Policies(r),
            };
            if (r.TryGetProperty("MailFromAttributes", out var m) && m.ValueKind == JsonValueKind.Object)
            {
                details.MailFrom = new SesMailFromAttributes
                {
                    MailFromDomain = Str(m, "MailFromDomain"),
                    MailFromDomainStatus = Str(m, "MailFromDomainStatus"),
                    BehaviorOnMxFailure = Str(m, "BehaviorOnMxFailure"),
                };
            }
            if (r.TryGetProperty("Tags", out var tags) && tags.ValueKind == JsonValueKind.Array)
            {
                var list = new List<SesTag>();
                foreach (var t in tags.EnumerateArray()) list.Add(new SesTag(Str(t, "Key") ?? "", Str(t, "Value") ?? ""));
                details.Tags = list;
            }
            if (r.TryGetProperty("VerificationInfo", out var info) && info.ValueKind == JsonValueKind.Object)
                details.VerificationErrorType = Str(info, "ErrorType");
            return details;
        }

        /// <summary>CreateEmailIdentity answers with IdentityType, VerifiedForSendingStatus and DkimAttributes only.</summary>
        public static SesIdentityDetails CreatedIdentity(string identity, byte[] body) => Identity(identity, body);

        public static IReadOnlyDictionary<string, string> PolicyMap(byte[] body)
        {
            using var doc = Parse(body);
            return Policies(doc.RootElement);
        }

        public static SesAccountDetails Account(byte[] body)
        {
            using var doc = Parse(body);
            var r = doc.RootElement;
            var account = new SesAccountDetails
            {
                SendingEnabled = Bool(r, "SendingEnabled"),
                ProductionAccessEnabled = Bool(r, "ProductionAccessEnabled"),
                EnforcementStatus = Str(r, "EnforcementStatus"),
                DedicatedIpAutoWarmupEnabled = Bool(r, "DedicatedIpAutoWarmupEnabled"),
            };
            if (r.TryGetProperty("SendQuota", out var q) && q.ValueKind == JsonValueKind.Object)
            {
                account.Max24HourSend = Num(q, "Max24HourSend");
                account.MaxSendRate = Num(q, "MaxSendRate");
                account.SentLast24Hours = Num(q, "SentLast24Hours");
            }
            if (r.TryGetProperty("Details", out var d) && d.ValueKind == JsonValueKind.Object)
            {
                account.MailType = Str(d, "MailType");
                account.WebsiteUrl = Str(d, "WebsiteURL");
                if (d.TryGetProperty("ReviewDetails", out var rev) && rev.ValueKind == JsonValueKind.Object)
                    account.ReviewStatus = Str(rev, "Status");
            }
            return account;
        }

        private static SesDkimAttributes? Dkim(JsonElement r)
        {
            if (!r.TryGetProperty("DkimAttributes", out var d) || d.ValueKind != JsonValueKind.Object) return null;
            var tokens = new List<string>();
            if (d.TryGetProperty("Tokens", out var t) && t.ValueKind == JsonValueKind.Array)
                foreach (var token in t.EnumerateArray())
                    if (token.ValueKind == JsonValueKind.String) tokens.Add(token.GetString()!);
            return new SesDkimAttributes
            {
                SigningEnabled = Bool(d, "SigningEnabled"),
                Status = Str(d, "Status"),
                Tokens = tokens,
                SigningAttributesOrigin = Str(d, "SigningAttributesOrigin"),
                NextSigningKeyLength = Str(d, "NextSigningKeyLength"),
                CurrentSigningKeyLength = Str(d, "CurrentSigningKeyLength"),
                LastKeyGenerationTimestamp = Timestamp(d, "LastKeyGenerationTimestamp"),
                SigningHostedZone = Str(d, "SigningHostedZone"),
            };
        }

        private static IReadOnlyDictionary<string, string> Policies(JsonElement r)
        {
            var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
            if (r.TryGetProperty("Policies", out var p) && p.ValueKind == JsonValueKind.Object)
                foreach (var entry in p.EnumerateObject())
                    if (entry.Value.ValueKind == JsonValueKind.String) map[entry.Name] = entry.Value.GetString()!;
            return map;
        }

        private static JsonDocument Parse(byte[] body) =>
            JsonDocument.Parse(body.Length == 0 ? new byte[] { (byte)'{', (byte)'}' } : body, Options);

        private static string? Str(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        private static bool Bool(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

        private static double Num(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : 0;

        /// <summary>REST-JSON timestamps are epoch seconds (with a fraction) unless the model says otherwise.</summary>
        private static DateTimeOffset? Timestamp(JsonElement e, string name)
        {
            if (!e.TryGetProperty(name, out var v)) return null;
            if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var seconds) && seconds >= 0 && seconds < 253402300800)
                return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
            if (v.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(v.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                return parsed;
            return null;
        }
    }
}
