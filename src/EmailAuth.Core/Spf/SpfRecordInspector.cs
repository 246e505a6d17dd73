using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Dns;

namespace EmailAuth.Core.Spf
{
    /// <summary>Fetches, parses and lints SPF records, following include/redirect.</summary>
    public sealed class SpfRecordInspector
    {
        /// <summary>Records visited in one tree at most (hostile trees stay bounded).</summary>
        public const int MaxRecords = 50;
        /// <summary>Stop descending when this many DNS-querying terms were counted (the limit is long exceeded).</summary>
        public const int StopDescendingAfterLookups = 25;

        public SpfRecordInspector(IDnsResolver? resolver)
        {
            Resolver = resolver;
        }

        /// <summary>Null for offline use (<see cref="InspectText"/> only).</summary>
        public IDnsResolver? Resolver { get; }

        /// <summary>
        /// §4.6.4 limits used for the tree-wide findings; <see cref="SpfEvaluationOptions.OverallTimeout"/> bounds the
        /// time of one <see cref="InspectAsync"/> call as it bounds an evaluation (raised for slow resolvers, see there).
        /// </summary>
        public SpfEvaluationOptions Limits { get; set; } = new SpfEvaluationOptions();

        /// <summary>The queries one <see cref="InspectAsync"/> call may send.</summary>
        public SpfInspectionBudget Budget { get; set; } = new SpfInspectionBudget();

        /// <summary>The domain's record and the tree below it, with findings. DNS failures become findings, not exceptions.</summary>
        public async Task<SpfRecordInfo> InspectAsync(string domain, CancellationToken cancellationToken = default)
        {
            if (Resolver == null) throw new InvalidOperationException("InspectAsync needs a DNS resolver; use InspectText offline.");
            domain = SpfDomainName.TrimDot(domain ?? string.Empty);
            using var deadline = new SpfDeadline(SpfDeadline.For(Resolver, Limits.OverallTimeout), cancellationToken);
            var walk = new Walk(new SpfInspectionDns(Resolver, Budget, deadline, cancellationToken), Limits);
            var root = await walk.InspectAsync(domain, null, isPolicy: true, isRoot: true).ConfigureAwait(false);
            walk.AddTreeFindings(root);
            Finish(root);
            return root;
        }

        /// <summary>Parse and lint record text without DNS (pre-flight before publishing).</summary>
        public SpfRecordInfo InspectText(string record, string? domain = null)
        {
            record ??= string.Empty;
            var name = SpfDomainName.TrimDot(domain ?? string.Empty);
            var label = name.Length > 0 ? name : "(record)";
            var info = new SpfRecordInfo { Domain = name, Record = record };
            var findings = new List<Finding>();
            var parsed = SpfParser.Parse(record);
            SpfLinter.LintRecord(parsed, label, isPolicy: true, findings);
            var ip4 = new List<string>();
            var ip6 = new List<string>();
            var lookups = new List<string>();
            info.Terms = Terms(parsed, ip4, ip6, lookups);
            info.Ip4 = ip4;
            info.Ip6 = ip6;
            info.DnsLookupCount = lookups.Count;
            if (lookups.Count > Limits.MaxDnsLookups)
                findings.Add(SpfLinter.F(SpfFindingCodes.TooManyLookups, FindingSeverity.Error,
                    $"{label}: {lookups.Count} DNS-querying terms in this record alone (limit {Limits.MaxDnsLookups}, includes not counted): {string.Join(", ", lookups)}.",
                    "Replace include:/a/mx/ptr/exists terms with ip4:/ip6: networks or remove unused ones.", "4.6.4", label));

            var bytes = Encoding.UTF8.GetByteCount(record);
            if (bytes > SpfLinter.MaxCharacterString)
            {
                var strings = SpfLinter.SplitIntoStrings(record);
                findings.Add(SpfLinter.F(SpfFindingCodes.StringTooLong, FindingSeverity.Info,
                    $"{label}: the record is {bytes} bytes; publish it as {strings.Count} strings of at most 255 bytes in one TXT record (they are joined without spaces).",
                    "Split the text into quoted strings, e.g. \"v=spf1 ...\" \"... -all\", breaking anywhere (also inside a term).", "3.3", label));
            }
            var size = SpfLinter.EstimateTxtResponseSize(name.Length > 0 ? name : "example.com", new[] { SpfLinter.SplitIntoStrings(record) });
            if (size > SpfLinter.MaxUdpMessage)
                findings.Add(SpfLinter.F(SpfFindingCodes.RecordTooLarge, FindingSeverity.Warning,
                    $"{label}: the TXT answer would be about {size} bytes, over the 512 bytes of a plain UDP DNS response.",
                    "Shorten the record (fewer, wider networks; move parts to an include).", "3.4", label));
            info.Findings = findings;
            info.IsValid = parsed.IsValid && !HasError(findings);
            return info;
        }

