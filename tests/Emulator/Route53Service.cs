using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace EmailAuth.Emulator
{
    internal sealed class Route53Zone
    {
        public string Id { get; init; } = "";
        public string Name { get; init; } = "";
        public bool Private { get; init; }
        public string CallerReference { get; init; } = "";
        /// <summary>Record sets by (reversed name, type, set identifier): Route 53's list order.</summary>
        public SortedDictionary<string, XElement> RecordSets { get; } = new(StringComparer.Ordinal);
    }

    internal sealed class Route53State
    {
        public Dictionary<string, Route53Zone> Zones { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, (string Status, int Polls, DateTimeOffset At, string? Comment)> Changes { get; } = new(StringComparer.Ordinal);
        /// <summary>Token bucket for the 5 requests/s limit.</summary>
        public double Tokens { get; set; } = 5;
        public DateTimeOffset Refilled { get; set; } = DateTimeOffset.UtcNow;
        public int Throttled { get; set; }
    }

    /// <summary>Route 53 REST-XML: zones, record sets (paged by name/type/identifier), atomic validated change batches, changes.</summary>
    internal sealed class Route53Service
    {
        public static readonly XNamespace Ns = "https://route53.amazonaws.com/doc/2013-04-01/";
        private static readonly Regex TxtValue = new("^(\"(?:[^\"\\\\]|\\\\.)*\"\\s*)+$", RegexOptions.CultureInvariant);
        private static readonly Regex TxtString = new("\"((?:[^\"\\\\]|\\\\.)*)\"", RegexOptions.CultureInvariant);
        private readonly AwsEmulator _emulator;
        private int _zoneCounter;
        private int _changeCounter;

        public Route53Service(AwsEmulator emulator) => _emulator = emulator;

        /// <summary>5 requests/s per account (a bucket of 5, refilled at 5/s); false: throttle this request.</summary>
        public bool TakeToken(EmulatorAccount account)
        {
            lock (account.Route53)
            {
                var s = account.Route53;
                var now = _emulator.Options.Clock();
                s.Tokens = Math.Min(5, s.Tokens + Math.Max(0, (now - s.Refilled).TotalSeconds) * 5);
                s.Refilled = now;
                if (s.Tokens < 1) { s.Throttled++; return false; }
                s.Tokens -= 1;
                return true;
            }
        }

        public string AddZone(EmulatorAccount account, string name, bool privateZone)
        {
            lock (account.Route53)
            {
                var id = "Z" + account.Id[..3] + "EMU" + (++_zoneCounter).ToString("D6", CultureInfo.InvariantCulture);
                var zone = new Route53Zone { Id = id, Name = Absolute(name), Private = privateZone, CallerReference = "emulator-" + id };
                account.Route53.Zones[id] = zone;
                Put(zone, RecordSet(zone.Name, "SOA", 900, $"ns-1.emulator.invalid. hostmaster.{zone.Name} 1 7200 900 1209600 86400"));
                Put(zone, RecordSet(zone.Name, "NS", 172800, "ns-1.emulator.invalid.", "ns-2.emulator.invalid."));
                return id;
            }
        }

        /// <summary>Puts a record set as if created earlier (tests: foreign values, conflicts), without validation.</summary>
        public void PutRecordSet(EmulatorAccount account, string zoneId, string name, string type, long ttl, IReadOnlyList<string> values)
        {
            lock (account.Route53)
            {
                var zone = account.Route53.Zones.TryGetValue(zoneId, out var z) ? z : throw new KeyNotFoundException($"No hosted zone {zoneId}.");
                Put(zone, RecordSet(Absolute(name), type, ttl, values.ToArray()));
            }
        }

        public IReadOnlyList<string> Dump(EmulatorAccount account, string zoneId)
        {
            lock (account.Route53)
            {
                return account.Route53.Zones[zoneId].RecordSets.Values.Select(e =>
                    $"{V(e, "Name")} {V(e, "Type")} {V(e, "TTL")} {string.Join("|", Values(e))}").ToList();
            }
        }

        public EmulatorResponse Handle(EmulatorRequest request, string requestId)
        {
            var s = request.Segments;
            var state = request.Principal.Account.Route53;
            if (s.Length < 2 || s[0] != "2013-04-01") return Xml.Error(Ns, 404, "InvalidInput", "Unknown operation.", requestId);
            try
            {
                lock (state)
                {
                    return (request.Method, s.Length, s[1]) switch
                    {
                        ("GET", 2, "hostedzone") => ListZones(request, state),
                        ("GET", 2, "hostedzonesbyname") => ListZonesByName(request, state),
                        ("GET", 4, "hostedzone") when s[3] == "rrset" => ListRecordSets(request, Zone(state, s[2])),
                        ("POST", 4, "hostedzone") when s[3] == "rrset" => Change(request, state, Zone(state, s[2])),
                        ("GET", 3, "change") => GetChange(state, s[2]),
                        _ => throw new R53Error(400, "InvalidInput", $"No Route 53 operation at {request.Method} {request.RawPath}."),
                    };
                }
            }
            catch (R53Error e) when (e.Code == "InvalidChangeBatch" && _emulator.Options.Route53InvalidChangeBatchAsMessages)
            {
                var root = new XElement(Ns + "InvalidChangeBatch",
                    new XElement(Ns + "Messages", e.Message.Split("; ").Select(m => new XElement(Ns + "Message", m))),
                    new XElement(Ns + "RequestId", requestId));
                var answer = Xml.Answer(root, e.Status);
                return new EmulatorResponse { Status = e.Status, Body = answer.Body, ContentType = answer.ContentType, ErrorCode = e.Code };
            }
            catch (R53Error e)
            {
                return Xml.Error(Ns, e.Status, e.Code, e.Message, requestId);
            }
        }

        private EmulatorResponse ListZones(EmulatorRequest request, Route53State state)
        {
            var size = MaxItems(request);
            var zones = state.Zones.Values.OrderBy(z => z.Id, StringComparer.Ordinal).ToList();
            var start = 0;
            if (request.QueryValue("marker") is string marker)
            {
                start = zones.FindIndex(z => z.Id == marker);
                if (start < 0) throw new R53Error(400, "InvalidInput", $"Invalid marker {marker}.");
            }
            var page = zones.Skip(start).Take(size).ToList();
            var truncated = start + page.Count < zones.Count;
            var root = new XElement(Ns + "ListHostedZonesResponse",
                new XElement(Ns + "HostedZones", page.Select(ZoneXml)),
                new XElement(Ns + "IsTruncated", truncated ? "true" : "false"),
                new XElement(Ns + "MaxItems", size.ToString(CultureInfo.InvariantCulture)));
            if (request.QueryValue("marker") is string m) root.Add(new XElement(Ns + "Marker", m));
            if (truncated) root.Add(new XElement(Ns + "NextMarker", zones[start + page.Count].Id));
            return Xml.Answer(root);
        }

        private EmulatorResponse ListZonesByName(EmulatorRequest request, Route53State state)
        {
            var size = MaxItems(request);
            var zones = state.Zones.Values.OrderBy(z => Reversed(z.Name), StringComparer.Ordinal).ThenBy(z => z.Id, StringComparer.Ordinal).ToList();
            var dnsName = request.QueryValue("dnsname");
            var zoneId = request.QueryValue("hostedzoneid");
            if (zoneId != null && dnsName == null) throw new R53Error(400, "InvalidInput", "hostedzoneid requires dnsname.");
            var start = 0;
            if (dnsName != null)
            {
                var key = Reversed(Absolute(dnsName));
                start = zones.FindIndex(z => string.CompareOrdinal(Reversed(z.Name), key) > 0 ||
                    (Reversed(z.Name) == key && (zoneId == null || string.CompareOrdinal(z.Id, zoneId) >= 0)));
                if (start < 0) start = zones.Count;
            }
            var page = zones.Skip(start).Take(size).ToList();
            var truncated = start + page.Count < zones.Count;
            var root = new XElement(Ns + "ListHostedZonesByNameResponse",
                new XElement(Ns + "HostedZones", page.Select(ZoneXml)),
                dnsName == null ? null : new XElement(Ns + "DNSName", dnsName),
                zoneId == null ? null : new XElement(Ns + "HostedZoneId", zoneId),
                new XElement(Ns + "IsTruncated", truncated ? "true" : "false"),
                new XElement(Ns + "MaxItems", size.ToString(CultureInfo.InvariantCulture)));
            if (truncated)
            {
                root.Add(new XElement(Ns + "NextDNSName", zones[start + page.Count].Name));
                root.Add(new XElement(Ns + "NextHostedZoneId", zones[start + page.Count].Id));
            }
            return Xml.Answer(root);
        }

        private EmulatorResponse ListRecordSets(EmulatorRequest request, Route53Zone zone)
        {
            var size = MaxItems(request);
            var name = request.QueryValue("name");
            var type = request.QueryValue("type");
            var identifier = request.QueryValue("identifier");
            if (type != null && name == null) throw new R53Error(400, "InvalidInput", "The type parameter requires the name parameter.");
            var all = zone.RecordSets.ToList();
            var start = 0;
            if (name != null)
            {
                var from = Key(Absolute(name), type ?? "", identifier ?? "");
                start = all.FindIndex(kv => string.CompareOrdinal(kv.Key, from) >= 0);
                if (start < 0) start = all.Count;
            }
            var page = all.Skip(start).Take(size).Select(kv => kv.Value).ToList();
            var truncated = start + page.Count < all.Count;
            var root = new XElement(Ns + "ListResourceRecordSetsResponse",
                new XElement(Ns + "ResourceRecordSets", page.Select(e => new XElement(e))),
                new XElement(Ns + "IsTruncated", truncated ? "true" : "false"),
                new XElement(Ns + "MaxItems", size.ToString(CultureInfo.InvariantCulture)));
            if (truncated)
            {
                var next = all[start + page.Count].Value;
                root.Add(new XElement(Ns + "NextRecordName", V(next, "Name")), new XElement(Ns + "NextRecordType", V(next, "Type")));
                if (V(next, "SetIdentifier") is string id) root.Add(new XElement(Ns + "NextRecordIdentifier", id));
            }
            return Xml.Answer(root);
        }

        private EmulatorResponse Change(EmulatorRequest request, Route53State state, Route53Zone zone)
        {
            XDocument doc;
            try { doc = Xml.Load(request.Body); }
            catch (System.Xml.XmlException e) { throw new R53Error(400, "InvalidInput", "The XML document is malformed: " + e.Message); }
            if (doc.Root?.Name != Ns + "ChangeResourceRecordSetsRequest")
                throw new R53Error(400, "InvalidInput", $"Expected ChangeResourceRecordSetsRequest in namespace {Ns.NamespaceName}.");
            var batch = doc.Root.Element(Ns + "ChangeBatch") ?? throw new R53Error(400, "InvalidInput", "ChangeBatch is required.");
            var changes = batch.Element(Ns + "Changes")?.Elements(Ns + "Change").ToList() ?? new List<XElement>();
            if (changes.Count == 0) throw new R53Error(400, "InvalidInput", "1 validation error detected: Value null at 'changeBatch.changes' failed to satisfy constraint: Member must not be null");

            // Validate and apply on a copy: a batch is all or nothing.
            var working = new SortedDictionary<string, XElement>(zone.RecordSets, StringComparer.Ordinal);
            var messages = new List<string>();
            var touched = new HashSet<string>(StringComparer.Ordinal);
            foreach (var change in changes)
            {
                var action = V(change, "Action");
                var set = change.Element(Ns + "ResourceRecordSet") ?? throw new R53Error(400, "InvalidInput", "ResourceRecordSet is required.");
                var name = Absolute(V(set, "Name") ?? "");
                var type = V(set, "Type") ?? "";
                var key = Key(name, type, V(set, "SetIdentifier") ?? "");
                var label = $"[name='{name}', type='{type}'" + (V(set, "SetIdentifier") is string sid ? $", set-identifier='{sid}'" : "") + "]";
                if (!touched.Add(key)) { messages.Add($"The request contains an invalid set of changes for a resource record set '{type} {name}'"); continue; }
                if (name != zone.Name && !name.EndsWith("." + zone.Name, StringComparison.Ordinal))
                { messages.Add($"RRSet with DNS name {name} is not permitted in zone {zone.Name}"); continue; }
                var problem = Validate(set, type);
                if (problem != null) { messages.Add(problem); continue; }
                var normalized = Normalize(set, name);
                switch (action)
                {
                    case "CREATE":
                        if (working.ContainsKey(key)) { messages.Add($"Tried to create resource record set {label} but it already exists"); continue; }
                        break;
                    case "DELETE":
                        if (!working.TryGetValue(key, out var existing)) { messages.Add($"Tried to delete resource record set {label} but it was not found"); continue; }
                        if (!XNode.DeepEquals(existing, normalized)) { messages.Add($"Tried to delete resource record set {label} but the values provided do not match the current values"); continue; }
                        if (name == zone.Name && (type == "SOA" || type == "NS")) { messages.Add($"A HostedZone must contain at least one NS record for the zone itself."); continue; }
                        working.Remove(key);
                        continue;
                    case "UPSERT":
                        break;
                    default:
                        throw new R53Error(400, "InvalidInput", $"Invalid Action {action}.");
                }
                // CNAME is alone at its name (RFC 1034 §3.6.2; Route 53 refuses the conflict).
                var others = working.Where(kv => kv.Key != key && V(kv.Value, "Name") == name).Select(kv => V(kv.Value, "Type")).ToList();
                if ((type == "CNAME" && others.Count > 0) || (type != "CNAME" && others.Contains("CNAME")))
                { messages.Add($"RRSet of type {type} with DNS name {name} is not permitted because a conflicting RRSet of type {(type == "CNAME" ? others[0] : "CNAME")} with the same DNS name already exists in zone {zone.Name}."); continue; }
                working[key] = normalized;
            }
            if (messages.Count > 0)
                throw new R53Error(400, "InvalidChangeBatch", string.Join("; ", messages.Distinct()));
            zone.RecordSets.Clear();
            foreach (var kv in working) zone.RecordSets[kv.Key] = kv.Value;
            var changeId = "C" + (++_changeCounter).ToString("D8", CultureInfo.InvariantCulture) + "EMU";
            var comment = V(batch, "Comment");
            state.Changes[changeId] = ("PENDING", 0, DateTimeOffset.UtcNow, comment);
            return Xml.Answer(new XElement(Ns + "ChangeResourceRecordSetsResponse", ChangeInfo(changeId, "PENDING", DateTimeOffset.UtcNow, comment)));
        }

        private EmulatorResponse GetChange(Route53State state, string id)
        {
            if (!state.Changes.TryGetValue(id, out var c)) throw new R53Error(404, "NoSuchChange", $"A change with the specified change ID does not exist: {id}");
            var status = c.Polls >= _emulator.Options.PendingPolls ? "INSYNC" : "PENDING";
            state.Changes[id] = (status, c.Polls + 1, c.At, c.Comment);
            return Xml.Answer(new XElement(Ns + "GetChangeResponse", ChangeInfo(id, status, c.At, c.Comment)));
        }

        private static XElement ChangeInfo(string id, string status, DateTimeOffset at, string? comment) =>
            new(Ns + "ChangeInfo",
                new XElement(Ns + "Id", "/change/" + id),
                new XElement(Ns + "Status", status),
                new XElement(Ns + "SubmittedAt", at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)),
                comment == null ? null : new XElement(Ns + "Comment", comment));

        /// <summary>The checks Route 53 makes on record data that matter to us: TXT quoting and 255-byte strings, CNAME/MX shape.</summary>
        private static string? Validate(XElement set, string type)
        {
            if (set.Element(Ns + "AliasTarget") != null) return null;
            var values = Values(set).ToList();
            if (V(set, "TTL") == null) return "Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found none in Change";
            if (values.Count == 0) return "Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found none in Change";
            foreach (var v in values)
            {
                if (type is "TXT" or "SPF")
                {
                    if (!TxtValue.IsMatch(v)) return $"Invalid Resource Record: 'FATAL problem: InvalidCharacterString (Value should be enclosed in quotation marks) encountered with '{v}''";
                    if (TxtString.Matches(v).Any(m => System.Text.RegularExpressions.Regex.Unescape(m.Groups[1].Value).Length > 255))
                        return $"Invalid Resource Record: 'FATAL problem: CharacterStringTooLong (Value is too long) encountered with '{v}''";
                }
                if (type == "MX" && !Regex.IsMatch(v, @"^\d{1,5} \S+$")) return $"Invalid Resource Record: 'FATAL problem: ARRDATAIllegalIPv4Address (Value is not a valid MX record) encountered with '{v}''";
            }
            if (type == "CNAME" && values.Count != 1) return "Invalid Resource Record: a CNAME record set holds exactly one value.";
            return null;
        }

        private static XElement Normalize(XElement set, string name)
        {
            var copy = new XElement(set);
            copy.Element(Ns + "Name")!.Value = name;
            return copy;
        }

        private static void Put(Route53Zone zone, XElement set) => zone.RecordSets[Key(V(set, "Name")!, V(set, "Type")!, V(set, "SetIdentifier") ?? "")] = set;

        private static XElement RecordSet(string name, string type, long ttl, params string[] values) =>
            new(Ns + "ResourceRecordSet",
                new XElement(Ns + "Name", name),
                new XElement(Ns + "Type", type),
                new XElement(Ns + "TTL", ttl.ToString(CultureInfo.InvariantCulture)),
                new XElement(Ns + "ResourceRecords", values.Select(v => new XElement(Ns + "ResourceRecord", new XElement(Ns + "Value", v)))));

        private static XElement ZoneXml(Route53Zone z) =>
            new(Ns + "HostedZone",
                new XElement(Ns + "Id", "/hostedzone/" + z.Id),
                new XElement(Ns + "Name", z.Name),
                new XElement(Ns + "CallerReference", z.CallerReference),
                new XElement(Ns + "Config", new XElement(Ns + "PrivateZone", z.Private ? "true" : "false")),
                new XElement(Ns + "ResourceRecordSetCount", z.RecordSets.Count.ToString(CultureInfo.InvariantCulture)));

        private static Route53Zone Zone(Route53State state, string id) =>
            state.Zones.TryGetValue(id, out var z) ? z : throw new R53Error(404, "NoSuchHostedZone", $"No hosted zone found with ID: {id}");

        private int MaxItems(EmulatorRequest request)
        {
            if (request.QueryValue("maxitems") is not string m) return _emulator.Options.Route53PageSize;
            return int.TryParse(m, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 300
                ? n : throw new R53Error(400, "InvalidInput", "maxitems must be between 1 and 300.");
        }

        private static IEnumerable<string> Values(XElement set) =>
            set.Element(Ns + "ResourceRecords")?.Elements(Ns + "ResourceRecord").Select(r => V(r, "Value") ?? "") ?? Enumerable.Empty<string>();

        private static string? V(XElement e, string name) => e.Element(Ns + name)?.Value;

        private static string Absolute(string name) => (name.EndsWith('.') ? name : name + ".").ToLowerInvariant();

        private static string Reversed(string absolute) => string.Join(".", absolute.TrimEnd('.').Split('.').Reverse());

        private static string Key(string name, string type, string identifier) => Reversed(name) + "\u0001" + type + "\u0001" + identifier;

        private sealed class R53Error : Exception
        {
            public R53Error(int status, string code, string message) : base(message) { Status = status; Code = code; }
            public int Status { get; }
            public string Code { get; }
        }
    }
}
