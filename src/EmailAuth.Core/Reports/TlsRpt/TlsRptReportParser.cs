using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace EmailAuth.Core.Reports.TlsRpt
{
    /// <summary>
    /// Reads an SMTP TLS report (RFC 8460 §4.4 JSON) into one <see cref="TlsRptReportRecord"/> per policy. Reports
    /// are small (one per sender and day), so the document is read whole, but never more than
    /// <see cref="MaxBytes"/>, at most <see cref="MaxDepth"/> levels deep, with bounded counts of policies and failure details.
    /// Fields of the wrong JSON type are left empty with a warning rather than failing the report.
    /// </summary>
    public sealed class TlsRptReportParser
    {
        /// <summary>Largest report read (default 32 MiB).</summary>
        public long MaxBytes { get; set; } = 32L * 1024 * 1024;
        /// <summary>Deepest nesting accepted (the format needs 5; default 16).</summary>
        public int MaxDepth { get; set; } = 16;
        /// <summary>Most policies, and most failure-details per policy, read (default 10,000).</summary>
        public int MaxItems { get; set; } = 10_000;

        public IReadOnlyList<TlsRptReportRecord> Parse(Stream json, string sourceFile, string? sourceEntry = null, Action<string>? warning = null)
        {
            var name = sourceEntry is null ? sourceFile : $"{sourceFile} › {sourceEntry}";
            var bytes = ReadBounded(json, name);
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Skip });
            }
            catch (JsonException e)
            {
                throw new TlsRptReportFormatException($"{name}: not readable JSON: {e.Message}", e);
            }
            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("policies", out var policies) || policies.ValueKind != JsonValueKind.Array)
                    throw new TlsRptReportFormatException($"{name}: no \"policies\" array at the top: not an SMTP TLS report (RFC 8460 §4.4).");
                void Warn(string message) => warning?.Invoke($"{name}: {message}");

                var org = String(root, "organization-name", Warn) ?? string.Empty;
                var contact = String(root, "contact-info", Warn);
                var reportId = String(root, "report-id", Warn) ?? string.Empty;
                DateTimeOffset? start = null, end = null;
                if (root.TryGetProperty("date-range", out var range) && range.ValueKind == JsonValueKind.Object)
                {
                    start = Date(range, "start-datetime", Warn);
                    end = Date(range, "end-datetime", Warn);
                }
                else Warn("no \"date-range\" object.");
                if (org.Length == 0) Warn("no \"organization-name\".");
                if (reportId.Length == 0) Warn("no \"report-id\".");

                var result = new List<TlsRptReportRecord>();
                foreach (var item in policies.EnumerateArray())
                {
                    if (result.Count >= MaxItems) { Warn($"more than {MaxItems:N0} policies; the rest are not read."); break; }
                    if (item.ValueKind != JsonValueKind.Object) { Warn("a \"policies\" element is not an object; skipped."); continue; }
                    var record = new TlsRptReportRecord
                    {
                        SourceFile = sourceFile, SourceEntry = sourceEntry, OrganizationName = org, ContactInfo = contact,
                        ReportId = reportId, StartDatetime = start, EndDatetime = end,
                    };
                    if (item.TryGetProperty("policy", out var policy) && policy.ValueKind == JsonValueKind.Object)
                    {
                        record.PolicyType = (String(policy, "policy-type", Warn) ?? string.Empty).ToLowerInvariant();
                        record.PolicyString = Strings(policy, "policy-string", Warn);
                        record.PolicyDomain = (String(policy, "policy-domain", Warn) ?? string.Empty).TrimEnd('.').ToLowerInvariant();
                        record.MxHost = Strings(policy, "mx-host", Warn);
                    }
                    else Warn("a policy without a \"policy\" object.");
                    if (item.TryGetProperty("summary", out var summary) && summary.ValueKind == JsonValueKind.Object)
                    {
                        record.TotalSuccessfulSessionCount = Count(summary, "total-successful-session-count", Warn);
                        record.TotalFailureSessionCount = Count(summary, "total-failure-session-count", Warn);
                    }
                    else Warn($"policy {record.PolicyDomain}: no \"summary\" object.");
                    if (item.TryGetProperty("failure-details", out var details) && details.ValueKind == JsonValueKind.Array)
                    {
                        var list = new List<TlsRptFailureDetail>();
                        foreach (var d in details.EnumerateArray())
                        {
                            if (list.Count >= MaxItems) { Warn($"policy {record.PolicyDomain}: more than {MaxItems:N0} failure-details; the rest are not read."); break; }
                            if (d.ValueKind != JsonValueKind.Object) continue;
                            list.Add(new TlsRptFailureDetail
                            {
                                ResultType = (String(d, "result-type", Warn) ?? string.Empty).ToLowerInvariant(),
                                SendingMtaIp = String(d, "sending-mta-ip", Warn),
                                ReceivingMxHostname = String(d, "receiving-mx-hostname", Warn),
                                ReceivingMxHelo = String(d, "receiving-mx-helo", Warn),
                                ReceivingIp = String(d, "receiving-ip", Warn),
                                FailedSessionCount = Count(d, "failed-session-count", Warn),
                                AdditionalInformation = String(d, "additional-information", Warn),
                                FailureReasonCode = String(d, "failure-reason-code", Warn),
                            });
                        }
                        record.FailureDetails = list;
                    }
                    result.Add(record);
                }
                return result;
            }
        }

        private byte[] ReadBounded(Stream stream, string name)
        {
            var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int n;
            while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (buffer.Length + n > MaxBytes)
                    throw new TlsRptReportFormatException($"{name}: larger than {MaxBytes:N0} bytes; no TLS report is that large.");
                buffer.Write(chunk, 0, n);
            }
            return buffer.ToArray();
        }

        private static string? String(JsonElement parent, string property, Action<string> warn)
        {
            if (!parent.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null) return null;
            if (value.ValueKind == JsonValueKind.String) return value.GetString()?.Trim();
            warn($"\"{property}\" is a {value.ValueKind}, not a string; left empty.");
            return null;
        }

        /// <summary>A list of strings; a lone string is taken as a list of one (reporters write mx-host both ways).</summary>
        private static IReadOnlyList<string> Strings(JsonElement parent, string property, Action<string> warn)
        {
            if (!parent.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null) return Array.Empty<string>();
            if (value.ValueKind == JsonValueKind.String) return new[] { value.GetString()!.Trim() };
            if (value.ValueKind != JsonValueKind.Array) { warn($"\"{property}\" is a {value.ValueKind}, not a list of strings; left empty."); return Array.Empty<string>(); }
            var list = new List<string>();
            foreach (var e in value.EnumerateArray())
                if (e.ValueKind == JsonValueKind.String) list.Add(e.GetString()!);
            return list;
        }

        private static long Count(JsonElement parent, string property, Action<string> warn)
        {
            if (!parent.TryGetProperty(property, out var value)) return 0;
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) && n >= 0) return n;
            if (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out n)) return n;
            warn($"\"{property}\" is not a session count; taken as 0.");
            return 0;
        }

        /// <summary>RFC 8460 §4.4: date-time as in RFC 3339.</summary>
        private static DateTimeOffset? Date(JsonElement parent, string property, Action<string> warn)
        {
            var text = String(parent, property, warn);
            if (text == null) return null;
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)) return value;
            warn($"\"{property}\" '{text}' is not an RFC 3339 date-time; left empty.");
            return null;
        }
    }
}