        private static bool HasError(IReadOnlyList<Finding> findings)
        {
            // By index, no LINQ: every record of every audited tree is asked.
            for (var i = 0; i < findings.Count; i++)
                if (findings[i].Severity == FindingSeverity.Error || findings[i].Severity == FindingSeverity.Critical) return true;
            return false;
        }

        private static void Finish(SpfRecordInfo node)
        {
            for (var i = 0; i < node.Includes.Count; i++) Finish(node.Includes[i]);
            node.IsValid = node.Record != null && node.IsValid && !HasError(node.Findings);
        }

        internal static IReadOnlyList<SpfTermInfo> Terms(SpfRecord parsed, List<string> ip4, List<string> ip6, List<string>? lookups)
        {
            var list = new List<SpfTermInfo>(parsed.Terms.Count);
            for (var i = 0; i < parsed.Terms.Count; i++)
            {
                var t = parsed.Terms[i];
                var counts = t.Type.QueriesDns() && !(t.Type == SpfTermType.Redirect && parsed.HasAll) ? 1 : 0;
                if (counts == 1) lookups?.Add(t.Text);
                list.Add(new SpfTermInfo(t.Text, t.Type.IsMechanism() ? t.Qualifier.Symbol() : string.Empty, t.Name, t.Value, counts, t.Position));
                if (t.Type == SpfTermType.Ip4) ip4.Add(t.Network!.ToString());
                else if (t.Type == SpfTermType.Ip6) ip6.Add(t.Network!.ToString());
            }
            return list;
        }

        /// <summary>One tree walk: shared counters, the path for loop detection.</summary>
        private sealed class Walk
        {
            private readonly SpfInspectionDns _dns;
            private readonly SpfEvaluationOptions _limits;
            private readonly List<string> _path = new List<string>();
            private readonly List<(string Domain, List<string> Terms)> _lookupsByRecord = new List<(string, List<string>)>();
            private readonly List<string> _voids;
            private int _records;
            private int _lookups;
            private int _notFollowed;

            public Walk(SpfInspectionDns dns, SpfEvaluationOptions limits)
            {
                _dns = dns;
                _limits = limits;
                _voids = dns.Voids;
            }

            /// <summary>Null once a budget or the deadline stopped the walk (SpfInspectionDns.Stopped says which).</summary>
            private Task<DnsAnswer?> QueryAsync(string name, DnsRecordType type) => _dns.QueryAsync(name, type);

            /// <summary>A finding's subject for a record: the domain, and for an include/redirect target the term that led there.</summary>
            private static string SubjectOf(string domain, string? referencedBy) => referencedBy != null ? $"{domain} ({referencedBy})" : domain;

            /// <summary>A finding's subject for one term of a record.</summary>
            private static string TermSubject(string domain, SpfTerm t) => $"{domain}: {t.Text}";

            private static Finding DnsErrorFinding(DnsAnswer a, string what, string subject) =>
                SpfLinter.F(SpfFindingCodes.DnsError, FindingSeverity.Error,
                    $"DNS {SpfEvaluation.DescribeError(a)} while {what}: receivers would return temperror.",
                    $"Check the name servers of {a.QueryName} ({a.Server ?? "unknown server"}).", "4.4", subject);

