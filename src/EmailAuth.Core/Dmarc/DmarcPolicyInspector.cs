using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Domains;

namespace EmailAuth.Core.Dmarc
{
    /// <summary>
    /// DMARC policy discovery and audit for a name (RFC 9989 "DMARC Policy Discovery": the record at the name, else at
    /// its Organizational Domain, else at its Public Suffix Domain; RFC 7489 §6.6.3 with the Public Suffix List), and the
    /// same checks for record text offline. Bounded: one tree walk (8 queries), 3 existence queries, a wrong-name query,
    /// and per report domain (at most <see cref="DmarcDiscoveryOptions.MaxReportDomains"/>) a tree walk and 2 queries.
    /// </summary>
    public sealed class DmarcPolicyInspector
    {
        private readonly IDnsResolver? _resolver;
        private readonly OrganizationalDomainResolver _orgDomains;

        /// <param name="resolver">DNS; null for <see cref="InspectText"/> only.</param>
        /// <param name="list">Public Suffix List for the RFC 7489 method and the comparison; default: the embedded copy.</param>
        public DmarcPolicyInspector(IDnsResolver? resolver, PublicSuffixList? list = null)
        {
            _resolver = resolver;
            _orgDomains = new OrganizationalDomainResolver(resolver, list);
        }

        /// <summary>Parses and lints record text without DNS (a pre-flight before publishing at _dmarc.<paramref name="domain"/>).</summary>
        public DmarcPolicyInfo InspectText(string text, string? domain)
        {
            var record = DmarcParser.Parse(text);
            var info = new DmarcPolicyInfo { Domain = domain ?? string.Empty, Queries = Array.Empty<TreeWalkStep>() };
            var findings = new List<Finding>(record.Findings);
            findings.AddRange(DmarcPolicyLinter.Lint(record, domain));
            Fill(info, record, domain);
            if (record.IsDmarcRecord && !record.IsDiscarded) info.EffectivePolicy = record.PolicyOrDefault;
            return Finish(info, findings);
        }

