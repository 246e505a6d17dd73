using System;
using System.Collections.Generic;
using System.Linq;
using EmailAuth.Core.Dmarc;
using EmailAuth.Core.Spf;

namespace EmailAuth.Core.Alignment
{
    /// <summary>
    /// What to change when DMARC fails, in words. Amazon SES is named where its defaults are the cause
    /// (DESIGN.md §5): its default MAIL FROM is under amazonses.com and never aligns; an email-address
    /// identity signs with d=amazonses.com.
    /// </summary>
    internal static class DmarcFixAdvisor
    {
        private const string SesDomain = "amazonses.com";

        /// <summary>
        /// "verify … with Easy DKIM …": SES signs with the verified domain identity's name, so the From domain itself always
        /// aligns; its Organizational Domain covers subdomains too but aligns only under relaxed adkim (RFC 7489 §3.1.1).
        /// </summary>
        internal static string SesEasyDkimFix(string from, string fromOrg) =>
            $"verify {from} as an SES domain identity with Easy DKIM (publish its three CNAME records), so that SES signs with d={from}" +
            (string.Equals(from, fromOrg, System.StringComparison.OrdinalIgnoreCase)
                ? "."
                : $"; with relaxed adkim, verifying {fromOrg} (which covers its subdomains) is enough.");

        public static string Advise(DmarcEvaluation e, string fromOrg)
        {
            var fixes = new List<string>();
            var sesSigner = e.DkimAlignments.FirstOrDefault(a => !a.Aligned && IsUnder(a.AuthenticatedDomain, SesDomain));
            var sesMailFrom = e.MailFromDomain != null && IsUnder(e.MailFromDomain, SesDomain);

            if (sesSigner != null)
                fixes.Add($"Amazon SES signed with d={sesSigner.AuthenticatedDomain}, as it does for an email-address identity: {SesEasyDkimFix(e.FromDomain, fromOrg)}");
            else if (e.DkimAlignments.Count == 0)
                fixes.Add($"Sign the mail with DKIM as d={e.FromDomain} (or, with relaxed adkim, another domain under {fromOrg}).");
            else
            {
                var strict = e.DkimAlignments.FirstOrDefault(a => a.Mode == DmarcAlignmentMode.Strict && a.FromOrganizationalDomain != null
                                                                   && a.FromOrganizationalDomain == a.AuthenticatedOrganizationalDomain);
                fixes.Add(strict != null
                    ? $"adkim=s needs d= to be exactly {e.FromDomain}: sign as d={e.FromDomain}, or publish adkim=r to accept d={strict.AuthenticatedDomain}."
                    : $"Sign the mail with DKIM as d={e.FromDomain} (or, with relaxed adkim, another domain under {fromOrg}) instead of d={string.Join(", d=", e.DkimAlignments.Select(a => a.AuthenticatedDomain))}.");
            }

            var spf = e.SpfAlignment;
            if (sesMailFrom)
                fixes.Add($"Amazon SES used its default MAIL FROM domain {e.MailFromDomain}, which never aligns: set a custom MAIL FROM subdomain such as bounce.{e.FromDomain}, with MX \"10 feedback-smtp.<region>.amazonses.com\" and TXT \"v=spf1 include:amazonses.com ~all\".");
            else if (spf != null && spf.Aligned && e.SpfResult != SpfResult.Pass)
                fixes.Add($"SPF gave {e.SpfResult.ToString().ToLowerInvariant()} for {e.MailFromDomain}: authorize the sending servers in its SPF record.");
            else if (spf != null && !spf.Aligned && spf.Mode == DmarcAlignmentMode.Strict && spf.FromOrganizationalDomain != null
                     && spf.FromOrganizationalDomain == spf.AuthenticatedOrganizationalDomain)
                fixes.Add($"aspf=s needs the MAIL FROM domain to be exactly {e.FromDomain}: use it as the MAIL FROM domain, or publish aspf=r to accept {e.MailFromDomain}.");
            else if (spf != null && !spf.Aligned)
                fixes.Add($"Or send with a MAIL FROM domain under {fromOrg} whose SPF record authorizes the sending servers, instead of {e.MailFromDomain}.");
            return string.Join(" ", fixes);
        }

        private static bool IsUnder(string name, string domain) =>
            string.Equals(name, domain, StringComparison.OrdinalIgnoreCase) || name.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase);
    }
}