            public async Task<SpfRecordInfo> InspectAsync(string domain, string? referencedBy, bool isPolicy, bool isRoot)
            {
                var info = new SpfRecordInfo { Domain = domain, ReferencedBy = referencedBy };
                var findings = new List<Finding>();
                var children = new List<SpfRecordInfo>();
                var ip4 = new List<string>();
                var ip6 = new List<string>();
                var voids = 0;
                var lookupsBefore = _lookups;
                _records++;
                try
                {
                    if (!SpfDomainName.IsValidCheckHostDomain(domain))
                    {
                        findings.Add(SpfLinter.F(isRoot ? SpfFindingCodes.NoRecord : SpfFindingCodes.IncludeNoRecord, FindingSeverity.Error,
                            $"'{domain}' is not a valid multi-label domain name" + (isRoot ? "." : $": {referencedBy} gives permerror."),
                            "Correct the domain name.", "4.3", SubjectOf(domain, referencedBy)));
                        return info;
                    }
                    var answer = await QueryAsync(domain, DnsRecordType.TXT).ConfigureAwait(false);
                    if (answer == null)
                    {
                        _records--; // Stopped before its TXT query: not visited after all.
                        return info;
                    }
                    // A failed TXT lookup ends this name's SPF lookup as a temperror (§4.4): asking type 99 too would
                    // only double the wait. After NXDOMAIN nothing exists at the name (RFC 8020).
                    if (isRoot && !answer.IsError && answer.Status != DnsAnswerStatus.NxDomain)
                        CheckObsoleteType(domain, await QueryAsync(domain, DnsRecordType.SPF).ConfigureAwait(false), findings);
                    var selection = SpfRecordSelection.Select(answer);
                    switch (selection.Kind)
                    {
                        case SpfRecordSelectionKind.DnsError:
                            findings.Add(DnsErrorFinding(answer, $"fetching the SPF record of {domain}", SubjectOf(domain, referencedBy)));
                            return info;
                        case SpfRecordSelectionKind.None:
                            if (answer.IsVoid && !isRoot) { voids++; _voids.Add($"TXT {domain} ({answer.Status})"); }
                            if (isRoot)
                                findings.Add(SpfLinter.F(SpfFindingCodes.NoRecord, FindingSeverity.Error,
                                    $"{domain} publishes no SPF record ({(answer.IsVoid ? answer.Status.ToString() : "no TXT record starts with v=spf1")}).",
                                    $"Publish a TXT record at {domain}, e.g. \"v=spf1 mx -all\" (or \"v=spf1 -all\" if it sends no mail).", "4.5", domain));
                            else
                                findings.Add(SpfLinter.F(SpfFindingCodes.IncludeNoRecord, FindingSeverity.Error,
                                    $"{referencedBy}: {domain} has no SPF record ({(answer.IsVoid ? answer.Status.ToString() : "no TXT record starts with v=spf1")}): receivers return permerror.",
                                    "Check the spelling of the domain (e.g. amazonses.com, not amazoneses.com) or remove the term.",
                                    referencedBy != null && referencedBy.StartsWith("redirect", StringComparison.OrdinalIgnoreCase) ? "6.1" : "5.2", SubjectOf(domain, referencedBy)));
                            return info;
                        case SpfRecordSelectionKind.Multiple:
                            findings.Add(SpfLinter.F(SpfFindingCodes.MultipleRecords, FindingSeverity.Error,
                                $"{domain} publishes {selection.Candidates.Count} SPF records: receivers return permerror. Records: " +
                                string.Join(" | ", selection.Candidates.Select(c => "\"" + c.Data + "\"")),
                                "Merge them into one TXT record starting with v=spf1.", "4.5", SubjectOf(domain, referencedBy)));
                            info.Record = selection.Candidates[0].Data;
                            CheckSizes(domain, answer, findings, referencedBy);
                            return info;
                    }

                    var text = selection.Text!;
                    info.Record = text;
                    CheckSizes(domain, answer, findings, referencedBy);
                    // Parsing is pure: a bulk audit meets the same include records for every domain.
                    var parsed = SpfRecordCache.Get(text);
                    SpfLinter.LintRecord(parsed, domain, isPolicy, findings);
                    var recordLookups = new List<string>();
                    info.Terms = Terms(parsed, ip4, ip6, recordLookups);
                    _lookupsByRecord.Add((domain, recordLookups));
                    info.IsValid = parsed.IsValid;

                    _path.Add(domain);
                    var names = 0;
                    try
                    {
                        for (var i = 0; i < parsed.Terms.Count; i++)
                        {
                            var t = parsed.Terms[i];
                            switch (t.Type)
                            {
                                case SpfTermType.Include:
                                    _lookups++;
                                    if (FollowTarget(t, domain, findings) is string included)
                                        AddChild(await InspectAsync(included, t.Text, isPolicy: false, isRoot: false).ConfigureAwait(false), children);
                                    break;
                                case SpfTermType.Redirect:
                                    if (parsed.HasAll) break; // never evaluated (SPF_REDIRECT_IGNORED)
                                    _lookups++;
                                    if (FollowTarget(t, domain, findings) is string redirected)
                                        AddChild(await InspectAsync(redirected, t.Text, isPolicy, isRoot: false).ConfigureAwait(false), children);
                                    break;
                                case SpfTermType.A:
                                case SpfTermType.Mx:
                                case SpfTermType.Exists:
                                    _lookups++;
                                    // Counting goes on after a stop (the text is here); only lookups end.
                                    if (t.DomainSpec != null && t.DomainSpec.DependsOnClient) break;
                                    if (!_dns.MayLookUpName(names++, t.Text, domain)) break;
                                    voids += await CheckNameAsync(t, domain, findings).ConfigureAwait(false);
                                    break;
                                case SpfTermType.Ptr:
                                    _lookups++;
                                    break;
                            }
                        }
                    }
                    finally
                    {
                        _path.RemoveAt(_path.Count - 1);
                    }
                    return info;
                }
                finally
                {
                    foreach (var c in children)
                    {
                        findings.AddRange(c.Findings);
                        ip4.AddRange(c.Ip4);
                        ip6.AddRange(c.Ip6);
                        voids += c.VoidLookupCount;
                    }
                    info.Includes = children;
                    info.Findings = findings;
                    info.Ip4 = ip4;
                    info.Ip6 = ip6;
                    info.VoidLookupCount = voids;
                    info.DnsLookupCount = _lookups - lookupsBefore;
                }
            }

