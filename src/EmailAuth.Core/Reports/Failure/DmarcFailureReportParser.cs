using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Messages.AuthenticationResults;
using EmailAuth.Core.Reports.Input;
using MimeKit;
using MimeKit.Utils;

namespace EmailAuth.Core.Reports.Failure
{
    /// <summary>
    /// Reads one parsed ARF message (RFC 5965 §2: multipart/report; report-type=feedback-report, with a
    /// message/feedback-report part and the reported message or its header) into a <see cref="DmarcFailureReport"/>.
    /// MimeKit does the MIME; this class reads the feedback fields (RFC 5965 §3, RFC 6591 §3, RFC 9991 §4).
    /// </summary>
    internal static class DmarcFailureReportParser
    {
        private static readonly string[] KnownAuthFailures = { "adsp", "bodyhash", "revoked", "signature", "spf", "dmarc" };
        private static readonly string[] DkimAuthFailures = { "bodyhash", "revoked", "signature" };
        private static readonly string[] DeliveryResults = { "delivered", "spam", "policy", "reject", "other" };

        /// <summary>
        /// Fields that appear at most once: RFC 5965 §3.1–3.2 (Received-Date is Arrival-Date's historic name), every
        /// field RFC 6591 §3 adds (the IANA Feedback Report Header Fields registry lists none as "multiple"),
        /// Source-Port (RFC 6692) and Identity-Alignment (RFC 9991 §4).
        /// </summary>
        private static readonly string[] OnceOnly =
        {
            "Feedback-Type", "User-Agent", "Version", "Original-Envelope-Id", "Original-Mail-From", "Arrival-Date",
            "Received-Date", "Reporting-MTA", "Source-IP", "Incidents", "Auth-Failure", "Delivery-Result", "DKIM-Domain",
            "DKIM-Identity", "DKIM-Selector", "DKIM-Canonicalized-Header", "DKIM-Canonicalized-Body", "DKIM-Selector-DNS",
            "DKIM-ADSP-DNS", "SPF-DNS", "Identity-Alignment", "Source-Port",
        };

        public static DmarcFailureReport Parse(MimeMessage message, string source, ReportInputLimits limits)
        {
            var (feedback, original) = FindParts(message, source, limits);
            var findings = new List<Finding>();
            var fields = feedback.Fields;
            var report = new DmarcFailureReport
            {
                SourceFile = source,
                Reporter = AddressText(message.From, message.Headers, HeaderId.From),
                ReportDate = message.Headers.Contains(HeaderId.Date) ? message.Date : (DateTimeOffset?)null,
            };
            foreach (var name in OnceOnly)
            {
                var count = fields.Count(h => h.Field.Equals(name, StringComparison.OrdinalIgnoreCase));
                if (count > 1)
                    findings.Add(Warn(DmarcFailureReportFindingCodes.DuplicateField,
                        $"{name} appears {count} times; it may appear once. The first is used.", "RFC 5965 §3.1", name));
            }

            report.FeedbackType = Lower(First(fields, "Feedback-Type"));
            report.UserAgent = First(fields, "User-Agent");
            report.Version = First(fields, "Version");
            foreach (var required in new[] { ("Feedback-Type", report.FeedbackType), ("User-Agent", report.UserAgent), ("Version", report.Version) })
                if (required.Item2 == null) findings.Add(Missing(required.Item1, "RFC 5965 §3.1"));
            if (report.FeedbackType != null && report.FeedbackType != "auth-failure")
                findings.Add(Warn(DmarcFailureReportFindingCodes.NotAuthFailure,
                    $"Feedback-Type is \"{report.FeedbackType}\", not auth-failure: this ARF report is not about an authentication failure.",
                    "RFC 6591 §3.1", report.FeedbackType));
            if (report.Version != null && report.Version != "1")
                findings.Add(Warn(DmarcFailureReportFindingCodes.UnknownVersion, $"Version is \"{report.Version}\"; ARF defines version 1.", "RFC 5965 §3.1"));

            ReadAuthFailure(report, fields, findings);
            ReadEnvelope(report, fields, findings);
            report.FeedbackAuthenticationResults = fields
                .Where(h => h.Field.Equals(AuthenticationResultsParser.HeaderName, StringComparison.OrdinalIgnoreCase))
                .Select(h => AuthenticationResultsParser.Parse(AuthenticationResultsParser.HeaderName, h.Value ?? ""))
                .ToList();

            if (original == null)
            {
                findings.Add(Warn(DmarcFailureReportFindingCodes.NoOriginalMessage,
                    "The report has no message/rfc822 or text/rfc822-headers part: the reported message's header is unknown.", "RFC 5965 §2"));
            }
            else
            {
                ReadOriginal(report, original);
            }
            report.Findings = findings;
            return report;
        }