        /// <summary>Discovers and audits the policy for <paramref name="domain"/> (a normalized name, e.g. from DomainNameInput).</summary>
        public async Task<DmarcPolicyInfo> InspectAsync(string domain, DmarcDiscoveryOptions? options = null, CancellationToken cancellationToken = default)
        {
            if (_resolver == null) throw new InvalidOperationException("Policy discovery needs a DNS resolver.");
            options ??= new DmarcDiscoveryOptions();
            var name = DnsName.Normalize(domain).ToLowerInvariant();
            var info = new DmarcPolicyInfo { Domain = name, Method = options.Method };
            var findings = new List<Finding>();

            // 1. The record at the name, the Organizational Domain, and the steps that found them.
            var steps = new List<TreeWalkStep>();
            TreeWalkStep? policyStep = null;
            string? orgDomain;
            if (options.Method == OrganizationalDomainMethod.TreeWalk)
            {
                var walk = await new DnsTreeWalk(_resolver).WalkAsync(name, cancellationToken).ConfigureAwait(false);
                steps.AddRange(walk.Steps);
                orgDomain = walk.OrganizationalDomain;
                var exact = walk.Steps[0];
                if (exact.Record != null) policyStep = exact;
                else if (orgDomain != null)
                {
                    // RFC 9989: the Organizational Domain's record, else the Public Suffix Domain's (psd=y) record.
                    var orgStep = walk.StepFor(orgDomain);
                    if (orgStep == null && orgDomain != name)
                    {
                        // One label below a psd=y record beyond the 7-label skip: not queried by the walk itself.
                        orgStep = await QueryStepAsync(orgDomain, cancellationToken).ConfigureAwait(false);
                        steps.Add(orgStep);
                    }
                    policyStep = orgStep?.Record != null ? orgStep
                        : walk.Steps.Skip(1).FirstOrDefault(s => s.Record != null && s.Record.Psd == DmarcPsd.Y);
                }
                if (walk.FailedStep != null) AddDnsError(findings, walk.FailedStep, policyStep == null);
            }
            else
            {
                var exact = await QueryStepAsync(name, cancellationToken).ConfigureAwait(false);
                steps.Add(exact);
                orgDomain = _orgDomains.ByPublicSuffixList(name).OrganizationalDomain;
                if (IsFailure(exact)) AddDnsError(findings, exact, true);
                else if (exact.Record != null) policyStep = exact;
                // RFC 7489 §6.6.3 steps 3 and 5: only an empty set moves on to the Organizational Domain; several
                // records end discovery (RFC 9989 instead discards them and walks on).
                else if (exact.RecordCount == 0 && orgDomain != name)
                {
                    var org = await QueryStepAsync(orgDomain!, cancellationToken).ConfigureAwait(false);
                    steps.Add(org);
                    if (IsFailure(org)) AddDnsError(findings, org, true);
                    else if (org.Record != null) policyStep = org;
                }
            }
            info.Queries = steps;
            info.OrganizationalDomain = orgDomain;
            for (var i = 0; i < steps.Count; i++)
            {
                var s = steps[i];
                if (s.RecordCount <= 1) continue;
                findings.Add(new Finding(DmarcFindingCodes.MultipleRecords, FindingSeverity.Error,
                    $"{s.QueryName} has {s.RecordCount} TXT records starting with v=DMARC1: receivers discard them all{(s.Domain == name ? " and look further up" : string.Empty)}.",
                    $"Keep exactly one DMARC record at {s.QueryName}.", "RFC 9989 (DNS Tree Walk); RFC 7489 §6.6.3", s.QueryName));
            }

            var failed = FindingLists.AnyWithCode(findings, DmarcFindingCodes.DnsError);
            if (!failed && steps[0].Record == null && steps[0].RecordCount == 0)
                await CheckWrongNameAsync(name, orgDomain, findings, cancellationToken).ConfigureAwait(false);
            if (policyStep == null)
            {
                if (!failed)
                {
                    var target = orgDomain ?? name;
                    findings.Add(new Finding(DmarcFindingCodes.NoRecord, FindingSeverity.Error,
                        $"No DMARC record applies to {name}{(target != name ? $" (none at _dmarc.{name} or at its Organizational Domain {target})" : $" (none at _dmarc.{name})")}: receivers apply no DMARC, so mail with this From domain is not protected.",
                        $"Publish one TXT record at _dmarc.{target}, e.g. \"v=DMARC1; p=none; rua=mailto:dmarc-reports@{target}\", then move to p=quarantine or p=reject.",
                        "RFC 9989 (DMARC Policy Discovery); RFC 7489 §6.6.3", name));
                }
                await CompareMethodsAsync(info, findings, cancellationToken).ConfigureAwait(false);
                return Finish(info, findings);
            }

            // 2. The record found and what applies to the name.
            var record = policyStep.Record!;
            var policyDomain = policyStep.Domain;
            Fill(info, record, policyDomain);
            findings.AddRange(record.Findings);
            findings.AddRange(DmarcPolicyLinter.Lint(record, policyDomain));
            if (policyDomain != name)
            {
                findings.Add(new Finding(DmarcFindingCodes.InheritedPolicy, FindingSeverity.Info,
                    record.Psd == DmarcPsd.Y && policyDomain != orgDomain
                        ? $"{name} has no DMARC record of its own; the policy comes from the public suffix domain {policyDomain} (psd=y)."
                        : $"{name} has no DMARC record of its own; the policy comes from its Organizational Domain {policyDomain}.",
                    $"Publish a record at _dmarc.{name} only if it needs a policy different from {policyDomain}'s.",
                    "RFC 9989 (DMARC Policy Discovery)", name));
                info.DomainExists = await ExistsAsync(name, findings, cancellationToken).ConfigureAwait(false);
            }
            if (!record.IsDiscarded)
                info.EffectivePolicy = policyDomain == name ? record.PolicyOrDefault
                    : info.DomainExists == false ? info.NonexistentDomainPolicy : info.SubdomainPolicy;

            // 3. Report destinations and the other method's Organizational Domain.
            if (options.CheckReportDestinations)
                await CheckReportDestinationsAsync(record, policyDomain, options, findings, Known(name, orgDomain, options.Method, options.Method), cancellationToken).ConfigureAwait(false);
            await CompareMethodsAsync(info, findings, cancellationToken).ConfigureAwait(false);
            return Finish(info, findings);
        }