            /// <summary>
            /// The include/redirect target to inspect next, or null when it is not followed (it depends on the client, closes
            /// a loop, or a budget stopped the walk). The caller awaits the child itself: no async method per followed term.
            /// </summary>
            private string? FollowTarget(SpfTerm t, string domain, List<Finding> findings)
            {
                var spec = t.DomainSpec!;
                if (spec.DependsOnClient) return null; // the target depends on the connection: not followed
                var target = SpfMacroExpander.ExpandDomain(spec, Placeholder, domain);
                var loopAt = -1;
                for (var i = 0; i < _path.Count && loopAt < 0; i++)
                    if (string.Equals(_path[i], target, StringComparison.OrdinalIgnoreCase)) loopAt = i;
                if (loopAt >= 0)
                {
                    findings.Add(SpfLinter.F(SpfFindingCodes.IncludeLoop, FindingSeverity.Error,
                        $"{t.Text} in the record of {domain} leads back to {target}: {string.Join(" → ", _path.Skip(loopAt).Concat(new[] { target }))}; receivers end in permerror.",
                        "Remove the term that closes the loop.", "4.6.4", TermSubject(domain, t)));
                    return null;
                }
                if (_dns.Stopped != null) return null;
                if (_records >= MaxRecords || _lookups > StopDescendingAfterLookups)
                {
                    _notFollowed++;
                    return null;
                }
                return target;
            }

            private void AddChild(SpfRecordInfo child, List<SpfRecordInfo> children)
            {
                // A target whose TXT query the walk did not get to send is not part of the tree.
                if (child.Record == null && child.Findings.Count == 0 && _dns.Stopped != null) return;
                children.Add(child);
            }

