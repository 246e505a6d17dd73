using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Alignment;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Domains;
using EmailAuth.Core.Messages.AuthenticationResults;
using EmailAuth.Core.Messages.Dkim;
using EmailAuth.Core.Spf;
using MimeKit;

namespace EmailAuth.Core.Messages
{
    /// <summary>
    /// Evaluates one message as a receiver would (Test-EmailMessage): SPF (RFC 7208) for the client and MAIL FROM, every
    /// DKIM signature (RFC 6376) and the ARC chain (RFC 8617), DMARC (RFC 7489/9989) for the From domain; then compares
    /// with the message's own Authentication-Results (RFC 8601) and explains the verdict. All DNS goes through the
    /// resolver given, so -Server and -ZoneFile apply. Bounded: one message of at most MessageLoader.MaxBytes, at most
    /// <see cref="MaxResultFields"/> Authentication-Results fields read.
    /// </summary>
    public sealed class EmailMessageAnalyzer
    {
        /// <summary>Most Authentication-Results plus ARC-Authentication-Results fields parsed (each relay adds one).</summary>
        public const int MaxResultFields = 50;

        /// <summary>Most bytes read of one message.</summary>
        public const long MaxMessageBytes = MessageLoader.MaxBytes;

        private readonly IDnsResolver _resolver;
        private readonly SpfEvaluationOptions? _spfOptions;

