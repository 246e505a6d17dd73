using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Dmarc;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Domains;

namespace EmailAuth.Core.Bimi
{
    /// <summary>
    /// BIMI record discovery and audit (draft-brand-indicators-for-message-identification §4.4): the TXT at
    /// &lt;selector&gt;._bimi.&lt;domain&gt;, else at default._bimi.&lt;Organizational Domain&gt;; and the DMARC
    /// prerequisites (§4.1 / receivers: an enforcing policy, pct=100, no sp=none, not testing). Bounded: one DMARC
    /// discovery (without report checks) and at most two TXT queries. Never fetches the SVG or certificate.
    /// </summary>
    public sealed class BimiInspector
    {
        private const string Reference = "draft-brand-indicators-for-message-identification §4.4";
        private readonly IDnsResolver _resolver;
        private readonly PublicSuffixList? _list;

        public BimiInspector(IDnsResolver resolver, PublicSuffixList? list = null)
        {
            _resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));
            _list = list;
        }

        /// <summary>True for a selector that is one or more DNS labels (letters, digits, '-', '_').</summary>
        public static bool IsValidSelector(string selector)
        {
            if (selector.Length == 0 || selector.Length > 63 * 2) return false;
            // Each dot-separated label: 1-63 characters, ASCII letters, digits, '-' or '_' (read in place, once per audit).
            for (int start = 0, i = 0; i <= selector.Length; i++)
            {
                if (i < selector.Length && selector[i] != '.')
                {
                    var c = selector[i];
                    if (!(c < 128 && (char.IsLetterOrDigit(c) || c == '-' || c == '_'))) return false;
                    continue;
                }
                if (i == start || i - start > 63) return false;
                start = i + 1;
            }
            return true;
        }

        /// <summary>Finds and audits the BIMI record for <paramref name="domain"/> (a normalized name) and <paramref name="selector"/>.</summary>
        public Task<BimiRecordInfo> InspectAsync(string domain, string selector = "default",
            OrganizationalDomainMethod method = OrganizationalDomainMethod.TreeWalk, CancellationToken cancellationToken = default) =>
            InspectAsync(domain, selector, method, null, cancellationToken);

        /// <param name="discovered">The domain's DMARC policy when the caller has discovered it already with the same
        /// <paramref name="method"/> (a posture audit); ignored when it names another domain or method.</param>
        internal async Task<BimiRecordInfo> InspectAsync(string domain, string selector, OrganizationalDomainMethod method,
            DmarcPolicyInfo? discovered, CancellationToken cancellationToken)
        {
            if (!IsValidSelector(selector)) throw new ArgumentException($"'{selector}' is not a BIMI selector (DNS labels of letters, digits, '-' or '_').", nameof(selector));
            var name = DnsName.Normalize(domain).ToLowerInvariant();
            selector = selector.ToLowerInvariant();
            var info = new BimiRecordInfo { Domain = name, Selector = selector, QueryName = $"{selector}._bimi.{name}" };
            var findings = new List<Finding>();

            var dmarc = discovered != null && discovered.Domain == name && discovered.Method == method ? discovered
                : await new DmarcPolicyInspector(_resolver, _list)
                    .InspectAsync(name, new DmarcDiscoveryOptions { Method = method, CheckReportDestinations = false }, cancellationToken).ConfigureAwait(false);
            info.Dmarc = dmarc;
            info.DmarcPolicy = dmarc.EffectivePolicy;

            // §4.4 steps 1–3: the author domain's selector; if the set is empty, default._bimi at the Organizational Domain.
            var lookup = Candidates(await QueryAsync(info.QueryName, cancellationToken).ConfigureAwait(false));
            var org = dmarc.OrganizationalDomain;
            if (lookup.Answer.IsError)
            {
                AddDnsError(findings, lookup.Answer);
                return Finish(info, findings);
            }
            if (lookup.Candidates.Count == 0 && org != null && (org != name || selector != "default"))
            {
                var fallbackName = "default._bimi." + org;
                var fallback = Candidates(await QueryAsync(fallbackName, cancellationToken).ConfigureAwait(false));
                if (fallback.Answer.IsError)
                {
                    AddDnsError(findings, fallback.Answer);
                    return Finish(info, findings);
                }
                if (fallback.Candidates.Count > 0)
                {
                    lookup = fallback;
                    info.QueryName = fallbackName;
                    info.IsFallback = true;
                    findings.Add(new Finding(BimiFindingCodes.OrganizationalDomainFallback, FindingSeverity.Info,
                        $"{selector}._bimi.{name} has no BIMI record; receivers use {fallbackName} of the Organizational Domain {org}.",
                        $"Publish a record at {selector}._bimi.{name} only if {name} needs another logo.", Reference, name));
                }
            }

            if (lookup.Candidates.Count == 0 && org == null && FindingLists.AnyWithCode(dmarc.Findings, DmarcFindingCodes.DnsError))
            {
                // The Organizational Domain (and so the fallback record) is unknown: not "no record".
                findings.Add(new Finding(BimiFindingCodes.DnsError, FindingSeverity.Error,
                    $"{info.QueryName} has no BIMI record, and the Organizational Domain of {name} is unknown because a DNS query failed, so default._bimi there could not be checked.",
                    "Retry later, raise -TimeoutSec, or ask another resolver with -Server.", Reference, name));
                return Finish(info, findings);
            }
            if (lookup.Candidates.Count == 0)
            {
                findings.Add(new Finding(BimiFindingCodes.NoRecord, FindingSeverity.Info,
                    $"No BIMI record at {selector}._bimi.{name}{(org != null && org != name ? $" or default._bimi.{org}" : string.Empty)}: receivers show no brand logo.",
                    $"To show a logo, publish TXT \"v=BIMI1; l=https://<host>/logo.svg; a=https://<host>/vmc.pem\" at {selector}._bimi.{name} (DMARC must enforce first).",
                    Reference, name));
                return Finish(info, findings);
            }
            if (lookup.Candidates.Count > 1)
            {
                // §4.4: more than one record: no BIMI for this message.
                findings.Add(new Finding(BimiFindingCodes.MultipleRecords, FindingSeverity.Error,
                    $"{info.QueryName} has {lookup.Candidates.Count} BIMI records: receivers use none of them.",
                    $"Keep exactly one v=BIMI1 record at {info.QueryName}.", Reference, info.QueryName));
                return Finish(info, findings);
            }

            var record = BimiParser.Parse(lookup.Candidates[0], info.QueryName);
            info.ParsedRecord = record;
            info.Record = record.Text;
            info.Version = record.Version;
            info.Location = record.Location;
            info.Authority = record.Authority;
            info.IsDeclination = record.IsDeclination;
            findings.AddRange(record.Findings);
            if (!record.IsDeclination) AddDmarcPrerequisites(name, dmarc, findings);
            return Finish(info, findings);
        }

        /// <summary>BIMI needs DMARC at enforcement: p=quarantine or reject, pct=100, sp not none, not t=y (§4.1; Gmail/Yahoo rules).</summary>
        private static void AddDmarcPrerequisites(string name, DmarcPolicyInfo dmarc, List<Finding> findings)
        {
            const string dmarcRef = "draft-brand-indicators-for-message-identification §4.1; RFC 7489 §6.3";
            var dnsError = dmarc.Findings.FirstOrDefault(f => f.Code == DmarcFindingCodes.DnsError && f.Severity >= FindingSeverity.Error);
            if (dnsError != null)
            {
                findings.Add(new Finding(BimiFindingCodes.DnsError, FindingSeverity.Error,
                    $"The DMARC lookup failed, so whether BIMI may be used is unknown: {dnsError.Message}",
                    dnsError.Remediation, dmarcRef, name));
                return;
            }
            var record = dmarc.ParsedRecord;
            if (record == null || !record.IsDmarcRecord || record.IsDiscarded)
            {
                findings.Add(new Finding(BimiFindingCodes.DmarcMissing, FindingSeverity.Error,
                    $"No usable DMARC record applies to {name}: receivers ignore BIMI without DMARC at enforcement.",
                    $"Publish \"v=DMARC1; p=quarantine; rua=mailto:...\" (or p=reject) at _dmarc.{dmarc.OrganizationalDomain ?? name}.", dmarcRef, name));
                return;
            }
            var policyDomain = dmarc.PolicyDomain ?? name;
            if (dmarc.EffectivePolicy == Dmarc.DmarcPolicy.None || dmarc.Policy == Dmarc.DmarcPolicy.None)
                findings.Add(new Finding(BimiFindingCodes.DmarcNotEnforced, FindingSeverity.Error,
                    $"The DMARC policy for {name} is none (from _dmarc.{policyDomain}): BIMI needs p=quarantine or p=reject.",
                    $"Move _dmarc.{policyDomain} to p=quarantine or p=reject once reports show legitimate mail passes.", dmarcRef, name));
            if (record.Pct < 100)
                findings.Add(new Finding(BimiFindingCodes.DmarcPctBelow100, FindingSeverity.Error,
                    $"_dmarc.{policyDomain} has pct={record.Pct}: BIMI needs the policy applied to all mail (pct=100 or no pct=).",
                    "Remove pct= or set pct=100.", dmarcRef, name));
            if (record.SubdomainPolicy == Dmarc.DmarcPolicy.None)
                findings.Add(new Finding(BimiFindingCodes.DmarcSubdomainPolicyNone, FindingSeverity.Error,
                    $"_dmarc.{policyDomain} has sp=none: BIMI receivers require subdomains to be protected too.",
                    "Remove sp= or set sp=quarantine or sp=reject.", dmarcRef, name));
            if (record.Testing)
                findings.Add(new Finding(BimiFindingCodes.DmarcTesting, FindingSeverity.Error,
                    $"_dmarc.{policyDomain} has t=y (testing): receivers do not apply the policy, so BIMI does not apply.",
                    "Remove t=y once the policy is ready.", "RFC 9989 (t= tag); " + dmarcRef, name));
        }

        private static BimiRecordInfo Finish(BimiRecordInfo info, List<Finding> findings)
        {
            info.Findings = findings;
            info.IsValid = info.ParsedRecord != null && info.ParsedRecord.IsUsable && !info.IsDeclination
                           && !FindingLists.AnyAtLeast(findings, FindingSeverity.Error);
            return info;
        }

        private static void AddDnsError(List<Finding> findings, DnsAnswer answer) =>
            findings.Add(new Finding(BimiFindingCodes.DnsError, FindingSeverity.Error,
                $"The TXT query for {answer.QueryName} failed: {answer.Status} from {answer.Server ?? "the resolver"}{(answer.ErrorMessage != null ? " (" + answer.ErrorMessage + ")" : string.Empty)}. This is a temporary error, not a missing record.",
                "Retry later, raise -TimeoutSec, or ask another resolver with -Server.", Reference, answer.QueryName));

        /// <summary>The TXT query, awaited by the caller (no async method per lookup); a name over 253 characters cannot exist.</summary>
        private Task<DnsAnswer> QueryAsync(string name, CancellationToken ct) =>
            name.Length > 253 ? Task.FromResult(new DnsAnswer(name.Substring(0, 253), DnsRecordType.TXT, DnsAnswerStatus.NxDomain))
                              : _resolver.QueryAsync(name, DnsRecordType.TXT, ct);

        private static (DnsAnswer Answer, IReadOnlyList<string> Candidates) Candidates(DnsAnswer answer)
        {
            // §4.4: TXT records that are not BIMI records are discarded before counting.
            var candidates = new List<string>();
            for (var i = 0; i < answer.Records.Count; i++)
            {
                var r = answer.Records[i];
                if (r.Type == DnsRecordType.TXT && BimiParser.LooksLikeBimi(r.Data)) candidates.Add(r.Data);
            }
            return (answer, candidates);
        }
    }
}
