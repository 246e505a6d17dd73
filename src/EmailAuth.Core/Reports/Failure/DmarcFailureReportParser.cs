using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
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
    /// MimeKit does the MIME; this class reads the feedback fields (RFC 5965 §3, RFC 6591 §3.1, RFC 9991 §5).
    /// </summary>
    internal static class DmarcFailureReportParser
    {
        private static readonly string[] KnownAuthFailures = { "adsp", "bodyhash", "revoked", "signature", "spf", "dmarc" };
        private static readonly string[] DkimAuthFailures = { "bodyhash", "revoked", "signature" };

        /// <summary>Fields that appear at most once (RFC 5965 §3.1; RFC 6591 §3.1; RFC 9991 §5).</summary>
        private static readonly string[] OnceOnly =
        {
            "Feedback-Type", "User-Agent", "Version", "Original-Envelope-Id", "Original-Mail-From", "Arrival-Date",
            "Reporting-MTA", "Source-IP", "Incidents", "Auth-Failure", "Delivery-Result", "DKIM-Domain", "DKIM-Identity",
            "DKIM-Selector", "SPF-DNS", "Identity-Alignment", "Source-Port",
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

        /// <summary>Auth-Failure and the fields each failure type requires (RFC 6591 §3.1; RFC 9991 §5 for dmarc).</summary>
        private static void ReadAuthFailure(DmarcFailureReport report, HeaderList fields, List<Finding> findings)
        {
            report.AuthFailure = Lower(First(fields, "Auth-Failure"));
            report.DeliveryResult = Lower(First(fields, "Delivery-Result"));
            report.DkimDomain = First(fields, "DKIM-Domain");
            report.DkimSelector = First(fields, "DKIM-Selector");
            report.DkimIdentity = First(fields, "DKIM-Identity");
            report.SpfDns = First(fields, "SPF-DNS");
            if (report.FeedbackType != "auth-failure") return;
            if (report.AuthFailure == null)
            {
                findings.Add(Missing("Auth-Failure", "RFC 6591 §3.1"));
            }
            else if (!KnownAuthFailures.Contains(report.AuthFailure))
            {
                findings.Add(new Finding(DmarcFailureReportFindingCodes.UnknownAuthFailure, FindingSeverity.Info,
                    $"Auth-Failure \"{report.AuthFailure}\" is not a registered type (adsp, bodyhash, revoked, signature, spf, dmarc).",
                    null, "RFC 6591 §6.3", report.AuthFailure));
            }
            else if (DkimAuthFailures.Contains(report.AuthFailure))
            {
                if (report.DkimDomain == null) findings.Add(Missing("DKIM-Domain", "RFC 6591 §3.1"));
                if (report.DkimSelector == null) findings.Add(Missing("DKIM-Selector", "RFC 6591 §3.1"));
            }
            else if (report.AuthFailure == "spf" && report.SpfDns == null)
            {
                findings.Add(Missing("SPF-DNS", "RFC 6591 §3.1"));
            }

            var alignment = First(fields, "Identity-Alignment");
            if (alignment == null)
            {
                if (report.AuthFailure == "dmarc") findings.Add(Missing("Identity-Alignment", "RFC 9991 §5"));
                return;
            }
            // id-align = "none" / dmarc-method *( "," dmarc-method ), dmarc-method = "dkim" / "spf" (RFC 9991 §5).
            var methods = alignment.Split(',').Select(m => m.Trim().ToLowerInvariant()).Where(m => m.Length > 0).ToList();
            var valid = methods.Count > 0 && methods.Distinct().Count() == methods.Count &&
                        (methods.SequenceEqual(new[] { "none" }) || methods.All(m => m == "dkim" || m == "spf"));
            if (valid) report.IdentityAlignment = methods;
            else findings.Add(Invalid("Identity-Alignment", alignment, "\"none\" or a list of dkim and spf", "RFC 9991 §5"));
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

            // Arrival-Date; "Received-Date" is what early implementations wrote (RFC 5965 §3.2 notes it).
            var arrival = First(fields, "Arrival-Date") ?? First(fields, "Received-Date");
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
            return string.IsNullOrWhiteSpace(raw) ? null : raw.Trim();
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