        public EmailMessageAnalyzer(IDnsResolver resolver, SpfEvaluationOptions? spfOptions = null)
        {
            _resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));
            _spfOptions = spfOptions;
        }

        /// <summary>Reads and evaluates a message file (.eml). Throws <see cref="MessageLoadException"/> when it cannot be read as a message.</summary>
        public async Task<EmailMessageAuthResult> AnalyzeFileAsync(string path, MessageAnalysisOptions? options = null, CancellationToken cancellationToken = default)
        {
            MimeMessage message;
            try
            {
                message = await MessageLoader.LoadFileAsync(path, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is System.IO.IOException || e is UnauthorizedAccessException)
            {
                throw new MessageLoadException($"Cannot read '{path}': {e.Message}", e);
            }
            using (message)
                return await AnalyzeAsync(message, path, options, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Evaluates a message given as text (headers and body, as "show original" shows it).</summary>
        public async Task<EmailMessageAuthResult> AnalyzeTextAsync(string rawMessage, MessageAnalysisOptions? options = null, CancellationToken cancellationToken = default)
        {
            using var message = await MessageLoader.LoadTextAsync(rawMessage, cancellationToken).ConfigureAwait(false);
            return await AnalyzeAsync(message, null, options, cancellationToken).ConfigureAwait(false);
        }

        internal async Task<EmailMessageAuthResult> AnalyzeAsync(MimeMessage message, string? path, MessageAnalysisOptions? options, CancellationToken cancellationToken)
        {
            options ??= new MessageAnalysisOptions();
            var findings = new List<Finding>();
            var result = new EmailMessageAuthResult { Path = path, MessageId = message.MessageId, Subject = message.Subject };

            // 1. The From domain (RFC 7489 §6.6.1).
            var from = FromHeaderReader.Read(message);
            result.From = from.From;
            result.FromDomain = from.Domain;
            findings.AddRange(from.Findings);

            // 2. MAIL FROM: -MailFrom, else the Return-Path the delivering MTA wrote (RFC 5321 §4.4).
            var mailFrom = ToALabels(options.MailFrom != null ? StripBrackets(options.MailFrom) : ReturnPath(message));
            if (mailFrom == null)
                findings.Add(new Finding(MessageFindingCodes.MailFromUnknown, FindingSeverity.Warning,
                    "The message has no Return-Path field, so its MAIL FROM is unknown: SPF checks the HELO identity only.",
                    "Give the envelope sender with -MailFrom (the receiving MTA writes it as Return-Path when it delivers).", "RFC 7208 §2.4; RFC 5321 §4.4"));
            result.MailFrom = mailFrom;

            // 3. Client IP and HELO: the parameters, else the Received field the receiving MTA added (ClientHopLocator).
            var hop = ClientHopLocator.Locate(message.Headers.Where(h => h.Id == HeaderId.Received).Select(h => h.Value).Take(ClientHopLocator.MaxFields).ToList(),
                                              options.TrustedReceivers);
            IPAddress? ip;
            string? helo;
            if (options.ClientIPAddress != null)
            {
                ip = options.ClientIPAddress;
                helo = options.Helo ?? (hop != null && hop.IPAddress!.Equals(ip) ? hop.Helo : null);
                result.ClientSource = "parameter";
            }
            else
            {
                ip = hop?.IPAddress;
                helo = options.Helo ?? hop?.Helo;
                result.ClientSource = hop != null ? $"Received #{hop.Index + 1}: {Shorten(hop.Header)}" : null;
            }
            if (helo != null && !helo.All(c => c < 128)) helo = DomainNameInput.Normalize(helo, out _) ?? helo;
            result.ClientIPAddress = ip?.ToString();
            result.Helo = helo;

            // 4. SPF (RFC 7208 §4): MAIL FROM, or postmaster@HELO for the null sender (§2.4).
            if (ip == null)
                findings.Add(new Finding(MessageFindingCodes.ClientIPUnknown, FindingSeverity.Warning,
                    "No Received field names the sending client's IP address, so SPF is not evaluated (DMARC counts it as spf=none).",
                    "Give the client's address with -ClientIPAddress (and -Helo), or list the receiving organization's internal hosts with -TrustedReceiver.",
                    "RFC 7208 §2.3; RFC 5321 §4.4"));
            else
            {
                var spf = await new SpfEvaluator(_resolver, _spfOptions).CheckHostAsync(ip, null, mailFrom ?? string.Empty, helo ?? string.Empty, cancellationToken).ConfigureAwait(false);
                result.Spf = spf;
                result.SpfResult = spf.Result;
            }
            // The identity SPF authenticated for DMARC: the MAIL FROM domain, or the HELO name for the null sender (RFC 7489 §3.1.2, RFC 7208 §2.4).
            var spfDomainInput = string.IsNullOrEmpty(mailFrom) ? helo : mailFrom;
            result.MailFromDomain = spfDomainInput == null ? null : AlignmentDomainInput.Normalize(spfDomainInput, out _);

            // 5. DKIM and ARC (the dkimverify verifiers, on our DNS layer).
            var dkim = await new DkimSignatureVerifier(_resolver).VerifyAsync(message, cancellationToken).ConfigureAwait(false);
            result.Dkim = dkim;
            foreach (var s in dkim) findings.AddRange(s.Findings);
            result.DkimSigningDomain = dkim.Where(s => s.Result == DkimVerificationResult.Pass)
                .Where(s => s.Domain != null).Select(s => AlignmentDomainInput.Normalize(s.Domain, out _)).Where(d => d != null).Select(d => d!).Distinct().ToList();
            var arc = await new ArcChainVerifier(_resolver).VerifyAsync(message, cancellationToken).ConfigureAwait(false);
            result.Arc = arc;
            findings.AddRange(arc.Findings);
            if (arc.Result == ArcChainValidation.Fail)
                findings.Add(new Finding(MessageFindingCodes.ArcChainFailed, FindingSeverity.Warning,
                    $"The ARC chain does not validate (cv=fail){(arc.Reason != null ? ": " + arc.Reason : string.Empty)}; receivers ignore what its intermediaries vouch for.",
                    "Ask the forwarding intermediary to seal the message correctly; a chain broken in transit cannot be repaired by the sender.", "RFC 8617 §5.2"));

            // 6. DMARC (RFC 7489 §6.6), only for a usable From domain.
            if (from.Domain != null)
            {
                var dmarc = await new DmarcEvaluator(_resolver, options.SuffixList)
                    .EvaluateAsync(from.Domain, result.MailFromDomain, result.SpfResult, result.DkimSigningDomain, options.Method, cancellationToken).ConfigureAwait(false);
                result.Dmarc = dmarc;
                findings.AddRange(dmarc.Findings);
            }

            // 7. The message's own Authentication-Results (RFC 8601) and ARC-Authentication-Results (RFC 8617 §4.1.1).
            var reported = ReadReportedResults(message);
            result.ReportedResults = reported.Select(h => h.Info).ToList();
            var id = ReportedResultsComparer.ChooseAuthServId(reported, options.AuthServId);
            result.ComparedAuthServId = id;
            var selected = id == null ? new List<ReportedHeader>() : ReportedResultsComparer.Select(reported, id).ToList();
            if (reported.Count == 0)
                findings.Add(new Finding(MessageFindingCodes.NoReportedResults, FindingSeverity.Info,
                    "The message carries no Authentication-Results field, so there is no receiver verdict to compare with (the file may be the sent copy).",
                    "Save the message from the recipient's mailbox (\"show original\") to see what the receiver concluded.", "RFC 8601 §2"));
            else if (selected.Count == 0)
                findings.Add(new Finding(MessageFindingCodes.AuthServIdNotFound, FindingSeverity.Warning,
                    $"No Authentication-Results field is from authserv-id '{id}'; the message has fields from {string.Join(", ", AuthenticationResultsLookup.AuthServIds(reported.Select(h => h.Info)))}.",
                    "Give one of those with -AuthServId, or omit it to compare with the topmost field.", "RFC 8601 §2.5", id));
            var disagreements = ReportedResultsComparer.Compare(selected, new ComputedResults
            {
                Spf = result.Spf?.Result, MailFromDomain = result.MailFromDomain, Dkim = dkim, Dmarc = result.Dmarc, Arc = arc,
            });
            result.Disagreements = disagreements;
            foreach (var d in disagreements)
                findings.Add(new Finding(MessageFindingCodes.ReportedResultDiffers, FindingSeverity.Warning,
                    $"{d.Header} from {d.AuthServId} reports {d.Method}={d.Reported}{(d.Subject != null ? $" ({d.Subject})" : string.Empty)}, EmailAuth computes {d.Computed}.{(d.Note != null ? " " + d.Note : string.Empty)}",
                    "Check the client IP, MAIL FROM and DNS the receiver saw (-ClientIPAddress, -MailFrom, -Server); records changed since delivery explain many differences.",
                    "RFC 8601 §2.7", d.Subject ?? d.Method));

            // 8. Gmail/Yahoo bulk-sender unsubscribe rules (RFC 8058).
            findings.AddRange(BulkSenderChecks.Check(message, dkim, result.Dmarc, from.Domain));

            result.Findings = findings;
            result.Explanation = MessageExplanation.Build(result, from);
            return result;
        }

        private static List<ReportedHeader> ReadReportedResults(MimeMessage message)
        {
            var list = new List<ReportedHeader>();
            int ar = 0, aar = 0;
            foreach (var h in message.Headers)
            {
                if (list.Count >= MaxResultFields) break;
                var isArc = h.Id == HeaderId.ArcAuthenticationResults;
                if (h.Id != HeaderId.AuthenticationResults && !isArc) continue;
                // The parser never throws; a field without an authserv-id is unusable and ignored, as receivers do (RFC 8601 §2.2).
                var info = AuthenticationResultsParser.Parse(isArc ? AuthenticationResultsParser.ArcHeaderName : AuthenticationResultsParser.HeaderName, h.Value);
                if (string.IsNullOrEmpty(info.AuthServId)) continue;
                list.Add(new ReportedHeader(isArc ? aar++ : ar++, info));
            }
            return list;
        }

        private static string? ReturnPath(MimeMessage message)
        {
            var field = message.Headers.FirstOrDefault(h => h.Id == HeaderId.ReturnPath);
            return field == null ? null : StripBrackets(field.Value);
        }

        /// <summary>"&lt;a@b&gt;" → "a@b"; "&lt;&gt;" → "" (the null reverse-path, RFC 5321 §4.5.5).</summary>
        private static string StripBrackets(string value)
        {
            var v = value.Trim();
            var open = v.IndexOf('<');
            var close = v.LastIndexOf('>');
            if (open >= 0 && close > open) v = v.Substring(open + 1, close - open - 1);
            return v.Trim();
        }

        /// <summary>An SMTPUTF8 address (RFC 6531) with its domain in A-labels, as SPF asks DNS (RFC 5890); other input unchanged.</summary>
        private static string? ToALabels(string? address)
        {
            if (address == null || address.All(c => c < 128)) return address;
            var at = address.LastIndexOf('@');
            var domain = DomainNameInput.Normalize(at < 0 ? address : address.Substring(at + 1), out _);
            return domain == null ? address : (at < 0 ? domain : address.Substring(0, at + 1) + domain);
        }

        private static string Shorten(string text) => text.Length <= 160 ? text : text.Substring(0, 157) + "...";
    }
}
