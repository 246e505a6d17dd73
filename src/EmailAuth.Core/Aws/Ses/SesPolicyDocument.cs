using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace EmailAuth.Core.Aws.Ses
{
    /// <summary>
    /// Reads a sending authorization policy (IAM policy grammar) into statement summaries, checks a
    /// policy text before it is sent, and describes the difference between two policies for ShouldProcess.
    /// </summary>
    public static class SesPolicyDocument
    {
        /// <summary>SESv2's limit on a policy's text (service model: "The policy cannot exceed 4 KB").</summary>
        public const int MaxBytes = 4096;

        private static readonly JsonDocumentOptions Options = new JsonDocumentOptions { MaxDepth = 32 };

        /// <summary>The statements of a policy; an empty list when the text is not a JSON policy (never throws).</summary>
        public static IReadOnlyList<SesPolicyStatement> Statements(string? policy)
        {
            if (string.IsNullOrWhiteSpace(policy)) return Array.Empty<SesPolicyStatement>();
            try
            {
                using var doc = JsonDocument.Parse(policy!, Options);
                if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("Statement", out var s))
                    return Array.Empty<SesPolicyStatement>();
                // IAM allows one statement object in place of the array.
                var items = s.ValueKind == JsonValueKind.Array ? s.EnumerateArray().ToList()
                    : s.ValueKind == JsonValueKind.Object ? new List<JsonElement> { s } : new List<JsonElement>();
                return items.Where(i => i.ValueKind == JsonValueKind.Object).Select(Statement).ToList();
            }
            catch (JsonException) { return Array.Empty<SesPolicyStatement>(); }
        }

        /// <summary>Why a policy text cannot be sent (not JSON, no Statement, over 4 KB), or null when it can.</summary>
        public static string? Problem(string? policy)
        {
            if (string.IsNullOrWhiteSpace(policy)) return "The policy is empty.";
            if (Encoding.UTF8.GetByteCount(policy) > MaxBytes) return $"The policy is {Encoding.UTF8.GetByteCount(policy)} bytes; SES allows {MaxBytes}.";
            try
            {
                using var doc = JsonDocument.Parse(policy!, Options);
                if (doc.RootElement.ValueKind != JsonValueKind.Object) return "The policy is not a JSON object.";
                if (!doc.RootElement.TryGetProperty("Statement", out var s) || (s.ValueKind != JsonValueKind.Array && s.ValueKind != JsonValueKind.Object))
                    return "The policy has no Statement.";
                return null;
            }
            catch (JsonException e) { return "The policy is not valid JSON: " + e.Message; }
        }

        /// <summary>True when the two texts are the same JSON (whitespace and member order aside).</summary>
        public static bool SameJson(string? a, string? b)
        {
            if (a == null || b == null) return a == b;
            try
            {
                using var x = JsonDocument.Parse(a, Options);
                using var y = JsonDocument.Parse(b, Options);
                return Canonical(x.RootElement) == Canonical(y.RootElement);
            }
            catch (JsonException) { return string.Equals(a, b, StringComparison.Ordinal); }
        }

        /// <summary>
        /// The change from <paramref name="before"/> (null: no policy) to <paramref name="after"/> (null: removed)
        /// as statement summaries: "+ Allow … ; - Allow …", or "no change".
        /// </summary>
        public static string Diff(string? before, string? after)
        {
            var old = Statements(before).Select(s => s.ToString()).ToList();
            var now = Statements(after).Select(s => s.ToString()).ToList();
            var removed = old.Where(s => !now.Contains(s)).Select(s => "- " + s);
            var added = now.Where(s => !old.Contains(s)).Select(s => "+ " + s);
            var parts = removed.Concat(added).ToList();
            if (parts.Count == 0) return SameJson(before, after) ? "no change" : "same statements, other text (Version, Id, Sid or resources)";
            return string.Join("; ", parts);
        }

        private static SesPolicyStatement Statement(JsonElement s) => new SesPolicyStatement
        {
            Sid = Str(s, "Sid"),
            Effect = Str(s, "Effect") ?? "",
            Principals = Principals(s),
            Actions = Strings(s, "Action"),
            Resources = Strings(s, "Resource"),
            Conditions = Conditions(s),
        };

        private static IReadOnlyList<string> Principals(JsonElement s)
        {
            if (!s.TryGetProperty("Principal", out var p)) return Array.Empty<string>();
            if (p.ValueKind == JsonValueKind.String) return new[] { p.GetString()! };
            if (p.ValueKind != JsonValueKind.Object) return Array.Empty<string>();
            var list = new List<string>();
            foreach (var kind in p.EnumerateObject())
                foreach (var v in Values(kind.Value))
                    list.Add(kind.Name == "AWS" ? v : kind.Name + ":" + v);
            return list;
        }

        private static IReadOnlyList<string> Conditions(JsonElement s)
        {
            if (!s.TryGetProperty("Condition", out var c) || c.ValueKind != JsonValueKind.Object) return Array.Empty<string>();
            var list = new List<string>();
            foreach (var op in c.EnumerateObject())
            {
                if (op.Value.ValueKind != JsonValueKind.Object) continue;
                foreach (var key in op.Value.EnumerateObject())
                    list.Add($"{op.Name} {key.Name}={string.Join("|", Values(key.Value))}");
            }
            return list;
        }

        private static IReadOnlyList<string> Strings(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) ? Values(v) : Array.Empty<string>();

        /// <summary>A string or an array of strings (IAM allows both); other values as their JSON text.</summary>
        private static IReadOnlyList<string> Values(JsonElement v) =>
            v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().Select(Scalar).ToList() : new[] { Scalar(v) };

        private static string Scalar(JsonElement v) => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText();

        private static string? Str(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        private static string Canonical(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    return "{" + string.Join(",", e.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal)
                        .Select(p => JsonSerializer.Serialize(p.Name) + ":" + Canonical(p.Value))) + "}";
                case JsonValueKind.Array:
                    return "[" + string.Join(",", e.EnumerateArray().Select(Canonical)) + "]";
                case JsonValueKind.String:
                    return JsonSerializer.Serialize(e.GetString());
                default:
                    return e.GetRawText();
            }
        }
    }
}
