using System;
using System.Collections.Generic;
using System.Linq;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Messages.AuthenticationResults;

namespace EmailAuth.Core.Reports.Failure
{
    /// <summary>
    /// One DMARC failure (forensic) report: an ARF message (RFC 5965) of Feedback-Type auth-failure (RFC 6591),
    /// with the RFC 9991 fields, and the header of the message it reports.
    /// </summary>
    public sealed class DmarcFailureReport
    {
        /// <summary>The file (and, inside a .zip, " › entry") the report came from.</summary>
        public string SourceFile { get; internal set; } = "";

        // The report message itself.
        /// <summary>From of the report message: who sent the report.</summary>
        public string? Reporter { get; internal set; }
        public DateTimeOffset? ReportDate { get; internal set; }

        // The machine-readable part (message/feedback-report), RFC 5965 §3 and RFC 6591 §3.1.
        public string? FeedbackType { get; internal set; }
        public string? UserAgent { get; internal set; }
        public string? Version { get; internal set; }
        /// <summary>Auth-Failure: dmarc, spf, bodyhash, signature, revoked, adsp (lower case).</summary>
        public string? AuthFailure { get; internal set; }
        /// <summary>
        /// Identity-Alignment (RFC 9991 §4): the mechanisms (dkim, spf) that failed to authenticate an aligned
        /// identity, or "none" when none did. (RFC 7489 §7.3 defined it the other way round, as those that produced one.)
        /// </summary>
        public IReadOnlyList<string> IdentityAlignment { get; internal set; } = Array.Empty<string>();
        /// <summary>The first Reported-Domain (the domain the report is about).</summary>
        public string? ReportedDomain { get; internal set; }
        public DateTimeOffset? ArrivalDate { get; internal set; }
        /// <summary>The client address that sent the reported message; binds to Test-SpfHost -IPAddress.</summary>
        public string? SourceIP { get; internal set; }
        /// <summary>Source-Port (RFC 6692), when given.</summary>
        public int? SourcePort { get; internal set; }
        /// <summary>The SMTP MAIL FROM of the reported message, without angle brackets.</summary>
        public string? OriginalMailFrom { get; internal set; }
        public IReadOnlyList<string> OriginalRcptTo { get; internal set; } = Array.Empty<string>();
        public string? OriginalEnvelopeId { get; internal set; }
        /// <summary>Reporting-MTA's name (the part after "dns;").</summary>
        public string? ReportingMta { get; internal set; }
        /// <summary>Delivery-Result: delivered, spam, policy, reject or other (RFC 6591 §3.2); lower case.</summary>
        public string? DeliveryResult { get; internal set; }
        public string? DkimDomain { get; internal set; }
        public string? DkimSelector { get; internal set; }
        public string? DkimIdentity { get; internal set; }
        public string? SpfDns { get; internal set; }
        /// <summary>DKIM-Canonicalized-Header: the header as the reporter's verifier canonicalized it, base64-decoded (RFC 6591).</summary>
        public string? DkimCanonicalizedHeader { get; internal set; }
        /// <summary>DKIM-Canonicalized-Body: the body as the reporter's verifier canonicalized it, base64-decoded (RFC 6591).</summary>
        public string? DkimCanonicalizedBody { get; internal set; }
        /// <summary>Incidents: how many like messages this one report stands for (1 when absent, RFC 5965 §3.2).</summary>
        public int Incidents { get; internal set; } = 1;
        /// <summary>The Authentication-Results fields of the feedback report: the reporter's own verdict.</summary>
        public IReadOnlyList<AuthenticationResultInfo> FeedbackAuthenticationResults { get; internal set; } = Array.Empty<AuthenticationResultInfo>();

        // The reported message (third part: message/rfc822 or text/rfc822-headers).
        public string? From { get; internal set; }
        public string? To { get; internal set; }
        public string? Subject { get; internal set; }
        public string? MessageId { get; internal set; }
        public DateTimeOffset? Date { get; internal set; }
        /// <summary>The reported message's Authentication-Results and ARC-Authentication-Results headers, parsed (RFC 8601).</summary>
        public IReadOnlyList<AuthenticationResultInfo> AuthenticationResults { get; internal set; } = Array.Empty<AuthenticationResultInfo>();
        /// <summary>True when the report carries the whole message (message/rfc822), false for its header only.</summary>
        public bool HasFullMessage { get; internal set; }

        public bool IsValid => !Findings.Any(f => f.Severity >= FindingSeverity.Error);
        public IReadOnlyList<Finding> Findings { get; internal set; } = Array.Empty<Finding>();
    }
}
