using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Dmarc;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Domains;
using EmailAuth.Core.Spf;

namespace EmailAuth.Core.Alignment
{
    /// <summary>
    /// The DMARC verdict a receiver reaches from the identifiers of a message (RFC 7489 §6.6.2, §6.6.4; RFC 9989):
    /// pass when SPF passed with an aligned MAIL FROM domain or a DKIM signature passed with an aligned d=.
    /// Bounded: one policy discovery plus at most <see cref="MaxSigningDomains"/> + 1 alignment checks.
    /// </summary>
    public sealed class DmarcEvaluator
    {
        /// <summary>Most signing domains checked (a message with more signatures is unusual; extra ones are reported, not checked).</summary>
        public const int MaxSigningDomains = 16;

        private readonly IDnsResolver _resolver;
        private readonly PublicSuffixList? _list;

        public DmarcEvaluator(IDnsResolver resolver, PublicSuffixList? list = null)
        {
            _resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));
            _list = list;
        }

        /// <param name="fromDomain">The RFC5322.From domain (or address).</param>
        /// <param name="mailFromDomain">The RFC5321.MailFrom domain (or address); null or empty when unknown.</param>
        /// <param name="spfResult">The SPF result for the MAIL FROM domain.</param>
        /// <param name="dkimSigningDomains">The d= of each DKIM signature that verified.</param>
        public Task<DmarcEvaluation> EvaluateAsync(string fromDomain, string? mailFromDomain, SpfResult spfResult,
                                                   IReadOnlyList<string>? dkimSigningDomains,
                                                   OrganizationalDomainMethod method = OrganizationalDomainMethod.TreeWalk,
                                                   CancellationToken cancellationToken = default) =>
            EvaluateAsync(fromDomain, mailFromDomain, spfResult, dkimSigningDomains, method, null, cancellationToken);

        /// <param name="discovered">
        /// The From domain's policy when the caller has already discovered it with the same <paramref name="method"/>
        /// (the posture audit's DMARC section): the discovery is not repeated. Ignored when it names another domain or method.
        /// </param>
        internal async Task<DmarcEvaluation> EvaluateAsync(string fromDomain, string? mailFromDomain, SpfResult spfResult,
                                                           IReadOnlyList<string>? dkimSigningDomains, OrganizationalDomainMethod method,
                                                           DmarcPolicyInfo? discovered, CancellationToken cancellationToken)
        {
            var from = AlignmentDomainInput.Normalize(fromDomain, out var fromError) ?? throw new ArgumentException(fromError, nameof(fromDomain));
            string? mailFrom = null;
            if (!string.IsNullOrWhiteSpace(mailFromDomain))
                mailFrom = AlignmentDomainInput.Normalize(mailFromDomain, out var mfError) ?? throw new ArgumentException(mfError, nameof(mailFromDomain));
            var given = new List<string>();
            // By index, no LINQ: the posture audit evaluates every domain.
            if (dkimSigningDomains != null)
                for (var i = 0; i < dkimSigningDomains.Count; i++)
                    if (!string.IsNullOrWhiteSpace(dkimSigningDomains[i])) given.Add(dkimSigningDomains[i]);
            var signers = new List<string>();
            for (var i = 0; i < given.Count && i < MaxSigningDomains; i++)
            {
                var d = given[i];
                var n = AlignmentDomainInput.Normalize(d, out var dError) ?? throw new ArgumentException(dError, nameof(dkimSigningDomains));
                if (!signers.Contains(n)) signers.Add(n);
            }

            var evaluation = new DmarcEvaluation
            {
                FromDomain = from, MailFromDomain = mailFrom, SpfResult = spfResult, DkimSigningDomains = given,
            };
            var reasons = new List<string>();

            // 1. The policy (RFC 9989 DMARC Policy Discovery), which also gives aspf= and adkim=.
            // Whether the report destinations were checked too changes only findings, none of which is read here.
            var options = new DmarcDiscoveryOptions { Method = method, CheckReportDestinations = false };
            var policy = discovered != null && discovered.Domain == from && discovered.Method == method ? discovered
                : await new DmarcPolicyInspector(_resolver, _list).InspectAsync(from, options, cancellationToken).ConfigureAwait(false);
            var hasPolicy = policy.EffectivePolicy != null;
            var dnsError = policy.Record == null ? policy.Findings.FirstOrDefault(f => f.Code == DmarcFindingCodes.DnsError) : null;
            evaluation.Policy = policy.EffectivePolicy;
            evaluation.PolicyDomain = hasPolicy ? policy.PolicyDomain : null;
            evaluation.Record = hasPolicy ? policy.Record : null;
            evaluation.Pct = hasPolicy ? policy.Pct : null;
            // RFC 9989 (Appendix on pct): pct=0 meant "do not apply the policy", which t=y now says.
            evaluation.Testing = hasPolicy && (policy.Testing || policy.Pct == 0);

            // 2. Alignment of each identifier with the published (or default relaxed) modes.
            var aligner = new IdentifierAligner(_resolver, method, _list);
            var (spfMode, spfSource) = IdentifierAligner.PublishedMode(AlignmentIdentifier.Spf, policy);
            var (dkimMode, dkimSource) = IdentifierAligner.PublishedMode(AlignmentIdentifier.Dkim, policy);
            if (mailFrom == null)
                reasons.Add("No MAIL FROM domain was given, so SPF cannot give DMARC an aligned pass.");
            else
            {
                var a = await aligner.CheckAsync(AlignmentIdentifier.Spf, from, mailFrom, spfMode, spfSource, cancellationToken).ConfigureAwait(false);
                evaluation.SpfAlignment = a;
                evaluation.SpfAligned = spfResult == SpfResult.Pass && a.Aligned;
                reasons.Add(spfResult == SpfResult.Pass
                    ? $"SPF passed for {mailFrom}, which {Verdict(a)} with {from}: {Why(a)} ({spfSource})."
                    : $"SPF did not pass for {mailFrom} (spf={spfResult.ToString().ToLowerInvariant()}), so SPF cannot give DMARC a pass{(a.Aligned ? $", although {mailFrom} aligns with {from}" : string.Empty)}.");
            }
            var dkimAlignments = new List<AlignmentResult>();
            foreach (var d in signers)
            {
                var a = await aligner.CheckAsync(AlignmentIdentifier.Dkim, from, d, dkimMode, dkimSource, cancellationToken).ConfigureAwait(false);
                dkimAlignments.Add(a);
                reasons.Add($"DKIM passed for d={d}, which {Verdict(a)} with {from}: {Why(a)} ({dkimSource}).");
            }
            if (given.Count > MaxSigningDomains)
                reasons.Add($"Only the first {MaxSigningDomains} of {given.Count} signing domains were checked.");
            if (signers.Count == 0) reasons.Add("No passing DKIM signature was given, so DKIM cannot give DMARC a pass.");
            evaluation.DkimAlignments = dkimAlignments;
            var dkimUndecided = false;
            for (var i = 0; i < dkimAlignments.Count; i++)
            {
                if (dkimAlignments[i].Aligned) evaluation.DkimAligned = true;
                if (dkimAlignments[i].Error != null) dkimUndecided = true;
            }

            // 3. The verdict and the disposition.
            var undecided = (evaluation.SpfAlignment?.Error != null && spfResult == SpfResult.Pass) || dkimUndecided;
            if (dnsError != null)
            {
                evaluation.Result = DmarcResult.TempError;
                reasons.Add($"The DMARC policy of {from} is unknown: {dnsError.Message}");
                evaluation.Fix = dnsError.Remediation;
            }
            else if (!hasPolicy)
            {
                evaluation.Result = DmarcResult.None;
                var org = policy.OrganizationalDomain ?? from;
                reasons.Add(policy.Record == null
                    ? $"No DMARC record applies to {from}: receivers apply no DMARC (dmarc=none), whatever SPF and DKIM say."
                    : $"The DMARC record that applies to {from} is unusable, so receivers apply no DMARC (dmarc=none).");
                evaluation.Fix = $"Publish one DMARC record at _dmarc.{org}, e.g. \"v=DMARC1; p=none; rua=mailto:dmarc-reports@{org}\", then move to p=quarantine or p=reject.";
            }
            else if (evaluation.SpfAligned || evaluation.DkimAligned)
            {
                evaluation.Result = DmarcResult.Pass;
                var by = evaluation.SpfAligned && evaluation.DkimAligned ? "SPF and DKIM" : evaluation.SpfAligned ? "SPF" : "DKIM";
                reasons.Add($"DMARC passes for {from}: {by} passed with an aligned domain.");
            }
            else if (undecided)
            {
                evaluation.Result = DmarcResult.TempError;
                reasons.Add($"DMARC for {from} is undecided: a DNS failure left an Organizational Domain unknown. Retry later.");
            }
            else
            {
                evaluation.Result = DmarcResult.Fail;
                reasons.Add($"DMARC fails for {from}: neither SPF nor DKIM passed with a domain aligned with it.");
                evaluation.Disposition = Disposition(evaluation, policy, reasons);
                evaluation.Fix = DmarcFixAdvisor.Advise(evaluation, policy.OrganizationalDomain ?? from);
            }
            evaluation.Reasons = reasons;
            evaluation.Findings = DmarcVerdictFindings.For(evaluation, policy, policy.OrganizationalDomain ?? from);
            return evaluation;
        }

        private static string Verdict(AlignmentResult a) => a.Aligned ? "aligns" : a.Error != null ? "may or may not align" : "does not align";

        /// <summary>The alignment reason in a few words, for one sentence of <see cref="DmarcEvaluation.Reasons"/>.</summary>
        private static string Why(AlignmentResult a)
        {
            if (a.Error != null) return a.Error;
            if (a.FromDomain == a.AuthenticatedDomain) return "it is the From domain itself";
            if (a.Mode == DmarcAlignmentMode.Strict) return "strict alignment needs the exact From domain";
            return a.Aligned
                ? $"both are under the Organizational Domain {a.FromOrganizationalDomain}"
                : $"its Organizational Domain is {a.AuthenticatedOrganizationalDomain}, the From domain's is {a.FromOrganizationalDomain}";
        }

        /// <summary>RFC 7489 §6.6.4 and RFC 9989: the requested policy, unless the record is in testing mode.</summary>
        private static DmarcDisposition Disposition(DmarcEvaluation evaluation, DmarcPolicyInfo policy, List<string> reasons)
        {
            var p = policy.EffectivePolicy!.Value;
            var tag = policy.PolicyDomain == evaluation.FromDomain ? "p" : policy.DomainExists == false ? "np" : "sp";
            var word = p.ToString().ToLowerInvariant();
            var at = $"{tag}={word} at _dmarc.{policy.PolicyDomain}";
            if (evaluation.Testing)
            {
                var why = policy.Testing ? "t=y (testing)" : "pct=0, which RFC 9989 reads as t=y (testing)";
                reasons.Add($"The record has {why}: receivers are asked not to apply {at}, so nothing is done beyond reporting (RFC 9989).");
                return DmarcDisposition.None;
            }
            var disposition = (DmarcDisposition)(int)p;
            reasons.Add(p == DmarcPolicy.None
                ? $"The policy ({at}) only monitors: receivers deliver the mail as usual and report the failure."
                : $"The policy ({at}) asks receivers to {(p == DmarcPolicy.Reject ? "reject" : "quarantine (e.g. deliver to spam)")} mail that fails DMARC.");
            if (policy.Pct is int pct && pct < 100 && p != DmarcPolicy.None)
                reasons.Add($"pct={pct}: receivers following RFC 9989 ignore pct and apply {word} to all failing mail; those following RFC 7489 apply it to {pct}% and {(p == DmarcPolicy.Reject ? "quarantine" : "none")} to the rest.");
            return disposition;
        }
    }
}