        /// <summary>Auth-Failure, the fields each failure type requires, and the DKIM/SPF detail fields (RFC 6591; RFC 9991 §4 for dmarc).</summary>
        private static void ReadAuthFailure(DmarcFailureReport report, HeaderList fields, List<Finding> findings)
        {
            report.AuthFailure = Lower(First(fields, "Auth-Failure"));
            report.DkimDomain = First(fields, "DKIM-Domain");
            report.DkimSelector = First(fields, "DKIM-Selector");
            report.DkimIdentity = First(fields, "DKIM-Identity");
            report.SpfDns = First(fields, "SPF-DNS");
            ReadDeliveryResult(report, fields, findings);
            report.DkimCanonicalizedHeader = Base64Field(fields, "DKIM-Canonicalized-Header", findings);
            report.DkimCanonicalizedBody = Base64Field(fields, "DKIM-Canonicalized-Body", findings);
            ReadIdentityAlignment(report, fields, findings);
            if (report.FeedbackType != "auth-failure") return;
            if (report.AuthFailure == null)
            {
                findings.Add(Missing("Auth-Failure", "RFC 6591 §3.1"));
            }
            else if (!KnownAuthFailures.Contains(report.AuthFailure))
            {
                findings.Add(new Finding(DmarcFailureReportFindingCodes.UnknownAuthFailure, FindingSeverity.Info,
                    $"Auth-Failure \"{report.AuthFailure}\" is not a registered type (adsp, bodyhash, revoked, signature, spf, dmarc).",
                    null, "RFC 6591 §6.3, RFC 9991 §4", report.AuthFailure));
            }
            else if (DkimAuthFailures.Contains(report.AuthFailure))
            {
                // A DKIM failure report names the signature that failed: d=, i= and s= (RFC 6591; the same trio
                // RFC 9991 §4 lists for a DMARC report's DKIM failure).
                RequireDkimFields(report, findings, "RFC 6591");
            }
            else if (report.AuthFailure == "spf")
            {
                if (report.SpfDns == null) findings.Add(Missing("SPF-DNS", "RFC 6591"));
            }
            else if (report.AuthFailure == "dmarc")
            {
                // RFC 9991 §4 item 1: Identity-Alignment REQUIRED; DKIM-Domain, DKIM-Identity, DKIM-Selector REQUIRED
                // "for DKIM failures of an aligned identifier"; SPF-DNS REQUIRED "for SPF failure of an aligned
                // identifier". Identity-Alignment names exactly those mechanisms (item 2), so it says which apply.
                if (First(fields, "Identity-Alignment") == null) findings.Add(Missing("Identity-Alignment", "RFC 9991 §4"));
                if (report.IdentityAlignment.Contains("dkim")) RequireDkimFields(report, findings, "RFC 9991 §4");
                if (report.IdentityAlignment.Contains("spf") && report.SpfDns == null) findings.Add(Missing("SPF-DNS", "RFC 9991 §4"));
            }
        }

        private static void RequireDkimFields(DmarcFailureReport report, List<Finding> findings, string reference)
        {
            if (report.DkimDomain == null) findings.Add(Missing("DKIM-Domain", reference));
            if (report.DkimIdentity == null) findings.Add(Missing("DKIM-Identity", reference));
            if (report.DkimSelector == null) findings.Add(Missing("DKIM-Selector", reference));
        }

        /// <summary>Delivery-Result: the receiver's disposition of the message, one of five values (RFC 6591 §3.2).</summary>
        private static void ReadDeliveryResult(DmarcFailureReport report, HeaderList fields, List<Finding> findings)
        {
            var value = First(fields, "Delivery-Result");
            if (value == null) return;
            var result = StripComments(value).Trim().ToLowerInvariant();
            if (DeliveryResults.Contains(result)) report.DeliveryResult = result;
            else findings.Add(Invalid("Delivery-Result", value, "delivered, spam, policy, reject or other", "RFC 6591 §3.2"));
        }

        /// <summary>
        /// Identity-Alignment (RFC 9991 §4 item 2): the mechanisms that failed to authenticate an aligned identity,
        /// or "none". id-align = [CFWS] ( "none" / dmarc-method *( [CFWS] "," [CFWS] dmarc-method ) ) [CFWS],
        /// dmarc-method = "dkim" / "spf", each at most once; ABNF strings are case-insensitive (RFC 5234 §2.3).
        /// </summary>
        private static void ReadIdentityAlignment(DmarcFailureReport report, HeaderList fields, List<Finding> findings)
        {
            var alignment = First(fields, "Identity-Alignment");
            if (alignment == null) return;
            // No empty list elements: "dkim,", ",spf" and "dkim,,spf" do not match the ABNF.
            var methods = StripComments(alignment).Split(',').Select(m => m.Trim().ToLowerInvariant()).ToList();
            var valid = methods.All(m => m.Length > 0) && methods.Distinct().Count() == methods.Count &&
                        (methods.SequenceEqual(new[] { "none" }) || methods.All(m => m == "dkim" || m == "spf"));
            if (valid) report.IdentityAlignment = methods;
            else findings.Add(Invalid("Identity-Alignment", alignment, "\"none\" or a list of dkim and spf, each once", "RFC 9991 §4"));
        }

