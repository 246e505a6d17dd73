using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Xml.Linq;
using Amazon.Runtime.Internal;

namespace EmailAuth.Core.Tests.Aws
{
    /// <summary>
    /// An AWS service model (botocore's service-2.json, from Debian's python3-botocore) and the check
    /// that a marshalled request is what the model says: method, URI template, and every path, query,
    /// header and body member by name and location, body members in the model's nesting.
    /// </summary>
    internal sealed class ServiceModel
    {
        public const string BotocoreData = "/usr/lib/python3/dist-packages/botocore/data";
        private readonly JsonElement _model;

        private ServiceModel(JsonElement model) => _model = model;

        public static string PathOf(string service) =>
            Directory.Exists(Path.Combine(BotocoreData, service))
                ? Directory.GetFiles(Path.Combine(BotocoreData, service), "service-2.json", SearchOption.AllDirectories).Single()
                : Path.Combine(BotocoreData, service, "missing", "service-2.json");

        public static ServiceModel Load(string service) =>
            new(JsonDocument.Parse(File.ReadAllBytes(PathOf(service))).RootElement.Clone());

        public string Metadata(string name) => _model.GetProperty("metadata").GetProperty(name).GetString()!;

        /// <summary>Every disagreement between the marshalled request and the model; empty when they agree.</summary>
        public List<string> Check(string operation, IRequest request)
        {
            var problems = new List<string>();
            if (!_model.GetProperty("operations").TryGetProperty(operation, out var op))
                return new List<string> { $"{operation}: not in the model" };
            var http = op.GetProperty("http");
            Expect(problems, http.GetProperty("method").GetString(), request.HttpMethod, $"{operation}: method");
            Expect(problems, http.GetProperty("requestUri").GetString(), request.ResourcePath, $"{operation}: URI template");

            var input = op.TryGetProperty("input", out var i) ? i : default;
            var shapeName = input.ValueKind == JsonValueKind.Object ? input.GetProperty("shape").GetString()! : null;
            var members = shapeName == null ? new Dictionary<string, JsonElement>() : Members(shapeName);
            string? Located(string location, string name) =>
                members.Where(m => Location(m.Value) == location && LocationName(m) == name).Select(m => m.Key).FirstOrDefault();

            foreach (var label in request.PathResources.Keys)
                if (Located("uri", label.Trim('{', '}')) == null) problems.Add($"{operation}: path label {label} is not a uri member");
            foreach (var uriMember in members.Where(m => Location(m.Value) == "uri"))
                if (!request.PathResources.ContainsKey("{" + LocationName(uriMember) + "}")) problems.Add($"{operation}: uri member {uriMember.Key} not set");
            foreach (var q in request.Parameters.Keys)
                if (Located("querystring", q) == null) problems.Add($"{operation}: query parameter '{q}' is not a querystring member");
            foreach (var h in request.Headers.Keys.Where(h => !h.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)))
                if (Located("header", h) == null) problems.Add($"{operation}: header '{h}' is not a header member");

            var bodyMembers = members.Where(m => Location(m.Value) == null).ToList();
            if (request.Content == null || request.Content.Length == 0)
            {
                foreach (var required in Required(shapeName).Where(r => Location(members[r]) == null))
                    problems.Add($"{operation}: required body member {required} not sent");
                return problems;
            }
            if (bodyMembers.Count == 0) { problems.Add($"{operation}: sends a body but the model has no body members"); return problems; }
            var protocol = Metadata("protocol");
            if (protocol == "rest-json")
            {
                using var doc = JsonDocument.Parse(request.Content);
                CheckJson(problems, operation, shapeName!, doc.RootElement, onlyBody: true);
            }
            else if (protocol == "rest-xml")
            {
                var root = XDocument.Parse(System.Text.Encoding.UTF8.GetString(request.Content)).Root!;
                var ns = input.GetProperty("xmlNamespace").GetProperty("uri").GetString()!;
                Expect(problems, input.GetProperty("locationName").GetString(), root.Name.LocalName, $"{operation}: XML root");
                Expect(problems, ns, root.Name.NamespaceName, $"{operation}: XML namespace");
                CheckXml(problems, operation, shapeName!, root, ns, onlyBody: true);
            }
            return problems;
        }

