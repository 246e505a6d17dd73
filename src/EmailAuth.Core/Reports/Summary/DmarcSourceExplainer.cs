using System;
using System.Globalization;
using System.Linq;
using EmailAuth.Core.Reports.Dmarc;
using static EmailAuth.Core.Reports.Summary.DmarcRowClassifier;

namespace EmailAuth.Core.Reports.Summary
{
    /// <summary>
    /// Says in plain words why a source passes or fails, from its largest row of the status it has, and what to do.
    /// Report text is hostile: it is only ever placed in these sentences, and encoded where rendered.
    /// </summary>
    internal static class DmarcSourceExplainer
    {
        public const string AmazonSes = "Amazon SES";

        public static (string Explanation, string? Fix) Explain(DmarcSourceStatus status, DmarcReportRecord row, string domain, string source, string? service)
        {
            var spf = SpfText(row, domain);
            var dkim = DkimText(row, domain);
            var who = service ?? "source " + source;
            switch (status)
            {
                case DmarcSourceStatus.Aligned:
                    // SPF failing while DKIM passes aligned is what forwarding does (the forwarder's IP is not in SPF, RFC 7960).
                    if (!SpfAligned(row) && DkimAligned(row) && !row.SpfResults.Any(x => Is(x.Result, "pass")))
                        return ($"{(service ?? "forwarder " + source)}: SPF fails, DKIM passes aligned — fine (typical of forwarding).", null);
                    return ($"{who}: {spf}; {dkim} — aligned, fine.", null);
                case DmarcSourceStatus.Forwarded:
                    var reason = row.PolicyOverrides.FirstOrDefault();
                    return ($"{(service ?? "forwarder or mailing list " + source)}: {spf}; {dkim}" + (reason != null ? $"; the receiver noted {reason}" : string.Empty)
                            + $" — mail from {domain} changed in transit (forwarding or a mailing list); this does not block enforcement.",
                            $"Nothing to fix at {domain}'s side; keep DKIM signing all mail so that forwarded mail that is not changed still passes.");
                case DmarcSourceStatus.NotAligned:
                    return ($"{who}: {spf}; {dkim}.", NotAlignedFix(row, domain, service));
                default:
                    return ($"{service ?? "unknown source " + source}: both fail ({spf}; {dkim}) — spoofing or an unauthorised service.",
                            $"If you do not know this source, nothing to fix: p=quarantine or p=reject stops it. If it sends for {domain}, authorise it: add it to SPF or send through an authorised server, and have it sign with DKIM as {domain}.");
            }
        }

        private static string NotAlignedFix(DmarcReportRecord row, string domain, string? service)
        {
            if (string.Equals(service, AmazonSes, StringComparison.OrdinalIgnoreCase))
                return $"In Amazon SES, verify {domain} (or its organizational domain) as a domain identity with Easy DKIM so SES signs as {domain}, and set a custom MAIL FROM domain (e.g. mail.{domain}) so SPF aligns too.";
            var ownSigner = row.DkimResults.Any(d => Is(d.Result, "pass") && Related(d.Domain, domain));
            var ownEnvelope = row.SpfResults.Any(s => Is(s.Result, "pass") && Related(s.Domain, domain));
            if (ownSigner || ownEnvelope)
                return $"The passing name belongs to {domain}'s organization but does not align under the published adkim/aspf: use relaxed alignment (adkim=r, aspf=r), or sign with d={domain} and use a MAIL FROM of {domain}.";
            return $"Have {service ?? "the service"} sign with DKIM as {domain} (publish the key it gives you under a selector of {domain}) and, if it can, use a MAIL FROM (return path) under {domain}.";
        }

        private static string SpfText(DmarcReportRecord r, string domain)
        {
            var s = r.SpfResults.FirstOrDefault(x => x.Scope == null || Is(x.Scope, "mfrom")) ?? r.SpfResults.FirstOrDefault();
            if (s == null) return "no SPF result";
            var d = Normalize(s.Domain);
            if (!Is(s.Result, "pass")) return $"SPF {Lower(s.Result)} for {Name(d)}";
            return SpfAligned(r) ? $"SPF passes for {Name(d)}, aligned" : $"SPF passes for {Name(d)}, which does not align with {domain}";
        }

        private static string DkimText(DmarcReportRecord r, string domain)
        {
            if (r.DkimResults.Count == 0) return "no DKIM signature";
            var pass = r.DkimResults.FirstOrDefault(d => Is(d.Result, "pass"));
            if (pass != null)
            {
                var d = Normalize(pass.Domain);
                return DkimAligned(r) ? $"DKIM passes aligned as {Name(d)}" : $"DKIM signs as {Name(d)}, which does not align";
            }
            var first = r.DkimResults[0];
            return $"DKIM {Lower(first.Result)} for d={Name(Normalize(first.Domain))}";
        }

        private static string Name(string d) => d.Length == 0 ? "(no domain)" : d;
        private static string Lower(string? s) => string.IsNullOrWhiteSpace(s) ? "(no result)" : s!.Trim().ToLower(CultureInfo.InvariantCulture);
    }
}
