using System;
using System.Collections.Generic;
using System.Linq;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Dmarc;
using EmailAuth.Core.Spf;

namespace EmailAuth.Core.Alignment
{
    /// <summary>
    /// The reasons behind a DMARC verdict as findings with stable codes (<see cref="DmarcVerdictFindingCodes"/>), so that
    /// scripts match a code where <see cref="DmarcEvaluation.Reasons"/> are words. Amazon SES's defaults get codes of
    /// their own (DESIGN.md §5): a MAIL FROM under amazonses.com and d=amazonses.com never align with a customer's domain.
    /// An identifier that failed is Info when DMARC passed through the other one, Warning when DMARC did not pass.
    /// </summary>
    internal static class DmarcVerdictFindings
    {
        private const string SesDomain = "amazonses.com";
        private const string AlignmentRef = "RFC 7489 §3.1";

        public static IReadOnlyList<Finding> For(DmarcEvaluation e, DmarcPolicyInfo policy, string fromOrg)
        {
            var list = new List<Finding>();
            var from = e.FromDomain;
            var passed = e.Result == DmarcResult.Pass;
            var severity = passed ? FindingSeverity.Info : FindingSeverity.Warning;

            if (e.Result == DmarcResult.None)
                list.Add(new Finding(DmarcVerdictFindingCodes.NoPolicy, FindingSeverity.Error,
                    policy.Record == null
                        ? $"No DMARC record applies to {from}: receivers apply no DMARC (dmarc=none), whatever SPF and DKIM say."
                        : $"The DMARC record that applies to {from} is unusable, so receivers apply no DMARC (dmarc=none).",
                    e.Fix, "RFC 7489 §6.6.3", from));
            else if (e.Result == DmarcResult.TempError)
                list.Add(new Finding(DmarcVerdictFindingCodes.TempError, FindingSeverity.Error,
                    $"The DMARC verdict for {from} is undecided (temperror): {e.Reasons.LastOrDefault()}",
                    e.Fix ?? "Retry later, raise -TimeoutSec, or ask another resolver with -Server.", "RFC 7489 §6.6.3", from));

            // SPF (RFC 7489 §3.1.2, §4.2): a pass counts only with an aligned MAIL FROM domain.
            var mailFrom = e.MailFromDomain;
            if (mailFrom == null || e.SpfResult != SpfResult.Pass)
                list.Add(new Finding(DmarcVerdictFindingCodes.SpfNotPassed, severity,
                    mailFrom == null
                        ? "No MAIL FROM domain was given, so SPF cannot give DMARC an aligned pass."
                        : $"SPF gave {e.SpfResult.ToString().ToLowerInvariant()} for {mailFrom}, so SPF cannot give DMARC a pass.",
                    mailFrom == null ? null : $"Authorize the sending servers in the SPF record of {mailFrom}.", "RFC 7208 §2.6; RFC 7489 §4.2", mailFrom ?? from));
            else if (!e.SpfAligned && e.SpfAlignment != null && e.SpfAlignment.Error == null)
            {
                var a = e.SpfAlignment;
                if (IsUnder(mailFrom, SesDomain))
                    list.Add(new Finding(DmarcVerdictFindingCodes.SpfNotAlignedSesDefaultMailFrom, severity,
                        $"SPF passes for {mailFrom}, Amazon SES's default MAIL FROM domain, but it does not align with {from}: it never does.",
                        $"Set a custom MAIL FROM subdomain in SES, such as bounce.{from}, with MX \"10 feedback-smtp.<region>.amazonses.com\" and TXT \"v=spf1 include:amazonses.com ~all\".",
                        AlignmentRef + ".2", mailFrom));
                else
                    list.Add(new Finding(DmarcVerdictFindingCodes.SpfNotAligned, severity,
                        $"SPF passes for {mailFrom}, but it does not align with {from}: {a.Reason}",
                        StrictButSameOrg(a)
                            ? $"aspf=s needs the MAIL FROM domain to be exactly {from}: use it, or publish aspf=r."
                            : $"Send with a MAIL FROM domain under {fromOrg} whose SPF record authorizes the sending servers.",
                        AlignmentRef + ".2", mailFrom));
            }

            // DKIM (RFC 7489 §3.1.1): one aligned passing signature is enough, so unaligned ones matter only without it.
            if (e.DkimAlignments.Count == 0)
                list.Add(new Finding(DmarcVerdictFindingCodes.NoDkimSignature, severity,
                    "No passing DKIM signature was given, so DKIM cannot give DMARC a pass.",
                    $"Sign the mail with DKIM as d={from} (or, with relaxed adkim, another domain under {fromOrg}).", "RFC 6376; RFC 7489 §4.2", from));
            else if (!e.DkimAligned)
                foreach (var a in e.DkimAlignments.Where(x => x.Error == null))
                {
                    if (IsUnder(a.AuthenticatedDomain, SesDomain))
                        list.Add(new Finding(DmarcVerdictFindingCodes.DkimNotAlignedSesDefault, severity,
                            $"DKIM passes for d={a.AuthenticatedDomain}, the domain Amazon SES signs with for an email-address identity, but it does not align with {from}.",
                            "V" + DmarcFixAdvisor.SesEasyDkimFix(from, fromOrg).Substring(1),
                            AlignmentRef + ".1", a.AuthenticatedDomain));
                    else
                        list.Add(new Finding(DmarcVerdictFindingCodes.DkimNotAligned, severity,
                            $"DKIM passes for d={a.AuthenticatedDomain}, but it does not align with {from}: {a.Reason}",
                            StrictButSameOrg(a)
                                ? $"adkim=s needs d= to be exactly {from}: sign as d={from}, or publish adkim=r."
                                : $"Sign as d={from} (or, with relaxed adkim, another domain under {fromOrg}).",
                            AlignmentRef + ".1", a.AuthenticatedDomain));
                }

            if (e.Result == DmarcResult.Fail)
            {
                list.Add(new Finding(DmarcVerdictFindingCodes.Fail, FindingSeverity.Error,
                    $"DMARC fails for {from}: neither SPF nor DKIM passed with a domain aligned with it; the disposition asked for is {e.Disposition.ToString().ToLowerInvariant()}.",
                    e.Fix, "RFC 7489 §6.6.2", from));
                // What the receiver does with the failure (RFC 9989: t=y; p=none only monitors; pct is gone but still read).
                if (e.Testing)
                    list.Add(new Finding(DmarcFindingCodes.TestingMode, FindingSeverity.Info,
                        $"The record at _dmarc.{policy.PolicyDomain} is in testing mode ({(policy.Testing ? "t=y" : "pct=0")}): receivers are asked not to apply the policy.",
                        "Remove t=y (and pct=0) when the reports show all legitimate mail passing.", "RFC 9989", policy.PolicyDomain));
                else if (e.Policy == DmarcPolicy.None)
                    list.Add(new Finding(DmarcFindingCodes.PolicyNone, FindingSeverity.Info,
                        $"The policy that applies to {from} is none: failing mail is delivered and reported.",
                        "Move to p=quarantine, then p=reject, once the reports show all legitimate mail passing.", "RFC 7489 §6.3", policy.PolicyDomain));
                else if (e.Pct is int pct && pct < 100)
                    list.Add(new Finding(DmarcFindingCodes.PartialPercentage, FindingSeverity.Info,
                        $"pct={pct}: RFC 7489 receivers apply the policy to {pct}% of failing mail; RFC 9989 receivers ignore pct.",
                        "Remove pct (RFC 9989 dropped it) or set pct=100.", "RFC 7489 §6.3; RFC 9989", policy.PolicyDomain));
            }
            return list;
        }

        private static bool StrictButSameOrg(AlignmentResult a) =>
            a.Mode == DmarcAlignmentMode.Strict && a.FromOrganizationalDomain != null && a.FromOrganizationalDomain == a.AuthenticatedOrganizationalDomain;

        private static bool IsUnder(string name, string domain) =>
            string.Equals(name, domain, StringComparison.OrdinalIgnoreCase) || name.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase);
    }
}
