using System;
using System.Linq;
using EmailAuth.Core.Domains;
using EmailAuth.Core.Reports.Dmarc;

namespace EmailAuth.Core.Reports.Summary
{
    /// <summary>
    /// Sorts one report row into a <see cref="DmarcSourceStatus"/> from what the reporter wrote: policy_evaluated
    /// (the aligned results, RFC 7489 appendix C) decides pass/fail; auth_results (the raw SPF and DKIM checks, which
    /// are "not necessarily aligned", RFC 7489 §7.2.1.1) says why a failing row failed.
    /// </summary>
    internal static class DmarcRowClassifier
    {
        /// <summary>policy_evaluated reason types that mean the message was relayed (RFC 7489 appendix C PolicyOverrideType).</summary>
        private static readonly string[] ForwardingOverrides = { "forwarded", "mailing_list", "trusted_forwarder" };

        public static bool DkimAligned(DmarcReportRecord r) => r.DkimAligned || Is(r.DkimEvaluated, "pass");
        public static bool SpfAligned(DmarcReportRecord r) => r.SpfAligned || Is(r.SpfEvaluated, "pass");

        public static DmarcSourceStatus Classify(DmarcReportRecord r, string domain)
        {
            if (r.Aligned || DkimAligned(r) || SpfAligned(r)) return DmarcSourceStatus.Aligned;
            // The receiver said it was relayed, or the domain's own DKIM signature is there but no longer verifies:
            // the message started out legitimate and was changed in transit (list footers, subject tags).
            if (r.PolicyOverrides.Any(o => ForwardingOverrides.Contains(o.Type, StringComparer.OrdinalIgnoreCase))
                || r.DkimResults.Any(d => !Is(d.Result, "pass") && Related(d.Domain, domain)))
                return DmarcSourceStatus.Forwarded;
            // Something authenticated, just not aligned: a known service, or a name of the domain's own under strict
            // adkim/aspf. An unknown source passing for a foreign domain is a stranger's server, not a setup mistake.
            var passing = r.SpfResults.Where(s => Is(s.Result, "pass")).Select(s => s.Domain)
                .Concat(r.DkimResults.Where(d => Is(d.Result, "pass")).Select(d => d.Domain)).ToList();
            if (passing.Count > 0 && (r.SendingService != null || passing.Any(p => Related(p, domain))))
                return DmarcSourceStatus.NotAligned;
            return DmarcSourceStatus.Unauthorized;
        }

        /// <summary>
        /// Relaxed alignment (RFC 7489 §3.1.1, §3.2): the same organizational domain, taken here from the embedded
        /// Public Suffix List; an exact match otherwise.
        /// </summary>
        public static bool Related(string? a, string? b)
        {
            a = Normalize(a);
            b = Normalize(b);
            if (a.Length == 0 || b.Length == 0) return false;
            if (a == b) return true;
            var oa = PublicSuffixList.Embedded.GetRegistrableDomain(a);
            return oa != null && string.Equals(oa, PublicSuffixList.Embedded.GetRegistrableDomain(b), StringComparison.OrdinalIgnoreCase);
        }

        public static string Normalize(string? domain) => (domain ?? string.Empty).Trim().TrimEnd('.').ToLowerInvariant();

        public static bool Is(string? value, string expected) => string.Equals(value?.Trim(), expected, StringComparison.OrdinalIgnoreCase);
    }
}