        private void CheckJson(List<string> problems, string path, string shapeName, JsonElement value, bool onlyBody = false)
        {
            var shape = Shape(shapeName);
            switch (shape.GetProperty("type").GetString())
            {
                case "structure":
                    if (value.ValueKind != JsonValueKind.Object) { problems.Add($"{path}: expected an object for {shapeName}"); return; }
                    var members = Members(shapeName);
                    foreach (var p in value.EnumerateObject())
                    {
                        if (!members.TryGetValue(p.Name, out var m) || (onlyBody && Location(m) != null)) { problems.Add($"{path}: '{p.Name}' is not a body member of {shapeName}"); continue; }
                        CheckJson(problems, path + "." + p.Name, m.GetProperty("shape").GetString()!, p.Value);
                    }
                    foreach (var r in Required(shapeName).Where(r => Location(members[r]) == null))
                        if (!value.TryGetProperty(r, out _)) problems.Add($"{path}: required member {r} of {shapeName} missing");
                    break;
                case "list":
                    if (value.ValueKind != JsonValueKind.Array) { problems.Add($"{path}: expected an array"); return; }
                    foreach (var item in value.EnumerateArray()) CheckJson(problems, path + "[]", shape.GetProperty("member").GetProperty("shape").GetString()!, item);
                    break;
                case "string":
                    if (value.ValueKind != JsonValueKind.String) problems.Add($"{path}: expected a string");
                    else CheckEnum(problems, path, shape, value.GetString()!);
                    break;
                case "boolean":
                    if (value.ValueKind != JsonValueKind.True && value.ValueKind != JsonValueKind.False) problems.Add($"{path}: expected a boolean");
                    break;
                case "integer": case "long": case "double":
                    if (value.ValueKind != JsonValueKind.Number) problems.Add($"{path}: expected a number");
                    break;
            }
        }

        private void CheckXml(List<string> problems, string path, string shapeName, XElement element, string ns, bool onlyBody = false)
        {
            var shape = Shape(shapeName);
            switch (shape.GetProperty("type").GetString())
            {
                case "structure":
                    var members = Members(shapeName).Where(m => !onlyBody || Location(m.Value) == null).ToList();
                    var order = members.Select(m => LocationName(m)).ToList();
                    var last = -1;
                    foreach (var child in element.Elements())
                    {
                        if (child.Name.NamespaceName != ns) problems.Add($"{path}: {child.Name.LocalName} outside the namespace");
                        var index = order.IndexOf(child.Name.LocalName);
                        if (index < 0) { problems.Add($"{path}: <{child.Name.LocalName}> is not a member of {shapeName}"); continue; }
                        if (index < last) problems.Add($"{path}: <{child.Name.LocalName}> out of the model's member order");
                        last = index;
                        CheckXml(problems, path + "/" + child.Name.LocalName, members[index].Value.GetProperty("shape").GetString()!, child, ns);
                    }
                    foreach (var r in Required(shapeName))
                    {
                        var m = Members(shapeName)[r];
                        if (Location(m) == null && element.Element(XName.Get(LocationName(new(r, m)), ns)) == null)
                            problems.Add($"{path}: required member {r} of {shapeName} missing");
                    }
                    break;
                case "list":
                    var member = shape.GetProperty("member");
                    var itemName = member.TryGetProperty("locationName", out var ln) ? ln.GetString()! : "member";
                    foreach (var child in element.Elements())
                    {
                        if (child.Name.LocalName != itemName) problems.Add($"{path}: list item <{child.Name.LocalName}>, the model says <{itemName}>");
                        CheckXml(problems, path + "/" + itemName, member.GetProperty("shape").GetString()!, child, ns);
                    }
                    break;
                case "string":
                    CheckEnum(problems, path, shape, element.Value);
                    break;
                case "boolean":
                    if (element.Value is not ("true" or "false")) problems.Add($"{path}: '{element.Value}' is not a boolean");
                    break;
                case "integer": case "long":
                    if (!long.TryParse(element.Value, out _)) problems.Add($"{path}: '{element.Value}' is not an integer");
                    break;
            }
        }

        private static void CheckEnum(List<string> problems, string path, JsonElement shape, string value)
        {
            if (shape.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => v.GetString() == value))
                problems.Add($"{path}: '{value}' is not one of the model's values");
        }

        private JsonElement Shape(string name) => _model.GetProperty("shapes").GetProperty(name);

        private Dictionary<string, JsonElement> Members(string shapeName) =>
            Shape(shapeName).GetProperty("members").EnumerateObject().ToDictionary(p => p.Name, p => p.Value);

        private IEnumerable<string> Required(string? shapeName) =>
            shapeName != null && Shape(shapeName).TryGetProperty("required", out var r) ? r.EnumerateArray().Select(x => x.GetString()!) : Enumerable.Empty<string>();

        private static string? Location(JsonElement member) => member.TryGetProperty("location", out var l) ? l.GetString() : null;

        private static string LocationName(KeyValuePair<string, JsonElement> member) =>
            member.Value.TryGetProperty("locationName", out var l) ? l.GetString()! : member.Key;

        private static void Expect(List<string> problems, string? expected, string? actual, string what)
        {
            if (expected != actual) problems.Add($"{what}: model '{expected}', sent '{actual}'");
        }
    }
}
