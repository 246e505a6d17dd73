using System.Collections.Generic;
using System.Linq;
using EmailAuth.Core.Alignment;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Messages.Dkim;
using EmailAuth.Core.Spf;

namespace EmailAuth.Core.Messages
{
    /// <summary>
    /// The verdict in a few plain sentences, in the order a receiver decides: SPF (and whether its domain aligns), each
    /// DKIM signature (and whether its d= aligns), the DMARC result and what the policy asks, the fix, then where the
    /// message's own Authentication-Results disagree.
    /// </summary>
    internal static class MessageExplanation
    {
        public static string Build(EmailMessageAuthResult r, FromIdentity from)
        {
            var parts = new List<string>();
            var dmarc = r.Dmarc;
            var fromDomain = r.FromDomain;

            // SPF
            if (r.Spf == null)
                parts.Add("SPF was not evaluated: no Received header names the client's IP address (give -ClientIPAddress)");
            else
            {
                var who = string.IsNullOrEmpty(r.MailFrom) ? $"the HELO name {r.Helo} (null MAIL FROM)" : r.MailFrom!;
                var spfWord = r.Spf.Result.ToString().ToLowerInvariant();
                var a = dmarc?.SpfAlignment;
                if (r.Spf.Result == SpfResult.Pass && a != null)
                    parts.Add(a.Aligned
                        ? $"SPF passed for {who} from {r.ClientIPAddress}, and {a.AuthenticatedDomain} aligns with {fromDomain}"
                        : $"SPF passed for {who} from {r.ClientIPAddress} but {a.AuthenticatedDomain} does not align with {fromDomain}");
                else
                    parts.Add($"SPF gave {spfWord} for {who} from {r.ClientIPAddress}{(r.Spf.Reason != null && r.Spf.Result != SpfResult.Pass ? $" ({r.Spf.Reason})" : string.Empty)}");
            }

            // DKIM
            if (r.Dkim.Count == 0)
                parts.Add("the message has no DKIM signature");
            var notAligned = r.Spf?.Result == SpfResult.Pass && dmarc?.SpfAlignment != null && !dmarc.SpfAlignment.Aligned;
            foreach (var s in r.Dkim.Take(8))
            {
                if (s.Result == DkimVerificationResult.Pass)
                {
                    var a = dmarc?.DkimAlignments.FirstOrDefault(x => string.Equals(x.AuthenticatedDomain, s.Domain, System.StringComparison.OrdinalIgnoreCase));
                    if (a == null) parts.Add($"DKIM passed for d={s.Domain}");
                    else if (a.Aligned) parts.Add($"DKIM passed for d={s.Domain}, which aligns with {fromDomain}");
                    else
                    {
                        parts.Add($"DKIM passed for d={s.Domain}, which does not align {(notAligned ? "either" : $"with {fromDomain}")}");
                        notAligned = true;
                    }
                }
                else
                    parts.Add($"DKIM {Word(s.Result)} for d={s.Domain} s={s.Selector}{(s.Reason != null ? $" ({s.Reason})" : string.Empty)}");
            }
            if (r.Dkim.Count > 8) parts.Add($"{r.Dkim.Count - 8} more DKIM signatures");

            // DMARC
            string? fix = null;
            if (dmarc == null)
            {
                var why = from.Findings.FirstOrDefault(f => f.Severity >= FindingSeverity.Error)?.Message ?? "the From field allows no DMARC verdict";
                parts.Add($"no DMARC verdict: {why.TrimEnd('.')}");
            }
            else
                switch (dmarc.Result)
                {
                    case DmarcResult.Pass:
                        parts.Add($"DMARC passes for {fromDomain}");
                        break;
                    case DmarcResult.None:
                        parts.Add($"no DMARC policy applies to {fromDomain} (dmarc=none)");
                        fix = dmarc.Fix;
                        break;
                    case DmarcResult.TempError:
                        parts.Add($"DMARC is undecided for {fromDomain} (temperror): a DNS lookup failed");
                        fix = dmarc.Fix;
                        break;
                    default:
                        var policy = dmarc.Policy?.ToString().ToLowerInvariant() ?? "none";
                        parts.Add(dmarc.Testing
                            ? $"DMARC fails, policy {policy} in testing mode (t=y): nothing is applied"
                            : $"DMARC fails, policy {policy}");
                        fix = dmarc.Fix;
                        break;
                }

            var text = string.Join("; ", parts);
            text = char.ToUpperInvariant(text[0]) + text.Substring(1) + ".";
            if (fix != null) text += " Fix: " + fix;
            if (r.Disagreements.Count > 0)
                text += $" The message's {r.Disagreements[0].Header.Split(' ')[0]} from {r.ComparedAuthServId} differ"
                      + $" on {string.Join(", ", r.Disagreements.Select(d => $"{d.Method}{(d.Subject != null ? " " + d.Subject : string.Empty)} (reported {d.Reported}, computed {d.Computed})"))}.";
            return text;
        }

        private static string Word(DkimVerificationResult result) => result switch
        {
            DkimVerificationResult.Fail => "failed",
            DkimVerificationResult.None => "gave none",
            _ => "gave " + result.ToString().ToLowerInvariant(),
        };
    }
}