        /// <summary>
        /// DKIM-Canonicalized-Header/-Body: the verifier's canonicalized input, base64-encoded (RFC 6591 §2.3, §3.2);
        /// folding whitespace inside the value is not part of the encoding. Returned decoded (UTF-8), or null.
        /// </summary>
        private static string? Base64Field(HeaderList fields, string name, List<Finding> findings)
        {
            var value = First(fields, name);
            if (value == null) return null;
            var compact = new string(value.Where(c => !char.IsWhiteSpace(c)).ToArray());
            try
            {
                return new UTF8Encoding(false, false).GetString(Convert.FromBase64String(compact));
            }
            catch (FormatException)
            {
                findings.Add(Invalid(name, value, "base64", "RFC 6591 §2.3"));
                return null;
            }
        }

        /// <summary>The SMTP facts of the reported message (RFC 5965 §3.2).</summary>
        private static void ReadEnvelope(DmarcFailureReport report, HeaderList fields, List<Finding> findings)
        {
            report.ReportedDomain = First(fields, "Reported-Domain");
            report.OriginalMailFrom = StripAngles(First(fields, "Original-Mail-From"));
            report.OriginalRcptTo = All(fields, "Original-Rcpt-To").Select(StripAngles).Where(v => v != null).Select(v => v!).ToList();
            report.OriginalEnvelopeId = First(fields, "Original-Envelope-Id");
            var mta = First(fields, "Reporting-MTA");
            if (mta != null)
            {
                // Reporting-MTA: mta-name-type ";" mta-name, e.g. "dns; mail.example.com" (RFC 5965 §3.2, RFC 3464 §2.2.2).
                var semicolon = mta.IndexOf(';');
                report.ReportingMta = semicolon >= 0 ? mta.Substring(semicolon + 1).Trim() : mta;
            }

            // Arrival-Date; its historic name "Received-Date" is read the same, but both at once make the report
            // malformed (RFC 5965 §3.2).
            var arrival = First(fields, "Arrival-Date");
            var received = First(fields, "Received-Date");
            if (arrival != null && received != null)
                findings.Add(Warn(DmarcFailureReportFindingCodes.DuplicateField,
                    "Arrival-Date and its historic name Received-Date both appear; the report is malformed. Arrival-Date is used.",
                    "RFC 5965 §3.2", "Received-Date"));
            arrival ??= received;
            if (arrival != null)
            {
                if (DateUtils.TryParse(arrival, out var date)) report.ArrivalDate = date;
                else findings.Add(Invalid("Arrival-Date", arrival, "an RFC 5322 date", "RFC 5965 §3.2"));
            }

            var ip = First(fields, "Source-IP");
            if (ip != null)
            {
                if (IPAddressText.TryParse(ip, out var address)) report.SourceIP = address!.ToString();
                else findings.Add(Invalid("Source-IP", ip, "an IPv4 or IPv6 address", "RFC 5965 §3.2"));
            }
            var port = First(fields, "Source-Port");
            if (port != null)
            {
                if (int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p <= 65535) report.SourcePort = p;
                else findings.Add(Invalid("Source-Port", port, "a port number", "RFC 6692 §3"));
            }
            var incidents = First(fields, "Incidents");
            if (incidents != null)
            {
                if (int.TryParse(incidents, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0) report.Incidents = n;
                else findings.Add(Invalid("Incidents", incidents, "a positive number", "RFC 5965 §3.2"));
            }
        }

        /// <summary>The reported message's header: From, To, Subject, Message-ID, Date and its Authentication-Results (RFC 8601).</summary>
        private static void ReadOriginal(DmarcFailureReport report, MessagePart original)
        {
            var message = original.Message;
            report.HasFullMessage = !(original is TextRfc822Headers);
            if (message == null) return;
            report.From = AddressText(message.From, message.Headers, HeaderId.From);
            report.To = AddressText(message.To, message.Headers, HeaderId.To);
            report.Subject = message.Subject;
            report.MessageId = message.MessageId;
            report.Date = message.Headers.Contains(HeaderId.Date) ? message.Date : (DateTimeOffset?)null;
            report.AuthenticationResults = message.Headers
                .Where(h => AuthenticationResultsParser.IsAuthResName(h.Field))
                .Take(AuthenticationResultsParser.MaxResults)
                .Select(h => AuthenticationResultsParser.Parse(h.Field, h.Value ?? ""))
                .ToList();
        }

        /// <summary>
        /// The message/feedback-report part (RFC 5965 §2 item 2) and the part beside it with the reported message (item 3).
        /// Walks the MIME tree without entering attached messages, at most MaxMessageParts parts.
        /// </summary>
        private static (MessageFeedbackReport Feedback, MessagePart? Original) FindParts(MimeMessage message, string source, ReportInputLimits limits)
        {
            var stack = new Stack<(MimeEntity Entity, Multipart? Parent)>();
            if (message.Body != null) stack.Push((message.Body, null));
            var seen = 0;
            string? otherReportType = null;
            while (stack.Count > 0 && seen++ < limits.MaxMessageParts)
            {
                var (entity, parent) = stack.Pop();
                if (entity is MessageFeedbackReport feedback)
                {
                    var original = parent?.OfType<MessagePart>().FirstOrDefault();
                    return (feedback, original ?? HeadersFromUnknownPart(parent));
                }
                if (entity is MultipartReport report && !"feedback-report".Equals(report.ReportType, StringComparison.OrdinalIgnoreCase))
                    otherReportType ??= report.ReportType;
                if (entity is Multipart multipart)
                    for (var i = multipart.Count - 1; i >= 0; i--) stack.Push((multipart[i], multipart));
            }
            var why = otherReportType != null
                ? $"a multipart/report of type \"{otherReportType}\", not an ARF feedback report."
                : "not an ARF report: no message/feedback-report part (RFC 5965 §2).";
            throw new DmarcFailureReportInputException(source, DmarcFailureReportProblem.Invalid, why +
                " Give the failure report message as received (an .eml), not the reported message alone.");
        }

        /// <summary>Some reporters label the header part message/rfc822-headers; read it as text/rfc822-headers.</summary>
        private static MessagePart? HeadersFromUnknownPart(Multipart? parent)
        {
            var part = parent?.OfType<MimePart>().FirstOrDefault(p =>
                p.ContentType.IsMimeType("message", "rfc822-headers") || p.ContentType.IsMimeType("text", "rfc822-headers"));
            if (part?.Content == null) return null;
            using var content = new System.IO.MemoryStream();
            part.Content.DecodeTo(content);
            content.Position = 0;
            return new TextRfc822Headers { Message = MimeMessage.Load(content) };
        }

        private static string? AddressText(InternetAddressList list, HeaderList headers, HeaderId id)
        {
            if (list.Count > 0) return list.ToString();
            var raw = headers[id];
            return string.IsNullOrWhiteSpace(raw) ? null : raw!.Trim(); // netstandard2.0: IsNullOrWhiteSpace carries no null-state annotation
        }

        private static string? First(HeaderList fields, string name)
        {
            foreach (var h in fields)
                if (h.Field.Equals(name, StringComparison.OrdinalIgnoreCase))
                    return Clean(h.Value);
            return null;
        }

        private static IEnumerable<string> All(HeaderList fields, string name) =>
            fields.Where(h => h.Field.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => Clean(h.Value)).Where(v => v != null).Select(v => v!);

        /// <summary>A field value unfolded and trimmed; null when empty.</summary>
        private static string? Clean(string? value)
        {
            if (value == null) return null;
            var text = HeaderFieldSplitter.Unfold(value).Replace("\r", " ").Replace("\n", " ").Trim();
            return text.Length == 0 ? null : text;
        }

        private static string? Lower(string? value) => value?.ToLowerInvariant();

        /// <summary>The value without RFC 5322 comments ("(...)", nested, with quoted-pairs; RFC 5322 §3.2.2). One pass, bounded by the length.</summary>
        private static string StripComments(string value)
        {
            var text = new StringBuilder(value.Length);
            var depth = 0;
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (depth > 0 && c == '\\') { i++; continue; }
                if (c == '(') depth++;
                else if (c == ')' && depth > 0) depth--;
                else if (depth == 0) text.Append(c);
            }
            return text.ToString();
        }

        private static string? StripAngles(string? value)
        {
            if (value == null) return null;
            var v = value.Trim();
            if (v.StartsWith("<", StringComparison.Ordinal) && v.EndsWith(">", StringComparison.Ordinal)) v = v.Substring(1, v.Length - 2).Trim();
            return v;
        }

        private static Finding Warn(string code, string message, string reference, string? subject = null) =>
            new Finding(code, FindingSeverity.Warning, message, null, reference, subject);

        private static Finding Missing(string field, string reference) =>
            Warn(DmarcFailureReportFindingCodes.MissingField, $"The report has no {field} field, which it must carry.", reference, field);

        private static Finding Invalid(string field, string value, string expected, string reference) =>
            Warn(DmarcFailureReportFindingCodes.InvalidField,
                $"{field} \"{(value.Length > 100 ? value.Substring(0, 100) + "…" : value)}\" is not {expected}; the value is left out.", reference, field);
    }
}