        /// <summary>
        /// A policy discovered without the report-destination checks (RFC 7489 §7.1), with them: a copy whose findings
        /// are those <see cref="InspectAsync"/> gives with <see cref="DmarcDiscoveryOptions.CheckReportDestinations"/>,
        /// in the same order. A posture audit discovers the policy once for its DMARC and BIMI sections and its verdict.
        /// </summary>
        internal async Task<DmarcPolicyInfo> WithReportDestinationsAsync(DmarcPolicyInfo discovered, DmarcDiscoveryOptions options,
                                                                        CancellationToken cancellationToken)
        {
            if (_resolver == null) throw new InvalidOperationException("Policy discovery needs a DNS resolver.");
            var info = discovered.Copy();
            // InspectAsync checks destinations only when discovery found a record (Fill set these two).
            if (discovered.ParsedRecord == null || discovered.PolicyDomain == null) return info;
            var findings = discovered.Findings.ToList();
            var destinations = new List<Finding>();
            await CheckReportDestinationsAsync(discovered.ParsedRecord, discovered.PolicyDomain, options, destinations,
                Known(discovered.Domain, discovered.OrganizationalDomain, discovered.Method, options.Method), cancellationToken).ConfigureAwait(false);
            // InspectAsync adds them before the one finding of CompareMethodsAsync, its last step.
            var at = findings.Count > 0 && findings[findings.Count - 1].Code == DmarcFindingCodes.OrgDomainMethodsDisagree ? findings.Count - 1 : findings.Count;
            findings.InsertRange(at, destinations);
            return Finish(info, findings);
        }

        private static void Fill(DmarcPolicyInfo info, DmarcRecord record, string? policyDomain)
        {
            info.Record = record.Text;
            info.ParsedRecord = record;
            info.PolicyDomain = policyDomain;
            if (!record.IsDmarcRecord) return;
            var p = record.IsDiscarded ? null : record.PolicyOrDefault;
            info.Policy = p;
            info.SubdomainPolicy = record.IsDiscarded ? null : record.SubdomainPolicy ?? p;
            info.NonexistentDomainPolicy = record.IsDiscarded ? null : record.NonexistentDomainPolicy ?? record.SubdomainPolicy ?? p;
            info.AlignmentDkim = record.AlignmentDkim;
            info.AlignmentSpf = record.AlignmentSpf;
            info.Pct = record.Pct;
            info.Testing = record.Testing;
            info.Psd = record.Psd;
            info.Rua = record.Rua.Select(u => u.Text).ToList();
            info.Ruf = record.Ruf.Select(u => u.Text).ToList();
        }

        private static DmarcPolicyInfo Finish(DmarcPolicyInfo info, List<Finding> findings)
        {
            info.Findings = findings;
            info.IsValid = info.ParsedRecord != null && info.ParsedRecord.IsDmarcRecord && !info.ParsedRecord.IsDiscarded
                           && !FindingLists.AnyAtLeast(findings, FindingSeverity.Error);
            return info;
        }

        private async Task<TreeWalkStep> QueryStepAsync(string domain, CancellationToken ct)
        {
            var name = "_dmarc." + domain;
            if (name.Length > 253) return new TreeWalkStep(domain, name, null, 0, null);
            var answer = await _resolver!.QueryAsync(name, DnsRecordType.TXT, ct).ConfigureAwait(false);
            if (answer.IsError) return new TreeWalkStep(domain, name, answer.Status, 0, null, answer.Server, answer.ErrorMessage);
            var candidates = DmarcRecordSelection.Candidates(answer);
            return new TreeWalkStep(domain, name, answer.Status, candidates.Count,
                candidates.Count == 1 ? DmarcRecordCache.Get(candidates[0].Data) : null, answer.Server);
        }

        private static bool IsFailure(TreeWalkStep step) => step.Status != null && step.Status.Value >= DnsAnswerStatus.Timeout;

        private static void AddDnsError(List<Finding> findings, TreeWalkStep step, bool policyUnknown) =>
            findings.Add(new Finding(DmarcFindingCodes.DnsError, policyUnknown ? FindingSeverity.Error : FindingSeverity.Warning,
                $"The query for {step.QueryName} failed: {step.Status} from {step.Server ?? "the resolver"}{(step.Error != null ? " (" + step.Error + ")" : string.Empty)}."
                + (policyUnknown ? " The policy is unknown: this is a temporary error, not a missing record." : " The Organizational Domain is unknown."),
                "Retry later, raise -TimeoutSec, or ask another resolver with -Server.", "RFC 9989 (DMARC Policy Discovery)", step.QueryName));

        /// <summary>A v=DMARC1 TXT at the domain itself instead of _dmarc.&lt;domain&gt; (a common publishing mistake).</summary>
        private async Task CheckWrongNameAsync(string name, string? orgDomain, List<Finding> findings, CancellationToken ct)
        {
            // The name itself, and the doubled suffix a zone file gives "_dmarc.<name>" written without its final dot.
            var names = new List<string> { name, "_dmarc." + name + "." + name };
            if (orgDomain != null && orgDomain != name) names.Add("_dmarc." + name + "." + orgDomain);
            foreach (var wrong in names)
            {
                if (wrong.Length > 253) continue;
                var answer = await _resolver!.QueryAsync(wrong, DnsRecordType.TXT, ct).ConfigureAwait(false);
                if (answer.IsError || DmarcRecordSelection.Candidates(answer).Count == 0) continue;
                findings.Add(new Finding(DmarcFindingCodes.RecordWrongName, FindingSeverity.Error,
                    $"A DMARC record is published at {wrong}, where receivers never look: it has no effect.",
                    $"Move it to _dmarc.{name} (in a zone file for {name}: the owner name \"_dmarc\", not \"_dmarc.{name}\" without a final dot).",
                    "RFC 9989 (DMARC Policy Record); RFC 7489 §6.1", wrong));
            }
        }

