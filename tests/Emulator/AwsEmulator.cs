using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EmailAuth.Emulator
{
    /// <summary>
    /// An in-process endpoint on 127.0.0.1 speaking the SESv2, Route 53 and STS operations EmailAuth uses.
    /// The service is told by the SigV4 credential scope (ses, route53, sts), as one --endpoint-url
    /// serves all three. Every request is signature-checked against the emulated accounts' keys.
    /// </summary>
    public sealed class AwsEmulator : IAsyncDisposable
    {
        /// <summary>Largest body accepted; real limits are far below it.</summary>
        public const int MaxBodyBytes = 1024 * 1024;

        private readonly WebApplication _app;
        private readonly ConcurrentDictionary<string, EmulatorPrincipal> _keys = new(StringComparer.Ordinal);
        private readonly SesV2Service _ses;
        private readonly Route53Service _route53;
        private readonly StsService _sts;
        private readonly EmulatorControl _control;
        private readonly ConcurrentDictionary<string, bool> _disabledRegions = new(StringComparer.Ordinal);
        private readonly ConcurrentQueue<RequestRecord> _log = new();
        private long _sessionCounter;

        private AwsEmulator(WebApplication app)
        {
            _app = app;
            _ses = new SesV2Service(this);
            _route53 = new Route53Service(this);
            _sts = new StsService(this);
            _control = new EmulatorControl(this);
            AccountA = AddAccount("111111111111", "AKIAEMULATORAAAAAAAA", "emulator/secret/A+aaaaaaaaaaaaaaaaaaaaaaaaaaaa", production: false);
            AccountB = AddAccount("222222222222", "AKIAEMULATORBBBBBBBB", "emulator/secret/B+bbbbbbbbbbbbbbbbbbbbbbbbbbbb", production: true);
            // Account B lets A manage its DNS (and SES) through a role that needs an external id.
            AccountB.Roles[DnsRoleArn] = (AccountA.Id, DnsRoleExternalId);
        }

        public const string DnsRoleExternalId = "emailauth-external-id";
        public string DnsRoleArn => "arn:aws:iam::222222222222:role/EmailAuthDns";

        /// <summary>Account 111111111111: SES sandbox.</summary>
        public EmulatorAccount AccountA { get; }
        /// <summary>Account 222222222222: SES production access; has the role <see cref="DnsRoleArn"/> that A may assume.</summary>
        public EmulatorAccount AccountB { get; }
        public IReadOnlyList<EmulatorAccount> Accounts => new[] { AccountA, AccountB };

        public Uri Endpoint { get; private set; } = null!;
        public FaultPlan Faults { get; } = new();
        public EmulatorOptions Options { get; } = new();

        /// <summary>Every request served (after the signature check), in arrival order.</summary>
        public IReadOnlyList<RequestRecord> Requests => _log.ToArray();

        public static async Task<AwsEmulator> StartAsync(CancellationToken cancellationToken = default)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(k =>
            {
                k.Listen(IPAddress.Loopback, 0);
                k.Limits.MaxRequestBodySize = MaxBodyBytes;
            });
            var app = builder.Build();
            var emulator = new AwsEmulator(app);
            app.Run(emulator.HandleAsync);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            emulator.Endpoint = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
            return emulator;
        }

        private EmulatorAccount AddAccount(string id, string keyId, string secret, bool production)
        {
            var account = new EmulatorAccount(id, keyId, secret, production);
            _keys[keyId] = new EmulatorPrincipal(account, account.UserArn, "AIDA" + id, secret, null, null);
            return account;
        }

        internal (string AccessKeyId, EmulatorPrincipal Principal) IssueSession(EmulatorAccount account, string arn, string userId, TimeSpan lifetime)
        {
            var n = Interlocked.Increment(ref _sessionCounter);
            var keyId = $"ASIAEMULATOR{n:D8}";
            var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(30));
            var token = "emulator-session-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
            var principal = new EmulatorPrincipal(account, arn, userId, secret, token, DateTimeOffset.UtcNow + lifetime);
            _keys[keyId] = principal;
            return (keyId, principal);
        }

        /// <summary>Sets an SES identity's verification state (tests: what the DNS check outcome was).</summary>
        public void SetVerification(EmulatorAccount account, string region, string identity, string status) =>
            _ses.SetVerification(account, region, identity, status);

        /// <summary>Adds a hosted zone (with its SOA and NS record sets) and returns its id.</summary>
        public string AddHostedZone(EmulatorAccount account, string name, bool privateZone = false) =>
            _route53.AddZone(account, name, privateZone);

        /// <summary>Puts a record set into a zone directly (no validation): a state to sync against.</summary>
        public void PutRecordSet(EmulatorAccount account, string zoneId, string name, string type, long ttl, params string[] values) =>
            _route53.PutRecordSet(account, zoneId, name, type, ttl, values);

        /// <summary>The record sets of a zone as the emulator holds them: "name type ttl value|value".</summary>
        public IReadOnlyList<string> DumpZone(EmulatorAccount account, string zoneId) => _route53.Dump(account, zoneId);

        /// <summary>Creates (or updates) an SES identity as the service would have it: status overrides are optional.</summary>
        internal SesIdentityState SeedIdentity(EmulatorAccount account, string region, string identity, string? verificationStatus,
            string? dkimStatus, string? mailFromDomain, string? mailFromStatus)
        {
            lock (_state) return _ses.Seed(account, region, identity, verificationStatus, dkimStatus, mailFromDomain, mailFromStatus);
        }

        /// <summary>Adds (or replaces) a sending authorization policy of an existing identity, as a test's starting state.</summary>
        internal void SeedPolicy(EmulatorAccount account, string region, string identity, string policyName, string policy)
        {
            lock (_state) account.SesIn(region).Identities[identity].Policies[policyName] = policy;
        }

        /// <summary>The SES identities of an account in a region as tests check them: name, MAIL FROM, behaviour, policies.</summary>
        internal IReadOnlyList<object> DumpSes(EmulatorAccount account, string region)
        {
            lock (_state)
                return account.SesIn(region).Identities.Values.Select(i => (object)new
                {
                    Identity = i.Name,
                    i.VerificationStatus,
                    i.MailFromDomain,
                    i.BehaviorOnMxFailure,
                    Policies = new SortedDictionary<string, string>(i.Policies, StringComparer.Ordinal),
                }).ToList();
        }

        /// <summary>Requests signed for this region are refused as for an opt-in region the account has not enabled.</summary>
        public void DisableRegion(string region) => _disabledRegions[region] = true;

        /// <summary>Forgets every account's SES identities and Route 53 zones, the faults, disabled regions and the request log.</summary>
        public void Reset()
        {
            lock (_state)
            {
                foreach (var a in Accounts)
                {
                    lock (a) a.Ses.Clear();
                    lock (a.Route53) { a.Route53.Zones.Clear(); a.Route53.Changes.Clear(); }
                }
                Faults.Clear();
                _disabledRegions.Clear();
                _log.Clear();
            }
        }

        private async Task HandleAsync(HttpContext context)
        {
            var requestId = Guid.NewGuid().ToString();
            if (context.Request.Path.StartsWithSegments("/_emulator", StringComparison.Ordinal))
            {
                await ControlAsync(context).ConfigureAwait(false);
                return;
            }
            EmulatorRequest request;
            try
            {
                request = await ReadAsync(context).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException || e is BadHttpRequestException || e is InvalidDataException)
            {
                context.Response.StatusCode = 400;
                return;
            }
            var response = Serve(request, requestId);
            context.Response.StatusCode = response.Status;
            context.Response.Headers["x-amzn-RequestId"] = requestId;
            foreach (var h in response.Headers) context.Response.Headers[h.Key] = h.Value;
            if (response.ContentType != null) context.Response.ContentType = response.ContentType;
            context.Response.ContentLength = response.Body.Length;
            await context.Response.Body.WriteAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
        }

        private EmulatorResponse Serve(EmulatorRequest request, string requestId)
        {
            var credential = SigV4Verifier.Parse(request, out var problem);
            var service = credential?.Service ?? GuessService(request);
            if (credential == null) return AuthError(service, 403, "MissingAuthenticationToken", problem!, requestId);
            if (!_keys.TryGetValue(credential.AccessKeyId, out var principal))
                return AuthError(service, 403, service == "ses" ? "UnrecognizedClientException" : "InvalidClientTokenId", "The security token included in the request is invalid.", requestId);
            if (principal.SessionToken != null)
            {
                if (!request.Headers.TryGetValue("x-amz-security-token", out var token) || token != principal.SessionToken)
                    return AuthError(service, 403, service == "ses" ? "UnrecognizedClientException" : "InvalidClientTokenId", "The security token included in the request is invalid.", requestId);
                if (principal.Expires < DateTimeOffset.UtcNow)
                    return AuthError(service, 403, "ExpiredToken", "The security token included in the request is expired.", requestId);
            }
            var bad = SigV4Verifier.Verify(request, credential, principal.Secret, DateTimeOffset.UtcNow);
            if (bad != null) return AuthError(service, 403, service == "ses" ? "InvalidSignatureException" : "SignatureDoesNotMatch", bad, requestId);
            if (_disabledRegions.ContainsKey(credential.Region))
                return AuthError(service, 403, service == "ses" ? "UnrecognizedClientException" : "InvalidClientTokenId", "The security token included in the request is invalid.", requestId);
            request.Service = service;
            request.Region = credential.Region;
            request.Principal = principal;

            var record = new RequestRecord(DateTimeOffset.UtcNow, principal.Account.Id, service, request.Method, request.RawPath, request.RawQuery,
                credential.SignedHeaders, credential.Region, request.Headers.GetValueOrDefault("Content-Type"));
            EmulatorResponse response;
            var fault = Faults.Next(service);
            if (fault != null) response = FaultAnswer(service, fault.Value, requestId);
            else if (service == "route53" && Options.Route53RateLimit && !_route53.TakeToken(principal.Account))
                response = Xml.Error(Route53Service.Ns, 400, "Throttling", "Rate exceeded", requestId);
            else
            {
                lock (_state)
                {
                    response = service switch
                    {
                        "ses" => _ses.Handle(request, requestId),
                        "route53" => _route53.Handle(request, requestId),
                        "sts" => _sts.Handle(request, requestId),
                        _ => Xml.Error(StsService.Ns, 400, "UnknownService", $"This emulator does not speak '{service}'.", requestId),
                    };
                }
            }
            _log.Enqueue(record with { Status = response.Status, ErrorCode = response.ErrorCode });
            return response;
        }

        private readonly object _state = new();

        private static string GuessService(EmulatorRequest request) =>
            request.RawPath.StartsWith("/v2/", StringComparison.Ordinal) ? "ses"
            : request.RawPath.StartsWith("/2013-04-01/", StringComparison.Ordinal) ? "route53" : "sts";

        private static EmulatorResponse AuthError(string service, int status, string code, string message, string requestId) => service switch
        {
            "ses" => SesV2Service.Error(status, code, message),
            "route53" => Xml.Error(Route53Service.Ns, status, code, message, requestId),
            _ => Xml.Error(StsService.Ns, status, code, message, requestId),
        };

        private static EmulatorResponse FaultAnswer(string service, FaultKind kind, string requestId)
        {
            var (status, code, message) = kind switch
            {
                FaultKind.ServerError => (500, "InternalFailure", "The request processing has failed because of an unknown error."),
                FaultKind.Unavailable => (503, "ServiceUnavailable", "Service is unavailable."),
                FaultKind.PriorRequestNotComplete when service == "route53" => (400, "PriorRequestNotComplete", "The request was rejected because Route 53 was still processing a prior request."),
                _ when service == "ses" => (429, "TooManyRequestsException", "Too many requests have been made to the operation."),
                _ => (400, "Throttling", "Rate exceeded"),
            };
            return service switch
            {
                "ses" => SesV2Service.Error(status, code, message),
                "route53" => Xml.Error(Route53Service.Ns, status, code, message, requestId),
                _ => Xml.Error(StsService.Ns, status, code, message, requestId),
            };
        }

        private async Task ControlAsync(HttpContext context)
        {
            var remote = context.Connection.RemoteIpAddress;
            byte[] body = Array.Empty<byte>();
            if (remote != null && IPAddress.IsLoopback(remote))
            {
                using var buffer = new MemoryStream();
                await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
                body = buffer.ToArray();
            }
            var (status, json) = _control.Handle(remote, context.Request.Method, context.Request.Path.Value ?? "", body);
            var bytes = Encoding.UTF8.GetBytes(json);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = bytes.Length;
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
        }

        private static async Task<EmulatorRequest> ReadAsync(HttpContext context)
        {
            var raw = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
            var q = raw.IndexOf('?');
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var h in context.Request.Headers) headers[h.Key] = string.Join(",", h.Value.ToArray());
            return new EmulatorRequest
            {
                Method = context.Request.Method,
                RawPath = q < 0 ? raw : raw[..q],
                RawQuery = q < 0 ? "" : raw[(q + 1)..],
                Headers = headers,
                Body = buffer.ToArray(),
            };
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Behaviour switches for tests.</summary>
    public sealed class EmulatorOptions
    {
        /// <summary>SESv2 ListEmailIdentities page size when the request gives none (real: 100).</summary>
        public int SesPageSize { get; set; } = 2;
        /// <summary>Route 53 list page size when the request gives no maxitems (real: 100 zones, 300 record sets).</summary>
        public int Route53PageSize { get; set; } = 3;
        /// <summary>Enforce Route 53's 5 requests/s per account (token bucket of 5); excess gets 400 Throttling.</summary>
        public bool Route53RateLimit { get; set; } = true;
        /// <summary>The clock that refills the Route 53 token bucket; a test that must see throttling stops it, so no stall of a busy machine refills the bucket.</summary>
        public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;
        /// <summary>Answer InvalidChangeBatch as &lt;InvalidChangeBatch&gt;&lt;Messages&gt; (the model's error shape) instead of ErrorResponse.</summary>
        public bool Route53InvalidChangeBatchAsMessages { get; set; }
        /// <summary>GetChange polls answered PENDING before INSYNC.</summary>
        public int PendingPolls { get; set; } = 1;
    }

    /// <summary>One served request, for assertions: who, which service, what was signed, what came back.</summary>
    public sealed record RequestRecord(DateTimeOffset At, string Account, string Service, string Method, string RawPath, string RawQuery,
        string[] SignedHeaders, string SigningRegion, string? ContentType)
    {
        public int Status { get; init; }
        public string? ErrorCode { get; init; }
    }
}
