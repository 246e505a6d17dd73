using System.Collections.Generic;
using System.Linq;
using EmailAuth.Core.Audit;

namespace EmailAuth.Core.Dmarc
{
    /// <summary>What a record's policy means for protection (p=none, pct, t=y, weak sp/np, no reports); no DNS.</summary>
    internal static class DmarcPolicyLinter
    {
        public static IEnumerable<Finding> Lint(DmarcRecord record, string? policyDomain)
        {
            if (!record.IsDmarcRecord) yield break;
            var where = policyDomain != null ? $" (_dmarc.{policyDomain})" : string.Empty;
            var p = record.Policy;
            if (!record.IsDiscarded && (p ?? DmarcPolicy.None) == DmarcPolicy.None)
                yield return new Finding(DmarcFindingCodes.PolicyNone, FindingSeverity.Warning,
                    $"The policy{where} is p=none: receivers take no action on mail that fails DMARC, so the domain can still be spoofed (monitoring only).",
                    "Enforcement needs every legitimate sender to pass SPF or DKIM aligned with the From domain: read the aggregate reports (rua=), fix the senders that fail, then move to p=quarantine and later p=reject.",
                    "RFC 9989 (p tag; Domain Owner Actions)", policyDomain);
            if (record.Tags.Any(t => t.Name == "pct") && record.Pct < 100)
                yield return new Finding(DmarcFindingCodes.PartialPercentage, FindingSeverity.Warning,
                    $"pct={record.Pct}: RFC 7489 receivers apply the policy to {record.Pct}% of failing mail only (RFC 9989 receivers ignore pct=).",
                    "Remove pct= (or set pct=100) once the reports show legitimate mail passing; use t=y instead for testing.", "RFC 7489 §6.3 (pct)", policyDomain);
            if (record.Testing)
                yield return new Finding(DmarcFindingCodes.TestingMode, FindingSeverity.Warning,
                    "t=y: the domain asks RFC 9989 receivers not to apply its policy (testing mode).",
                    "Remove t=y when the policy is ready to be enforced.", "RFC 9989 (t tag)", policyDomain);
            if (p != null && record.SubdomainPolicy != null && record.SubdomainPolicy < p)
                yield return new Finding(DmarcFindingCodes.SubdomainPolicyWeaker, FindingSeverity.Warning,
                    $"sp={Name(record.SubdomainPolicy.Value)} is weaker than p={Name(p.Value)}: mail from subdomains gets less protection than the domain itself.",
                    $"Set sp={Name(p.Value)} (or remove sp=) unless a subdomain still needs time to authenticate its mail.", "RFC 9989 (sp tag)", policyDomain);
            if (p != null && record.NonexistentDomainPolicy != null && record.NonexistentDomainPolicy < p)
                yield return new Finding(DmarcFindingCodes.NonexistentPolicyWeaker, FindingSeverity.Warning,
                    $"np={Name(record.NonexistentDomainPolicy.Value)} is weaker than p={Name(p.Value)}: names that do not exist can be used in From with less protection.",
                    "Set np=reject: no legitimate mail comes from a name that does not exist.", "RFC 9989 (np tag); RFC 9091 §4.1", policyDomain);
            if (!record.Rua.Any(u => u.IsValid))
                yield return new Finding(DmarcFindingCodes.NoAggregateReports, FindingSeverity.Warning,
                    "The record requests no aggregate reports (no valid rua=): nobody sees which senders pass or fail, so enforcement cannot be reached safely.",
                    "Add rua=mailto:<mailbox> for a mailbox or a report-processing service.", "RFC 9989 (rua tag)", policyDomain);
        }

        internal static string Name(DmarcPolicy policy) => policy.ToString().ToLowerInvariant();
    }
}
