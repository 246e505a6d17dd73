using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace EmailAuth.Emulator
{
    /// <summary>An SES identity as the emulator keeps it.</summary>
    internal sealed class SesIdentityState
    {
        public string Name { get; init; } = "";
        public string Type { get; init; } = "DOMAIN";
        public string VerificationStatus { get; set; } = "PENDING";
        public List<string> Tokens { get; init; } = new();
        public string Origin { get; init; } = "AWS_SES";
        public string? KeyLength { get; init; }
        public string? MailFromDomain { get; set; }
        /// <summary>Set by tests; null: PENDING when a MAIL FROM domain is set.</summary>
        public string? MailFromStatus { get; set; }
        /// <summary>Set by tests; null: SUCCESS once verified, else PENDING.</summary>
        public string? DkimStatus { get; set; }
        public string BehaviorOnMxFailure { get; set; } = "USE_DEFAULT_VALUE";
        public SortedDictionary<string, string> Policies { get; } = new(StringComparer.Ordinal);
        public List<KeyValuePair<string, string>> Tags { get; init; } = new();
        public string? ConfigurationSetName { get; init; }
        public double CreatedAt { get; init; }
    }

    internal sealed class SesRegionState
    {
        /// <summary>By name; domains are case-insensitive, so is the key.</summary>
        public SortedDictionary<string, SesIdentityState> Identities { get; } = new(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>SESv2 REST-JSON: identities, MAIL FROM, identity policies, account. Errors: status, x-amzn-ErrorType, {"message"}.</summary>
    internal sealed class SesV2Service
    {
        private readonly AwsEmulator _emulator;

        public SesV2Service(AwsEmulator emulator) => _emulator = emulator;

        public EmulatorResponse Handle(EmulatorRequest request, string requestId)
        {
            var s = request.Segments;
            var state = request.Principal.Account.SesIn(request.Region);
            if (s.Length < 3 || s[0] != "v2" || s[1] != "email") return Error(404, "NotFoundException", "Unknown operation.");
            try
            {
                return (request.Method, s.Length, s.Length > 2 ? s[2] : "") switch
                {
                    ("GET", 3, "account") => Account(request.Principal.Account),
                    ("GET", 3, "identities") => List(request, state),
                    ("POST", 3, "identities") => Create(request, state),
                    ("GET", 4, "identities") => Get(state, s[3]),
                    ("DELETE", 4, "identities") => Delete(state, s[3]),
                    ("PUT", 5, "identities") when s[4] == "mail-from" => MailFrom(request, state, s[3]),
                    ("GET", 5, "identities") when s[4] == "policies" => Json(w => WritePolicies(w, Find(state, s[3]))),
                    ("POST", 6, "identities") when s[4] == "policies" => PutPolicy(request, state, s[3], s[5], create: true),
                    ("PUT", 6, "identities") when s[4] == "policies" => PutPolicy(request, state, s[3], s[5], create: false),
                    ("DELETE", 6, "identities") when s[4] == "policies" => DeletePolicy(state, s[3], s[5]),
                    _ => Error(404, "NotFoundException", $"No SESv2 operation at {request.Method} {request.RawPath}."),
                };
            }
            catch (SesError e)
            {
                return Error(e.Status, e.Code, e.Message);
            }
        }

        public void SetVerification(EmulatorAccount account, string region, string identity, string status)
        {
            lock (account) account.SesIn(region).Identities[identity].VerificationStatus = status;
        }

        /// <summary>Creates the identity as CreateEmailIdentity would (when missing), then applies the given states.</summary>
        internal SesIdentityState Seed(EmulatorAccount account, string region, string name, string? verificationStatus,
            string? dkimStatus, string? mailFromDomain, string? mailFromStatus)
        {
            var state = account.SesIn(region);
            if (!state.Identities.ContainsKey(name))
            {
                var body = JsonSerializer.SerializeToUtf8Bytes(new { EmailIdentity = name });
                try { Create(new EmulatorRequest { Method = "POST", Body = body }, state); }
                catch (SesError e) { throw new InvalidOperationException($"Cannot create identity {name}: {e.Message}"); }
            }
            var i = state.Identities[name];
            if (verificationStatus != null) i.VerificationStatus = verificationStatus;
            if (dkimStatus != null) i.DkimStatus = dkimStatus;
            if (mailFromDomain != null) i.MailFromDomain = mailFromDomain;
            if (mailFromStatus != null) i.MailFromStatus = mailFromStatus;
            return i;
        }

        private EmulatorResponse Account(EmulatorAccount account) => Json(w =>
        {
            w.WriteBoolean("DedicatedIpAutoWarmupEnabled", false);
            w.WriteString("EnforcementStatus", "HEALTHY");
            w.WriteBoolean("ProductionAccessEnabled", account.ProductionAccess);
            w.WriteStartObject("SendQuota");
            w.WriteNumber("Max24HourSend", account.ProductionAccess ? 50000 : 200);
            w.WriteNumber("MaxSendRate", account.ProductionAccess ? 14 : 1);
            w.WriteNumber("SentLast24Hours", 0);
            w.WriteEndObject();
            w.WriteBoolean("SendingEnabled", true);
            w.WriteStartObject("Details");
            w.WriteString("MailType", "TRANSACTIONAL");
            w.WriteString("WebsiteURL", "https://example.com");
            w.WriteStartObject("ReviewDetails");
            w.WriteString("Status", account.ProductionAccess ? "GRANTED" : "PENDING");
            w.WriteString("CaseId", "emulated-case");
            w.WriteEndObject();
            w.WriteEndObject();
        });

        private EmulatorResponse List(EmulatorRequest request, SesRegionState state)
        {
            var size = _emulator.Options.SesPageSize;
            if (request.QueryValue("PageSize") is string p)
            {
                if (!int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size < 1 || size > 1000)
                    throw new SesError(400, "BadRequestException", "PageSize must be between 1 and 1000.");
            }
            var all = state.Identities.Values.ToList();
            var start = 0;
            if (request.QueryValue("NextToken") is string token)
            {
                if (!TryDecodeToken(token, out start) || start > all.Count) throw new SesError(400, "BadRequestException", "Invalid NextToken.");
            }
            var page = all.Skip(start).Take(size).ToList();
            var next = start + page.Count < all.Count ? EncodeToken(start + page.Count) : null;
            return Json(w =>
            {
                w.WriteStartArray("EmailIdentities");
                foreach (var i in page)
                {
                    w.WriteStartObject();
                    w.WriteString("IdentityType", i.Type);
                    w.WriteString("IdentityName", i.Name);
                    w.WriteBoolean("SendingEnabled", i.VerificationStatus == "SUCCESS");
                    w.WriteString("VerificationStatus", i.VerificationStatus);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                if (next != null) w.WriteString("NextToken", next);
            });
        }

        private EmulatorResponse Create(EmulatorRequest request, SesRegionState state)
        {
            using var doc = ParseBody(request);
            var root = doc.RootElement;
            var name = Str(root, "EmailIdentity") ?? throw new SesError(400, "BadRequestException", "EmailIdentity is required.");
            if (state.Identities.ContainsKey(name)) throw new SesError(400, "AlreadyExistsException", $"Email identity {name} already exist.");
            var isEmail = name.Contains('@');
            if (!isEmail && !IsDomainName(name)) throw new SesError(400, "BadRequestException", $"Invalid domain name {name}.");
            var tokens = new List<string>();
            string origin = "AWS_SES", keyLength = "RSA_2048_BIT";
            if (root.TryGetProperty("DkimSigningAttributes", out var dkim))
            {
                if (isEmail) throw new SesError(400, "BadRequestException", "DKIM signing attributes apply to domain identities only.");
                var selector = Str(dkim, "DomainSigningSelector");
                var key = Str(dkim, "DomainSigningPrivateKey");
                if (selector != null || key != null)
                {
                    if (selector == null || key == null) throw new SesError(400, "BadRequestException", "BYODKIM needs DomainSigningSelector and DomainSigningPrivateKey.");
                    if (!IsPrivateKey(key)) throw new SesError(400, "BadRequestException", "DomainSigningPrivateKey is not a base64-encoded RSA private key.");
                    origin = "EXTERNAL";
                    tokens.Add(selector);
                }
                else if (Str(dkim, "NextSigningKeyLength") is string length)
                {
                    if (length != "RSA_1024_BIT" && length != "RSA_2048_BIT") throw new SesError(400, "BadRequestException", $"Invalid NextSigningKeyLength {length}.");
                    keyLength = length;
                }
            }
            if (!isEmail && origin == "AWS_SES")
                for (var i = 0; i < 3; i++) tokens.Add(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant());
            var tags = new List<KeyValuePair<string, string>>();
            if (root.TryGetProperty("Tags", out var t) && t.ValueKind == JsonValueKind.Array)
                foreach (var tag in t.EnumerateArray()) tags.Add(new(Str(tag, "Key") ?? "", Str(tag, "Value") ?? ""));
            var identity = new SesIdentityState
            {
                Name = name,
                Type = isEmail ? "EMAIL_ADDRESS" : "DOMAIN",
                Tokens = tokens,
                Origin = origin,
                KeyLength = origin == "AWS_SES" && !isEmail ? keyLength : null,
                Tags = tags,
                ConfigurationSetName = Str(root, "ConfigurationSetName"),
                CreatedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0,
            };
            state.Identities[name] = identity;
            return Json(w =>
            {
                w.WriteString("IdentityType", identity.Type);
                w.WriteBoolean("VerifiedForSendingStatus", false);
                WriteDkim(w, identity);
            });
        }

        private static EmulatorResponse Get(SesRegionState state, string name)
        {
            var i = Find(state, name);
            return Json(w =>
            {
                w.WriteString("IdentityType", i.Type);
                w.WriteBoolean("FeedbackForwardingStatus", true);
                w.WriteBoolean("VerifiedForSendingStatus", i.VerificationStatus == "SUCCESS");
                WriteDkim(w, i);
                w.WriteStartObject("MailFromAttributes");
                if (i.MailFromDomain != null)
                {
                    w.WriteString("MailFromDomain", i.MailFromDomain);
                    w.WriteString("MailFromDomainStatus", i.MailFromStatus ?? "PENDING");
                }
                w.WriteString("BehaviorOnMxFailure", i.BehaviorOnMxFailure);
                w.WriteEndObject();
                WritePolicies(w, i);
                w.WriteStartArray("Tags");
                foreach (var tag in i.Tags)
                {
                    w.WriteStartObject();
                    w.WriteString("Key", tag.Key);
                    w.WriteString("Value", tag.Value);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                if (i.ConfigurationSetName != null) w.WriteString("ConfigurationSetName", i.ConfigurationSetName);
                w.WriteString("VerificationStatus", i.VerificationStatus);
            });
        }

        private static EmulatorResponse Delete(SesRegionState state, string name)
        {
            Find(state, name);
            state.Identities.Remove(name);
            return Json(_ => { });
        }

        private static EmulatorResponse MailFrom(EmulatorRequest request, SesRegionState state, string name)
        {
            var i = Find(state, name);
            using var doc = ParseBody(request);
            var domain = Str(doc.RootElement, "MailFromDomain");
            var behavior = Str(doc.RootElement, "BehaviorOnMxFailure");
            if (domain != null && (i.Type != "DOMAIN" || !domain.EndsWith("." + i.Name, StringComparison.OrdinalIgnoreCase)))
                throw new SesError(400, "BadRequestException", $"The MAIL FROM domain {domain} must be a subdomain of the verified identity {i.Name}.");
            if (behavior != null && behavior != "USE_DEFAULT_VALUE" && behavior != "REJECT_MESSAGE")
                throw new SesError(400, "BadRequestException", $"Invalid BehaviorOnMxFailure {behavior}.");
            i.MailFromDomain = domain;
            i.BehaviorOnMxFailure = behavior ?? "USE_DEFAULT_VALUE";
            return Json(_ => { });
        }

        private static EmulatorResponse PutPolicy(EmulatorRequest request, SesRegionState state, string name, string policyName, bool create)
        {
            var i = Find(state, name);
            using var doc = ParseBody(request);
            var policy = Str(doc.RootElement, "Policy") ?? throw new SesError(400, "BadRequestException", "Policy is required.");
            try { using var _ = JsonDocument.Parse(policy); }
            catch (JsonException) { throw new SesError(400, "BadRequestException", "Policy is not valid JSON."); }
            if (create && i.Policies.ContainsKey(policyName)) throw new SesError(400, "AlreadyExistsException", $"Policy {policyName} already exists.");
            if (!create && !i.Policies.ContainsKey(policyName)) throw new SesError(404, "NotFoundException", $"Policy {policyName} does not exist.");
            i.Policies[policyName] = policy;
            return Json(_ => { });
        }

        private static EmulatorResponse DeletePolicy(SesRegionState state, string name, string policyName)
        {
            var i = Find(state, name);
            if (!i.Policies.Remove(policyName)) throw new SesError(404, "NotFoundException", $"Policy {policyName} does not exist.");
            return Json(_ => { });
        }

        private static SesIdentityState Find(SesRegionState state, string name) =>
            state.Identities.TryGetValue(name, out var i) ? i : throw new SesError(404, "NotFoundException", $"Email identity {name} does not exist.");

        private static void WriteDkim(Utf8JsonWriter w, SesIdentityState i)
        {
            w.WriteStartObject("DkimAttributes");
            w.WriteBoolean("SigningEnabled", i.Type == "DOMAIN");
            w.WriteString("Status", i.DkimStatus ?? (i.Type == "DOMAIN" ? (i.VerificationStatus == "SUCCESS" ? "SUCCESS" : "PENDING") : "NOT_STARTED"));
            w.WriteStartArray("Tokens");
            foreach (var t in i.Tokens) w.WriteStringValue(t);
            w.WriteEndArray();
            w.WriteString("SigningAttributesOrigin", i.Origin);
            if (i.KeyLength != null)
            {
                w.WriteString("NextSigningKeyLength", i.KeyLength);
                w.WriteString("CurrentSigningKeyLength", i.KeyLength);
                w.WriteNumber("LastKeyGenerationTimestamp", i.CreatedAt);
            }
            w.WriteEndObject();
        }

        private static void WritePolicies(Utf8JsonWriter w, SesIdentityState i)
        {
            w.WriteStartObject("Policies");
            foreach (var p in i.Policies) w.WriteString(p.Key, p.Value);
            w.WriteEndObject();
        }

        public static EmulatorResponse Error(int status, string code, string message)
        {
            var r = new EmulatorResponse
            {
                Status = status,
                Body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["message"] = message }),
                ContentType = "application/json",
                ErrorCode = code,
            };
            r.Headers["x-amzn-ErrorType"] = code;
            return r;
        }

        private static EmulatorResponse Json(Action<Utf8JsonWriter> members)
        {
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartObject();
                members(w);
                w.WriteEndObject();
            }
            return new EmulatorResponse { Body = buffer.ToArray(), ContentType = "application/json" };
        }

        private static JsonDocument ParseBody(EmulatorRequest request)
        {
            if (request.Headers.TryGetValue("Content-Type", out var type) && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
                throw new SesError(400, "BadRequestException", $"Unexpected Content-Type {type}.");
            try { return JsonDocument.Parse(request.Body.Length == 0 ? "{}"u8.ToArray() : request.Body); }
            catch (JsonException) { throw new SesError(400, "BadRequestException", "The request body is not JSON."); }
        }

        private static string? Str(JsonElement e, string name) =>
            e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        private static bool IsDomainName(string name) =>
            name.Length <= 253 && name.Contains('.') && name.Split('.').All(l => l.Length is > 0 and <= 63 && l.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'));

        private static bool IsPrivateKey(string base64)
        {
            try
            {
                using var rsa = RSA.Create();
                var der = Convert.FromBase64String(base64);
                try { rsa.ImportRSAPrivateKey(der, out _); }
                catch (CryptographicException) { rsa.ImportPkcs8PrivateKey(der, out _); }
                return true;
            }
            catch (Exception e) when (e is FormatException || e is CryptographicException) { return false; }
        }

        private static string EncodeToken(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes("offset:" + offset.ToString(CultureInfo.InvariantCulture)));

        private static bool TryDecodeToken(string token, out int offset)
        {
            offset = 0;
            try
            {
                var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
                return text.StartsWith("offset:", StringComparison.Ordinal) && int.TryParse(text[7..], NumberStyles.None, CultureInfo.InvariantCulture, out offset);
            }
            catch (FormatException) { return false; }
        }

        private sealed class SesError : Exception
        {
            public SesError(int status, string code, string message) : base(message) { Status = status; Code = code; }
            public int Status { get; }
            public string Code { get; }
        }
    }
}
