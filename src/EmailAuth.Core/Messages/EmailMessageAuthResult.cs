using System;
using System.Collections.Generic;
using EmailAuth.Core.Alignment;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Messages.AuthenticationResults;
using EmailAuth.Core.Messages.Dkim;
using EmailAuth.Core.Spf;

namespace EmailAuth.Core.Messages
{
    /// <summary>
    /// What a receiver would conclude about one message (Test-EmailMessage): SPF for the MAIL FROM and client IP, every
    /// DKIM signature, the ARC chain, the DMARC verdict for the From domain, what the message's own
    /// Authentication-Results say and where they differ, and the verdict in plain words. Property names per DESIGN.md §3.
    /// </summary>
    public sealed class EmailMessageAuthResult
    {
        /// <summary>The file read; null for -RawMessage.</summary>
        public string? Path { get; set; }
        public string? MessageId { get; set; }
        public string? Subject { get; set; }

        /// <summary>The RFC5322.From address as written (display name and address).</summary>
        public string? From { get; set; }
        /// <summary>The From domain DMARC was evaluated for (A-labels); null when the From field allows no verdict. Binds Test-DmarcCompliance.</summary>
        public string? FromDomain { get; set; }
        /// <summary>The RFC5321.MailFrom (Return-Path or -MailFrom); empty for the null sender "&lt;&gt;"; null when unknown.</summary>
        public string? MailFrom { get; set; }
        /// <summary>The domain SPF authenticated for DMARC: the MAIL FROM's, or the HELO name's for the null sender (RFC 7489 §3.1.2). Binds Test-DmarcCompliance.</summary>
        public string? MailFromDomain { get; set; }
        public string? ClientIPAddress { get; set; }
        public string? Helo { get; set; }
        /// <summary>Where the client IP and HELO came from: "parameter", or the Received header field used (see ClientHopLocator).</summary>
        public string? ClientSource { get; set; }

        /// <summary>check_host() for the MAIL FROM (RFC 7208); null when the client IP is unknown.</summary>
        public SpfCheckResult? Spf { get; set; }
        /// <summary>The SPF result DMARC used (None when SPF was not evaluated). Binds Test-DmarcCompliance.</summary>
        public SpfResult SpfResult { get; set; }
        /// <summary>One per DKIM-Signature field, in header order.</summary>
        public IReadOnlyList<DkimSignatureResult> Dkim { get; set; } = Array.Empty<DkimSignatureResult>();
        /// <summary>The d= of each signature that passed. Binds Test-DmarcCompliance.</summary>
        public IReadOnlyList<string> DkimSigningDomain { get; set; } = Array.Empty<string>();
        /// <summary>The ARC chain (RFC 8617); Result None when the message has no ARC sets.</summary>
        public ArcChainResult? Arc { get; set; }
        /// <summary>The DMARC verdict; null when the From field allows none (see Findings).</summary>
        public DmarcEvaluation? Dmarc { get; set; }

        /// <summary>Every Authentication-Results and ARC-Authentication-Results field of the message, parsed, top first.</summary>
        public IReadOnlyList<AuthenticationResultInfo> ReportedResults { get; set; } = Array.Empty<AuthenticationResultInfo>();
        /// <summary>The authserv-id compared with (-AuthServId, or the topmost Authentication-Results field's); null when none.</summary>
        public string? ComparedAuthServId { get; set; }
        public IReadOnlyList<MessageDisagreement> Disagreements { get; set; } = Array.Empty<MessageDisagreement>();
        /// <summary>The verdict in plain words, with the fix when DMARC fails.</summary>
        public string Explanation { get; set; } = string.Empty;
        public IReadOnlyList<Finding> Findings { get; set; } = Array.Empty<Finding>();

        public override string ToString() => $"{Path ?? MessageId ?? "message"}: dmarc={(Dmarc?.Result.ToString() ?? "none").ToLowerInvariant()}";
    }
}
