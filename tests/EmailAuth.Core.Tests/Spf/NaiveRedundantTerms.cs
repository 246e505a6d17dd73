using System;
using System.Collections.Generic;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Spf;

namespace EmailAuth.Core.Tests.Spf
{
    /// <summary>
    /// The pairwise duplicate/shadow rules exactly as SpfLinter applied them before SpfRedundantTerms
    /// (quadratic: every ip4/ip6 term against every earlier one): the reference the fast analysis must equal.
    /// </summary>
    internal static class NaiveRedundantTerms
    {
        /// <summary>Per term: index of the first earlier equal term, and of the first earlier network shadowing it (-1: none).</summary>
        public static (int[] DuplicateOf, int[] ShadowedBy, long Comparisons) Analyse(IReadOnlyList<SpfTerm> terms)
        {
            var duplicateOf = new int[terms.Count];
            var shadowedBy = new int[terms.Count];
            long comparisons = 0;
            var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            var networks = new List<int>();
            var keys = new string[terms.Count]; // computed once: the rule, not its cost, is the reference
            for (var i = 0; i < terms.Count; i++)
            {
                var t = terms[i];
                var key = keys[i] = SpfRedundantTerms.Canonical(t);
                duplicateOf[i] = seen.TryGetValue(key, out var first) ? first : -1;
                if (duplicateOf[i] < 0) seen[key] = i;
                shadowedBy[i] = -1;
                if (t.Type != SpfTermType.Ip4 && t.Type != SpfTermType.Ip6) continue;
                foreach (var e in networks)
                {
                    comparisons++;
                    var earlier = terms[e];
                    if (earlier.Qualifier == t.Qualifier && earlier.Network!.Contains(t.Network!) && keys[e] != key)
                    {
                        shadowedBy[i] = e;
                        break;
                    }
                }
                networks.Add(i);
            }
            return (duplicateOf, shadowedBy, comparisons);
        }

        /// <summary>The SPF_DUPLICATE_TERM and SPF_SHADOWED_TERM findings the old linter gave, in its order and words.</summary>
        public static List<Finding> Findings(SpfRecord record, string domain)
        {
            var (duplicateOf, shadowedBy, _) = Analyse(record.Terms);
            var findings = new List<Finding>();
            SpfTerm? all = null;
            var reportedAfterAll = false;
            for (var i = 0; i < record.Terms.Count; i++)
            {
                var t = record.Terms[i];
                var subject = $"{domain}: {t.Text}";
                if (t.Type.IsMechanism() && all != null && !reportedAfterAll)
                {
                    reportedAfterAll = true;
                    findings.Add(new Finding(SpfFindingCodes.ShadowedTerm, FindingSeverity.Warning,
                        $"{domain}: \"{t.Text}\" and every mechanism after \"{all.Text}\" are never evaluated.", null, null, subject));
                }
                if (duplicateOf[i] >= 0)
                    findings.Add(new Finding(SpfFindingCodes.DuplicateTerm, FindingSeverity.Warning,
                        $"{domain}: \"{t.Text}\" repeats \"{record.Terms[duplicateOf[i]].Text}\"" + (t.Type.QueriesDns() ? " and costs another DNS lookup." : "."),
                        null, null, subject));
                if (t.Type == SpfTermType.All) all ??= t;
                if (shadowedBy[i] >= 0)
                    findings.Add(new Finding(SpfFindingCodes.ShadowedTerm, FindingSeverity.Warning,
                        $"{domain}: \"{t.Text}\" lies inside \"{record.Terms[shadowedBy[i]].Text}\" and never changes the result.", null, null, subject));
            }
            return findings;
        }
    }
}