            /// <summary>a/mx/exists names that do not depend on the client: void answers and MX counts (§4.6.4).</summary>
            private async Task<int> CheckNameAsync(SpfTerm t, string domain, List<Finding> findings)
            {
                if (t.DomainSpec != null && t.DomainSpec.DependsOnClient) return 0;
                var name = t.DomainSpec == null ? domain : SpfMacroExpander.ExpandDomain(t.DomainSpec, Placeholder, domain);
                DnsAnswer? answer;
                var isVoid = false;
                if (t.Type == SpfTermType.Mx)
                {
                    answer = await QueryAsync(name, DnsRecordType.MX).ConfigureAwait(false);
                    if (answer == null) return 0;
                    if (answer.IsError) { findings.Add(DnsErrorFinding(answer, $"evaluating {t.Text} in the record of {domain}", TermSubject(domain, t))); return 0; }
                    isVoid = answer.IsVoid;
                    if (answer.Records.Count > _limits.MaxNameLookupsPerTerm)
                        findings.Add(SpfLinter.F(SpfFindingCodes.MxTooMany, FindingSeverity.Error,
                            $"{t.Text} in the record of {domain}: {name} has {answer.Records.Count} MX names, more than {_limits.MaxNameLookupsPerTerm}: receivers return permerror.",
                            "Use ip4:/ip6: or a: terms for the outbound hosts instead of mx.", "4.6.4", TermSubject(domain, t)));
                }
                else if (t.Type == SpfTermType.Exists)
                {
                    answer = await QueryAsync(name, DnsRecordType.A).ConfigureAwait(false);
                    if (answer == null) return 0;
                    if (answer.IsError) { findings.Add(DnsErrorFinding(answer, $"evaluating {t.Text} in the record of {domain}", TermSubject(domain, t))); return 0; }
                    isVoid = answer.IsVoid;
                }
                else
                {
                    answer = await QueryAsync(name, DnsRecordType.A).ConfigureAwait(false);
                    if (answer == null) return 0;
                    if (answer.IsError) { findings.Add(DnsErrorFinding(answer, $"evaluating {t.Text} in the record of {domain}", TermSubject(domain, t))); return 0; }
                    if (answer.IsVoid)
                    {
                        var aaaa = await QueryAsync(name, DnsRecordType.AAAA).ConfigureAwait(false);
                        if (aaaa == null) return 0;
                        if (aaaa.IsError) { findings.Add(DnsErrorFinding(aaaa, $"evaluating {t.Text} in the record of {domain}", TermSubject(domain, t))); return 0; }
                        isVoid = aaaa.IsVoid;
                        if (isVoid) answer = aaaa;
                    }
                }
                if (!isVoid) return 0;
                _voids.Add($"{t.Text} in {domain} ({answer.Status})");
                findings.Add(SpfLinter.F(SpfFindingCodes.VoidLookup, FindingSeverity.Warning,
                    $"{t.Text} in the record of {domain}: {name} answers {answer.Status}; each such lookup counts toward the limit of {_limits.MaxVoidLookups} void lookups.",
                    "Remove the term or publish the records it refers to.", "4.6.4", TermSubject(domain, t)));
                return 1;
            }

            /// <summary>§3.1: the type-99 answer at the root (queried by the caller, so no async method of its own).</summary>
            private static void CheckObsoleteType(string domain, DnsAnswer? answer, List<Finding> findings)
            {
                if (answer == null || answer.Status != DnsAnswerStatus.Success || answer.Records.Count == 0) return;
                findings.Add(SpfLinter.F(SpfFindingCodes.ObsoleteRrType, FindingSeverity.Warning,
                    $"{domain} publishes {answer.Records.Count} record(s) of the obsolete SPF RR type (99): receivers ignore it" +
                    $" (\"{answer.Records[0].Data}\").",
                    "Delete the type-99 SPF records; keep only the TXT record.", "3.1", domain));
            }