        /// <summary>RFC 9091 §2.7: a name is non-existent when A, AAAA and MX all answer NXDOMAIN or NODATA.</summary>
        private async Task<bool?> ExistsAsync(string name, List<Finding> findings, CancellationToken ct)
        {
            foreach (var type in new[] { DnsRecordType.MX, DnsRecordType.A, DnsRecordType.AAAA })
            {
                var answer = await _resolver!.QueryAsync(name, type, ct).ConfigureAwait(false);
                if (answer.IsError)
                {
                    findings.Add(new Finding(DmarcFindingCodes.DnsError, FindingSeverity.Warning,
                        $"The {type} query for {name} failed ({answer.Status} from {answer.Server ?? "the resolver"}): whether sp= or np= applies is unknown; sp= is shown.",
                        "Retry later or ask another resolver with -Server.", "RFC 9091 §2.7", name));
                    return null;
                }
                if (!answer.IsVoid) return true;
            }
            return false;
        }

        /// <summary>
        /// The Organizational Domain discovery found for <paramref name="domain"/>, when it used the method the destination
        /// checks use and got an answer: the same lookup again would give the same (cached) answers.
        /// </summary>
        private static (string Domain, string Org)? Known(string domain, string? org, OrganizationalDomainMethod found, OrganizationalDomainMethod wanted) =>
            org != null && found == wanted ? (domain, org) : ((string, string)?)null;

        /// <param name="known">A domain whose Organizational Domain is known already (from discovery), or null.</param>
        private async Task CheckReportDestinationsAsync(DmarcRecord record, string policyDomain, DmarcDiscoveryOptions options,
                                                        List<Finding> findings, (string Domain, string Org)? known, CancellationToken ct)
        {
            // Each look-up is a tree walk (RFC 9989) of up to 8 queries; the policy domain's is usually discovery's own, and
            // the usual report address is at the policy domain itself: neither is walked twice.
            var policyOrg = known is { } k && k.Domain == policyDomain ? k.Org
                          : await OrgDomainAsync(policyDomain, options.Method, ct).ConfigureAwait(false);
            var destinations = ReportDomains(record);
            for (var i = 0; i < destinations.Count && i < options.MaxReportDomains; i++)
            {
                var (domain, rua, ruf) = destinations[i];
                var tags = rua && ruf ? "rua/ruf" : rua ? "rua" : "ruf";
                // RFC 7489 §7.1: another organization must authorize reports with <policy-domain>._report._dmarc.<destination>.
                var destOrg = policyOrg != null && domain == policyDomain ? policyOrg
                            : await OrgDomainAsync(domain, options.Method, ct).ConfigureAwait(false);
                if (policyOrg != null && destOrg != null && destOrg != policyOrg)
                {
                    var authName = policyDomain + "._report._dmarc." + domain;
                    var auth = authName.Length > 253 ? null : await _resolver!.QueryAsync(authName, DnsRecordType.TXT, ct).ConfigureAwait(false);
                    if (auth != null && auth.IsError)
                        findings.Add(new Finding(DmarcFindingCodes.DnsError, FindingSeverity.Warning,
                            $"The query for {authName} failed ({auth.Status} from {auth.Server ?? "the resolver"}): whether {domain} accepts reports for {policyDomain} is unknown.",
                            "Retry later or ask another resolver with -Server.", "RFC 7489 §7.1", authName));
                    else if (auth == null || DmarcRecordSelection.Candidates(auth).Count == 0)
                        findings.Add(new Finding(DmarcFindingCodes.ExternalDestinationUnauthorized, FindingSeverity.Warning,
                            $"{tags}= sends reports to {domain}, another organization than {policyDomain}, which publishes no authorization record at {authName}: receivers will not send those reports.",
                            $"Ask the operator of {domain} to publish TXT \"v=DMARC1\" at {authName} (report services do this when a domain is added), or use a mailbox in {policyOrg}.",
                            "RFC 7489 §7.1; RFC 9989 (External Report Addresses)", domain));
                }
                var mx = await _resolver!.QueryAsync(domain, DnsRecordType.MX, ct).ConfigureAwait(false);
                if (mx.IsVoid)
                    findings.Add(new Finding(DmarcFindingCodes.ReportDomainNoMx, FindingSeverity.Warning,
                        mx.Status == DnsAnswerStatus.NxDomain
                            ? $"{tags}= sends reports to {domain}, which does not exist: the reports cannot be delivered."
                            : $"{tags}= sends reports to {domain}, which has no MX record: report mail may not be deliverable.",
                        $"Use a report mailbox at a domain that receives mail, or publish MX records for {domain}.", "RFC 5321 §5.1", domain));
                else if (mx.IsError)
                    findings.Add(new Finding(DmarcFindingCodes.DnsError, FindingSeverity.Warning,
                        $"The MX query for {domain} failed ({mx.Status} from {mx.Server ?? "the resolver"}): whether it receives reports is unknown.",
                        "Retry later or ask another resolver with -Server.", "RFC 5321 §5.1", domain));
            }
        }

