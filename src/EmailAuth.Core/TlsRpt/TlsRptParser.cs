using System;
using System.Collections.Generic;
using System.Linq;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Domains;

namespace EmailAuth.Core.TlsRpt
{
    /// <summary>
    /// Parses TLS-RPT records (RFC 8460 §3): tlsrpt-record = tlsrpt-version 1*(field-delim tlsrpt-field) [field-delim];
    /// version %s"v=TLSRPTv1" first and case-sensitive; rua = a comma-separated list of mailto: or https: URIs;
    /// other fields are extensions and ignored.
    /// </summary>
    public static class TlsRptParser
    {
        public const string Version = "v=TLSRPTv1";
        private const string Reference = "RFC 8460 §3";
        /// <summary>Most fields and URIs read from one record (bounds work on hostile input).</summary>
        private const int MaxFields = 32;

        /// <summary>RFC 8460 §3: records that do not begin with "v=TLSRPTv1" are discarded before counting.</summary>
        public static bool IsTlsRptRecord(string text) => text.StartsWith(Version, StringComparison.Ordinal)
            && (text.Length == Version.Length || text[Version.Length] == ';' || text[Version.Length] == ' ' || text[Version.Length] == '\t');

        public static TlsRptRecord Parse(string text, string? subject = null)
        {
            var record = new TlsRptRecord { Text = text };
            var findings = new List<Finding>();
            var parts = text.Split(';').Select(p => p.Trim(' ', '\t')).ToList();
            // A final empty part is the optional trailing field-delim.
            if (parts.Count > 1 && parts[parts.Count - 1].Length == 0) parts.RemoveAt(parts.Count - 1);
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            var first = true;
            foreach (var part in parts.Take(MaxFields))
            {
                var eq = part.IndexOf('=');
                if (eq <= 0)
                {
                    findings.Add(new Finding(TlsRptFindingCodes.SyntaxError, FindingSeverity.Error,
                        part.Length == 0 ? "The record has an empty field (\";;\"): senders treat it as invalid and do no reporting."
                                         : $"'{part}' is not name=value: senders treat the record as invalid and do no reporting.",
                        "Write the record as \"v=TLSRPTv1; rua=mailto:tls-reports@<domain>\".", Reference, subject));
                    first = false;
                    continue;
                }
                var name = part.Substring(0, eq);
                var value = part.Substring(eq + 1);
                if (first)
                {
                    record.Version = name == "v" ? value : null;
                    first = false;
                    if (name == "v") continue;
                }
                if (!fields.ContainsKey(name)) fields[name] = value;
                else findings.Add(new Finding(TlsRptFindingCodes.SyntaxError, FindingSeverity.Error,
                    $"The field {name}= occurs twice: the record is invalid.", $"Keep one {name}= field.", Reference, subject));
            }
            if (record.Version != "TLSRPTv1" || !IsTlsRptRecord(text))
                findings.Add(new Finding(TlsRptFindingCodes.BadVersion, FindingSeverity.Error,
                    record.Version == null ? "The record does not start with v=TLSRPTv1: senders discard it."
                                           : $"The version is \"{record.Version}\", not exactly \"TLSRPTv1\" (case-sensitive): senders discard the record.",
                    "Start the record with \"v=TLSRPTv1;\".", Reference, subject));

            var valid = 0;
            if (fields.TryGetValue("rua", out var rua) && rua.Trim().Length > 0)
            {
                var uris = rua.Split(',').Select(u => u.Trim(' ', '\t')).Take(MaxFields).ToList();
                record.Rua = uris;
                foreach (var uri in uris)
                    if (CheckUri(uri, findings, subject)) valid++;
            }
            else
                findings.Add(new Finding(TlsRptFindingCodes.NoRua, FindingSeverity.Error,
                    "The record has no rua= destination: senders have nowhere to send TLS reports.",
                    "Add rua=mailto:tls-reports@<domain> (or an https: endpoint).", Reference, subject));

            record.Findings = findings;
            record.IsUsable = valid > 0 && !FindingLists.AnyAtLeast(findings, FindingSeverity.Error);
            return record;
        }

        /// <summary>One addr-spec local@domain (percent-decoded), no spaces, commas or angle brackets; the domain a valid name.</summary>
        private static bool IsMailbox(string text)
        {
            string mailbox;
            try { mailbox = Uri.UnescapeDataString(text); }
            catch (UriFormatException) { return false; }
            var at = mailbox.LastIndexOf('@');
            if (at <= 0 || at == mailbox.Length - 1) return false;
            if (mailbox.Any(c => c <= 0x20 || c == ',' || c == '<' || c == '>' || c == '"' || c == 0x7F)) return false;
            return DomainNameInput.Normalize(mailbox.Substring(at + 1), out _) != null;
        }

        /// <summary>§3: tlsrpt-uri is a mailto: (RFC 6068) or https: (RFC 2818) URI.</summary>
        private static bool CheckUri(string uri, List<Finding> findings, string? subject)
        {
            var colon = uri.IndexOf(':');
            var scheme = colon > 0 ? uri.Substring(0, colon).ToLowerInvariant() : string.Empty;
            switch (scheme)
            {
                case "mailto":
                    // RFC 6068: one addr-spec (query parameters allowed after "?"); reuse DMARC's mailbox check.
                    if (IsMailbox(uri.Substring(colon + 1).Split('?')[0])) return true;
                    findings.Add(new Finding(TlsRptFindingCodes.MalformedMailto, FindingSeverity.Error,
                        $"rua entry \"{uri}\" is not a valid mailto: URI (one mailbox local@domain).",
                        "Write rua=mailto:tls-reports@<domain>.", "RFC 8460 §3; RFC 6068", subject));
                    return false;
                case "https":
                    if (Uri.TryCreate(uri, UriKind.Absolute, out var u) && u.Host.Length > 0) return true;
                    findings.Add(new Finding(TlsRptFindingCodes.BadUriScheme, FindingSeverity.Error,
                        $"rua entry \"{uri}\" is not a valid https: URL.", "Write rua=https://<host>/<path>.", Reference, subject));
                    return false;
                case "http":
                    findings.Add(new Finding(TlsRptFindingCodes.HttpNotHttps, FindingSeverity.Error,
                        $"rua entry \"{uri}\" uses http: reports must be submitted over HTTPS.",
                        "Use the https:// URL of the report endpoint.", "RFC 8460 §3, §5.3", subject));
                    return false;
                default:
                    findings.Add(new Finding(TlsRptFindingCodes.BadUriScheme, FindingSeverity.Error,
                        scheme.Length == 0 ? $"rua entry \"{uri}\" has no URI scheme (e.g. a bare address without mailto:)."
                                           : $"rua entry \"{uri}\" uses {scheme}:, but only mailto: and https: are allowed.",
                        "Write rua=mailto:tls-reports@<domain> or rua=https://<host>/<path>.", Reference, subject));
                    return false;
            }
        }
    }
}