            private static void CheckSizes(string domain, DnsAnswer answer, List<Finding> findings, string? referencedBy)
            {
                // By index: foreach over the interfaces would box an enumerator per answer and per record.
                for (var i = 0; i < answer.Records.Count; i++)
                {
                    var r = answer.Records[i];
                    for (var k = 0; k < r.TextStrings.Count; k++)
                    {
                        var s = r.TextStrings[k];
                        var bytes = Encoding.UTF8.GetByteCount(s);
                        if (bytes > SpfLinter.MaxCharacterString)
                            findings.Add(SpfLinter.F(SpfFindingCodes.StringTooLong, FindingSeverity.Error,
                                $"{domain}: a TXT character-string is {bytes} bytes; DNS allows at most 255.",
                                "Split the record into several quoted strings of at most 255 bytes in the same TXT record.", "3.3", SubjectOf(domain, referencedBy)));
                    }
                }
                var size = TxtResponseSize(domain, answer);
                if (size > SpfLinter.MaxUdpMessage)
                    findings.Add(SpfLinter.F(SpfFindingCodes.RecordTooLarge, FindingSeverity.Warning,
                        $"{domain}: the TXT answer is about {size} bytes (all TXT records at the name), over the 512 bytes of a plain UDP DNS response; receivers must retry over TCP.",
                        "Shorten the SPF record or move other TXT records (verification tokens) to other names.", "3.4", SubjectOf(domain, referencedBy)));
            }

            /// <summary><see cref="SpfLinter.EstimateTxtResponseSize"/> of the answer's TXT records, without a list per record.</summary>
            private static int TxtResponseSize(string domain, DnsAnswer answer)
            {
                var size = 12 + SpfLinter.NameWireLength(domain) + 4;
                for (var i = 0; i < answer.Records.Count; i++)
                {
                    var r = answer.Records[i];
                    if (r.Type != DnsRecordType.TXT) continue;
                    size += 2 + 10;
                    if (r.TextStrings.Count == 0) { size += SpfLinter.SplitStringsSize(r.Data); continue; }
                    for (var k = 0; k < r.TextStrings.Count; k++) size += 1 + Encoding.UTF8.GetByteCount(r.TextStrings[k]);
                }
                return size;
            }

            public void AddTreeFindings(SpfRecordInfo root)
            {
                var incomplete = _dns.IncompleteFinding(root.Domain, _records, _lookups, _notFollowed);
                if (root.Record == null)
                {
                    if (incomplete != null) root.Findings = root.Findings.Concat(new[] { incomplete }).ToList();
                    return;
                }
                var findings = root.Findings.ToList();
                if (incomplete != null) findings.Add(incomplete);
                // Only the two findings below show the per-record list: built for them alone.
                string PerRecord() => string.Join("; ", _lookupsByRecord.Where(r => r.Terms.Count > 0)
                    .Select(r => $"{r.Domain} {r.Terms.Count} [{string.Join(", ", r.Terms)}]"));
                if (_lookups > _limits.MaxDnsLookups)
                    findings.Add(SpfLinter.F(SpfFindingCodes.TooManyLookups, FindingSeverity.Error,
                        $"{root.Domain}: {_lookups} DNS-querying terms across the include/redirect tree (limit {_limits.MaxDnsLookups}): {PerRecord()}. Receivers return permerror.",
                        "Flatten includes into ip4:/ip6: networks, drop unused mechanisms (ptr, duplicate a/mx), or split senders onto subdomains.",
                        "4.6.4", root.Domain));
                else if (_lookups >= _limits.MaxDnsLookups - 1)
                    findings.Add(SpfLinter.F(SpfFindingCodes.LookupsNearLimit, FindingSeverity.Info,
                        $"{root.Domain}: {_lookups} of {_limits.MaxDnsLookups} DNS-querying terms used: {PerRecord()}.",
                        "Keep headroom: a provider adding one include to its record would break yours.", "4.6.4", root.Domain));
                if (_voids.Count > _limits.MaxVoidLookups)
                    findings.Add(SpfLinter.F(SpfFindingCodes.TooManyVoidLookups, FindingSeverity.Error,
                        $"{root.Domain}: {_voids.Count} lookups in the tree answer NXDOMAIN/NODATA (limit {_limits.MaxVoidLookups}): {string.Join("; ", _voids)}. Receivers return permerror.",
                        "Remove the terms that refer to names without records.", "4.6.4", root.Domain));
                root.Findings = findings;
                root.DnsLookupCount = _lookups;
            }

            /// <summary>Values for expanding client-independent (%{d}-only) names.</summary>
            private static readonly SpfMacroValues Placeholder =
                new SpfMacroValues("postmaster@invalid", "postmaster", "invalid", "invalid", default, "unknown", 0);
        }
    }
}
