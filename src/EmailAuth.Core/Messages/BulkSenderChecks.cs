using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using EmailAuth.Core.Alignment;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Messages.Dkim;
using MimeKit;

namespace EmailAuth.Core.Messages
{
    /// <summary>
    /// Gmail's and Yahoo's 2024 bulk-sender rules for unsubscribing (RFC 8058 one-click): a List-Unsubscribe field with
    /// an https URI (RFC 2369 §3.2 angle-bracketed URIs), "List-Unsubscribe-Post: List-Unsubscribe=One-Click", and a
    /// valid DKIM signature aligned with From whose h= covers both fields (RFC 8058 §4). Missing List-Unsubscribe is
    /// only Info: the message may not be bulk mail.
    /// </summary>
    internal static class BulkSenderChecks
    {
        private const string Ref = "RFC 8058 §3.1; RFC 2369 §3.2";
        private static readonly Regex Uri = new Regex(@"<\s*([^>\s]+)\s*>", RegexOptions.CultureInvariant);

        public static IEnumerable<Finding> Check(MimeMessage message, IReadOnlyList<DkimSignatureResult> dkim, DmarcEvaluation? dmarc, string? fromDomain)
        {
            var lu = message.Headers.Where(h => h.Id == HeaderId.ListUnsubscribe).Select(h => h.Value).ToList();
            if (lu.Count == 0)
            {
                yield return new Finding(MessageFindingCodes.ListUnsubscribeMissing, FindingSeverity.Info,
                    "The message has no List-Unsubscribe field; Gmail and Yahoo require one-click unsubscribe (RFC 8058) from bulk senders (5,000 or more messages a day).",
                    "For marketing and subscribed mail, add \"List-Unsubscribe: <https://...>\" and \"List-Unsubscribe-Post: List-Unsubscribe=One-Click\", both covered by your DKIM signature.",
                    Ref, fromDomain);
                yield break;
            }
            var uris = lu.SelectMany(v => Uri.Matches(v).Cast<Match>().Select(m => m.Groups[1].Value)).Take(32).ToList();
            if (!uris.Any(u => u.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
                yield return new Finding(MessageFindingCodes.ListUnsubscribeNoHttps, FindingSeverity.Warning,
                    $"List-Unsubscribe holds no https URI ({(uris.Count == 0 ? "no <URI> at all" : string.Join(", ", uris))}); one-click unsubscribe posts to an https URI.",
                    "Add an https URI in angle brackets: List-Unsubscribe: <https://example.com/unsubscribe/opaque-token>, <mailto:...>.",
                    Ref, fromDomain);
            var post = message.Headers.Where(h => h.Id == HeaderId.ListUnsubscribePost).Select(h => h.Value.Trim()).ToList();
            if (post.Count != 1 || !string.Equals(post[0], "List-Unsubscribe=One-Click", StringComparison.Ordinal))
                yield return new Finding(MessageFindingCodes.ListUnsubscribePostMissing, FindingSeverity.Warning,
                    post.Count == 0
                        ? "List-Unsubscribe is present but List-Unsubscribe-Post is missing: receivers cannot unsubscribe with one click."
                        : $"List-Unsubscribe-Post should hold exactly \"List-Unsubscribe=One-Click\", not \"{string.Join("\", \"", post)}\".",
                    "Add the field \"List-Unsubscribe-Post: List-Unsubscribe=One-Click\".", Ref, fromDomain);

            var aligned = new HashSet<string>((dmarc?.DkimAlignments ?? Array.Empty<AlignmentResult>()).Where(a => a.Aligned).Select(a => a.AuthenticatedDomain),
                                              StringComparer.OrdinalIgnoreCase);
            var covering = dkim.Where(s => s.Result == DkimVerificationResult.Pass && s.Domain != null && aligned.Contains(s.Domain)
                                           && Covers(s.SignedHeaders, "List-Unsubscribe") && (post.Count == 0 || Covers(s.SignedHeaders, "List-Unsubscribe-Post")));
            if (!covering.Any())
                yield return new Finding(MessageFindingCodes.ListUnsubscribeNotSigned, FindingSeverity.Warning,
                    "No valid DKIM signature aligned with the From domain covers List-Unsubscribe and List-Unsubscribe-Post, as one-click unsubscribe requires.",
                    $"Sign as d={fromDomain ?? "<From domain>"} and include both fields in the signature's h= tag.", "RFC 8058 §4", fromDomain);
        }

        private static bool Covers(string[] signed, string field) =>
            signed.Any(h => string.Equals(h.Trim(), field, StringComparison.OrdinalIgnoreCase));
    }
}