        /// <summary>
        /// The domains of the valid mailto: URIs of rua= then ruf=, each once in the order first seen, with the tags naming
        /// it (as grouping the URIs by domain gave them). At most 2 × <see cref="DmarcParser.MaxUris"/> URIs, so the
        /// linear search stays small.
        /// </summary>
        private static List<(string Domain, bool Rua, bool Ruf)> ReportDomains(DmarcRecord record)
        {
            var domains = new List<(string Domain, bool Rua, bool Ruf)>();
            void Add(IReadOnlyList<DmarcUri> uris, bool rua)
            {
                foreach (var u in uris)
                {
                    if (!u.IsValid || u.Domain == null || !string.Equals(u.Scheme, "mailto", StringComparison.OrdinalIgnoreCase)) continue;
                    var at = -1;
                    for (var i = 0; i < domains.Count && at < 0; i++) if (domains[i].Domain == u.Domain) at = i;
                    if (at < 0) domains.Add((u.Domain, rua, !rua));
                    else domains[at] = (u.Domain, domains[at].Rua || rua, domains[at].Ruf || !rua);
                }
            }
            Add(record.Rua, rua: true);
            Add(record.Ruf, rua: false);
            return domains;
        }

        private async Task<string?> OrgDomainAsync(string domain, OrganizationalDomainMethod method, CancellationToken ct) =>
            (await _orgDomains.ResolveAsync(domain, method, ct).ConfigureAwait(false)).OrganizationalDomain;

        /// <summary>Where RFC 7489 (Public Suffix List) and RFC 9989 (tree walk) disagree, receivers of either kind see different policies.</summary>
        private Task CompareMethodsAsync(DmarcPolicyInfo info, List<Finding> findings, CancellationToken ct)
        {
            if (info.OrganizationalDomain == null) return Task.CompletedTask;
            // The usual other method is the list: no DNS, so nothing to wait for and no async method to run.
            if (info.Method == OrganizationalDomainMethod.TreeWalk)
            {
                CompareMethods(info, findings, OrganizationalDomainMethod.PublicSuffixList, _orgDomains.OrganizationalDomainByList(info.Domain));
                return Task.CompletedTask;
            }
            return CompareWithTreeWalkAsync(info, findings, ct);
        }

        private async Task CompareWithTreeWalkAsync(DmarcPolicyInfo info, List<Finding> findings, CancellationToken ct) =>
            CompareMethods(info, findings, OrganizationalDomainMethod.TreeWalk,
                await OrgDomainAsync(info.Domain, OrganizationalDomainMethod.TreeWalk, ct).ConfigureAwait(false));

        private static void CompareMethods(DmarcPolicyInfo info, List<Finding> findings, OrganizationalDomainMethod other, string? otherOrg)
        {
            if (otherOrg == null || otherOrg == info.OrganizationalDomain) return;
            string Name(OrganizationalDomainMethod m) => m == OrganizationalDomainMethod.TreeWalk ? "the DNS tree walk (RFC 9989)" : "the Public Suffix List (RFC 7489)";
            findings.Add(new Finding(DmarcFindingCodes.OrgDomainMethodsDisagree, FindingSeverity.Warning,
                $"The Organizational Domain of {info.Domain} is {info.OrganizationalDomain} by {Name(info.Method)} but {otherOrg} by {Name(other)}: older and newer receivers may apply different policies and relaxed alignment differently.",
                "Publish DMARC records (with psd=n at the Organizational Domain if needed) so that both methods agree.",
                "RFC 9989 (Organizational Domain Discovery); RFC 7489 §3.2", info.Domain));
        }
    }
}
