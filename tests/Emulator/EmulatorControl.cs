using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;

namespace EmailAuth.Emulator
{
    /// <summary>
    /// Test control over HTTP, for Pester (the xunit tests call <see cref="AwsEmulator"/> directly):
    /// <c>POST /_emulator/&lt;action&gt;</c> with a JSON body, unsigned, answered only to loopback callers.
    /// Accounts are named "A" or "B" (or by id). Actions: identity (create or update an SES identity's
    /// state, with optional Policies {name: json}), hosted-zone, record-set, request-stats, fault, throttle-every,
    /// disable-region, reset, dump-zone, dump-ses (an account's identities in a region, read only).
    /// </summary>
    internal sealed class EmulatorControl
    {
        public const string Prefix = "/_emulator/";
        private readonly AwsEmulator _emulator;

        public EmulatorControl(AwsEmulator emulator) => _emulator = emulator;

        /// <summary>Status and JSON answer of one control call; non-loopback callers get 403 before anything is read.</summary>
        public (int Status, string Body) Handle(IPAddress? remote, string method, string path, byte[] body)
        {
            if (remote == null || !IPAddress.IsLoopback(remote)) return (403, Message("The emulator's control endpoints answer loopback callers only."));
            if (method != "POST") return (405, Message("Use POST."));
            JsonElement root;
            try
            {
                using var doc = JsonDocument.Parse(body.Length == 0 ? Encoding.UTF8.GetBytes("{}") : body);
                root = doc.RootElement.Clone();
            }
            catch (JsonException e)
            {
                return (400, Message("The body is not JSON: " + e.Message));
            }
            try
            {
                return (200, path[Prefix.Length..] switch
                {
                    "reset" => Reset(),
                    "identity" => Identity(root),
                    "hosted-zone" => HostedZone(root),
                    "record-set" => RecordSet(root),
                    "request-stats" => RequestStats(root),
                    "dump-zone" => JsonSerializer.Serialize(new { Records = _emulator.DumpZone(Account(root), Required(root, "ZoneId")) }),
                    "dump-ses" => JsonSerializer.Serialize(new { Identities = _emulator.DumpSes(Account(root), Str(root, "Region") ?? "us-east-1") }),
                    "fault" => Fault(root),
                    "throttle-every" => ThrottleEvery(root),
                    "disable-region" => DisableRegion(root),
                    var other => throw new ControlError(404, $"No control action '{other}'."),
                });
            }
            catch (ControlError e)
            {
                return (e.Status, Message(e.Message));
            }
            catch (Exception e) when (e is KeyNotFoundException || e is InvalidOperationException || e is FormatException)
            {
                return (400, Message(e.Message));
            }
        }

        private string Reset()
        {
            _emulator.Reset();
            return Message("reset");
        }

        private string Identity(JsonElement root)
        {
            var account = Account(root);
            var region = Str(root, "Region") ?? "us-east-1";
            var name = Required(root, "Identity");
            var i = _emulator.SeedIdentity(account, region, name, Str(root, "VerificationStatus"), Str(root, "DkimStatus"),
                Str(root, "MailFromDomain"), Str(root, "MailFromStatus"));
            if (root.TryGetProperty("Policies", out var policies) && policies.ValueKind == JsonValueKind.Object)
                foreach (var p in policies.EnumerateObject())
                    _emulator.SeedPolicy(account, region, i.Name, p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText());
            return JsonSerializer.Serialize(new { Identity = i.Name, IdentityType = i.Type, i.VerificationStatus, Tokens = i.Tokens });
        }

        private string HostedZone(JsonElement root)
        {
            var id = _emulator.AddHostedZone(Account(root), Required(root, "Name"), root.TryGetProperty("Private", out var p) && p.ValueKind == JsonValueKind.True);
            return JsonSerializer.Serialize(new { Id = id });
        }

        /// <summary>Account, ZoneId, Name, Type, Ttl (default 300), Values (array of presentation values).</summary>
        private string RecordSet(JsonElement root)
        {
            var values = root.TryGetProperty("Values", out var v) && v.ValueKind == JsonValueKind.Array
                ? v.EnumerateArray().Select(e => e.GetString() ?? "").ToArray()
                : throw new ControlError(400, "Values (an array) is required.");
            var ttl = root.TryGetProperty("Ttl", out var t) && t.TryGetInt64(out var n) ? n : 300;
            _emulator.PutRecordSet(Account(root), Required(root, "ZoneId"), Required(root, "Name"), Required(root, "Type"), ttl, values);
            return Message("record set put");
        }

        /// <summary>Counts of served requests of a Service (all when absent): total, errors by code, requests by method and path shape.</summary>
        private string RequestStats(JsonElement root)
        {
            var service = Str(root, "Service");
            var requests = _emulator.Requests.Where(r => service == null || r.Service == service).ToList();
            return JsonSerializer.Serialize(new
            {
                Total = requests.Count,
                Errors = requests.Where(r => r.ErrorCode != null).GroupBy(r => r.ErrorCode!).ToDictionary(g => g.Key, g => g.Count()),
                First = requests.Count == 0 ? (DateTimeOffset?)null : requests.Min(r => r.At),
                Last = requests.Count == 0 ? (DateTimeOffset?)null : requests.Max(r => r.At),
            });
        }

        private string Fault(JsonElement root)
        {
            var service = Service(root);
            if (!Enum.TryParse<FaultKind>(Str(root, "Kind") ?? "Throttle", ignoreCase: true, out var kind))
                throw new ControlError(400, "Kind is Throttle, PriorRequestNotComplete, ServerError or Unavailable.");
            var count = root.TryGetProperty("Count", out var c) && c.TryGetInt32(out var n) ? n : 1;
            if (count < 1 || count > 1000) throw new ControlError(400, "Count is 1 to 1000.");
            _emulator.Faults.Enqueue(service, kind, count);
            return Message($"{count} × {kind} queued for {service}");
        }

        private string ThrottleEvery(JsonElement root)
        {
            var service = Service(root);
            var n = root.TryGetProperty("N", out var e) && e.TryGetInt32(out var v) ? v : 0;
            if (n < 0) throw new ControlError(400, "N is 0 (off) or more.");
            _emulator.Faults.ThrottleEvery(service, n);
            return Message($"every {n}th {service} request throttled");
        }

        private string DisableRegion(JsonElement root)
        {
            var region = Required(root, "Region");
            _emulator.DisableRegion(region);
            return Message($"{region} disabled");
        }

        private EmulatorAccount Account(JsonElement root)
        {
            var name = Str(root, "Account") ?? "A";
            return name switch
            {
                "A" => _emulator.AccountA,
                "B" => _emulator.AccountB,
                _ => _emulator.Accounts.FirstOrDefault(a => a.Id == name) ?? throw new ControlError(400, $"No account '{name}' (A, B or an account id)."),
            };
        }

        private static string Service(JsonElement root)
        {
            var s = Str(root, "Service") ?? throw new ControlError(400, "Service is required (ses, route53 or sts).");
            if (s != "ses" && s != "route53" && s != "sts") throw new ControlError(400, "Service is ses, route53 or sts.");
            return s;
        }

        private static string Required(JsonElement root, string name) => Str(root, name) ?? throw new ControlError(400, $"{name} is required.");

        private static string? Str(JsonElement root, string name) =>
            root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        private static string Message(string text) => JsonSerializer.Serialize(new { Message = text });

        private sealed class ControlError : Exception
        {
            public ControlError(int status, string message) : base(message) => Status = status;
            public int Status { get; }
        }
    }
}
