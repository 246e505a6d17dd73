using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Dns;

namespace EmailAuth.Core.Spf
{
    /// <summary>
    /// One check_host() run (RFC 7208 §4): the client, the §4.6.4 counters, the queries sent, the active
    /// include/redirect chain, the trace and the deadline. Not thread-safe; one per evaluation.
    /// </summary>
    internal sealed class SpfEvaluation
    {
        public const int MaxTraceLines = 250;
        public const int MaxTraceLineLength = 600;
        /// <summary>Hard bound on include/redirect nesting when the lookup limit is configured very high.</summary>
        public const int MaxDepth = 64;

        private enum Outcome { NoMatch, Match, Abort }

        private readonly IDnsResolver _resolver;
        private readonly SpfEvaluationOptions _options;
        private readonly SpfDeadline _deadline;
        private readonly SpfTraceList? _trace;
        private readonly List<string> _chain = new List<string>(4);
        private bool _traceTruncated;

        public SpfEvaluation(IDnsResolver resolver, SpfEvaluationOptions options, SpfMacroValues values, SpfDeadline deadline)
        {
            _resolver = resolver;
            _options = options;
            Values = values;
            _deadline = deadline;
            _trace = options.IncludeTrace ? new SpfTraceList() : null;
        }

        public SpfMacroValues Values { get; }
        public int DnsLookups { get; private set; }
        public int VoidLookups { get; private set; }
        /// <summary>Queries counted against <see cref="SpfEvaluationOptions.MaxDnsQueries"/>.</summary>
        public int QueriesSent { get; private set; }
        public string? Reason { get; private set; }
        /// <summary>The term of the top-level (or redirected-to) record that decided.</summary>
        public string? MatchedTerm { get; private set; }
        public SpfRecord? DecidingRecord { get; private set; }
        public string? DecidingDomain { get; private set; }
        public IReadOnlyList<string> Trace => (IReadOnlyList<string>?)_trace ?? Array.Empty<string>();

        private string? _innerMatch;

        public bool Tracing => _trace != null;

        public void AddTrace(string line)
        {
            if (_trace == null) return;
            if (_trace.Count >= MaxTraceLines)
            {
                if (!_traceTruncated) { _trace.Add("... (trace truncated)"); _traceTruncated = true; }
                return;
            }
            _trace.Add(line.Length > MaxTraceLineLength ? line.Substring(0, MaxTraceLineLength) + "..." : line);
        }

        private SpfResult Fail(SpfResult result, string reason)
        {
            Reason ??= reason;
            AddTrace(reason);
            return result;
        }

        /// <summary>check_host(&lt;ip&gt;, &lt;domain&gt;, &lt;sender&gt;) for one domain; includes recurse with depth+1.</summary>
        public async Task<SpfResult> CheckHostAsync(string domain, int includeDepth)
        {
            if (!SpfDomainName.IsValidCheckHostDomain(domain))
            {
                if (_chain.Count == 0) return Fail(SpfResult.None, $"none: '{domain}' is not a valid multi-label domain name (RFC 7208 §4.3)");
                if (Tracing) AddTrace($"'{domain}' is not a valid multi-label domain name: none (RFC 7208 §4.3)");
                return SpfResult.None;
            }
            if (_chain.Count >= MaxDepth)
                return Fail(SpfResult.PermError, $"permerror: include/redirect nesting deeper than {MaxDepth}");

            var answer = await QueryAsync(domain, DnsRecordType.TXT).ConfigureAwait(false);
            var selection = SpfRecordSelection.Select(answer);
            switch (selection.Kind)
            {
                case SpfRecordSelectionKind.DnsError:
                    return Fail(SpfResult.TempError, $"temperror: DNS {DescribeError(answer)} looking up the SPF record of {domain} (RFC 7208 §4.4)");
                case SpfRecordSelectionKind.Multiple:
                    return Fail(SpfResult.PermError, $"permerror: {selection.Candidates.Count} SPF records at {domain} (RFC 7208 §4.5)");
                case SpfRecordSelectionKind.None:
                    // pyspf counts an empty TXT answer as a void lookup (below the top level it leads to permerror anyway).
                    if (_chain.Count > 0 && answer.IsVoid && !CountVoid(answer, "the SPF record of " + domain)) return SpfResult.PermError;
                    if (Tracing) AddTrace($"no SPF record at {domain}");
                    if (_chain.Count == 0) Reason ??= $"none: no SPF record at {domain} (RFC 7208 §4.5)";
                    return SpfResult.None;
            }

            var text = selection.Text!;
            if (Tracing) AddTrace($"record of {domain}: \"{text}\"");
            var record = SpfRecordCache.Get(text);
            if (!record.IsValid)
                return Fail(SpfResult.PermError, $"{record.Error} in the record of {domain} (RFC 7208 §4.6)");

            _chain.Add(domain);
            try
            {
                foreach (var term in record.Mechanisms)
                {
                    // all/ip4/ip6 need no DNS: decided without an async call (the common case in large records).
                    var outcome = term.Type == SpfTermType.All || term.Type == SpfTermType.Ip4 || term.Type == SpfTermType.Ip6
                        ? EvaluateLocal(term)
                        : await EvaluateAsync(term, domain, includeDepth).ConfigureAwait(false);
                    if (outcome == Outcome.Abort) return _abortResult;
                    if (outcome == Outcome.NoMatch)
                    {
                        if (Tracing) AddTrace($"{domain}: \"{term.Text}\" → no match");
                        continue;
                    }
                    var result = term.Qualifier.ToResult();
                    if (Tracing) AddTrace($"{domain}: \"{term.Text}\" → match → {result.ToString().ToLowerInvariant()}");
                    if (includeDepth == 0)
                    {
                        MatchedTerm = term.Text;
                        DecidingRecord = record;
                        DecidingDomain = domain;
                        Reason = term.Type == SpfTermType.Include && _innerMatch != null
                            ? $"matched {term.Text} in the record of {domain} ({_innerMatch})"
                            : $"matched {term.Text} in the record of {domain}";
                    }
                    else if (term.Type != SpfTermType.Include || _innerMatch == null)
                    {
                        _innerMatch = $"{term.Text} in the record of {domain}";
                    }
                    return result;
                }

                if (record.Redirect != null)
                {
                    if (record.HasAll)
                    {
                        if (Tracing) AddTrace($"{domain}: \"{record.Redirect.Text}\" ignored: the record has an \"all\" mechanism (RFC 7208 §6.1)");
                    }
                    else
                    {
                        return await RedirectAsync(record.Redirect, domain, includeDepth).ConfigureAwait(false);
                    }
                }

                if (Tracing) AddTrace($"{domain}: no mechanism matched → neutral (RFC 7208 §4.7)");
                if (includeDepth == 0)
                {
                    DecidingRecord = record;
                    DecidingDomain = domain;
                    MatchedTerm = null;
                    Reason = $"no mechanism matched in the record of {domain}: default result neutral (RFC 7208 §4.7)";
                }
                return SpfResult.Neutral;
            }
            finally
            {
                _chain.RemoveAt(_chain.Count - 1);
            }
        }

        private SpfResult _abortResult;

        /// <summary>While expanding the explanation (§6.2) problems only drop the explanation: the result stands.</summary>
        public bool Explaining { get; set; }

        private Outcome Abort(SpfResult result, string reason)
        {
            if (Explaining)
            {
                AddTrace("exp: " + reason + " (explanation dropped)");
                return Outcome.Abort;
            }
            _abortResult = result;
            Reason ??= reason;
            AddTrace(reason);
            return Outcome.Abort;
        }

        private bool CountLookup(SpfTerm term, string domain)
        {
            DnsLookups++;
            if (DnsLookups <= _options.MaxDnsLookups) return true;
            Abort(SpfResult.PermError, $"permerror: more than {_options.MaxDnsLookups} DNS-querying terms ({Ordinal(DnsLookups)}: {term.Text} in the record of {domain}) (RFC 7208 §4.6.4)");
            return false;
        }

        /// <summary>Counts a void answer (NXDOMAIN/NODATA, §4.6.4); false (abort set) when the limit is exceeded.</summary>
        private bool CountVoid(DnsAnswer answer, string what)
        {
            if (!answer.IsVoid) return true;
            VoidLookups++;
            if (VoidLookups <= _options.MaxVoidLookups) return true;
            Abort(SpfResult.PermError, $"permerror: more than {_options.MaxVoidLookups} void DNS lookups ({Ordinal(VoidLookups)}: {answer.QueryType} {answer.QueryName} for {what} answered {answer.Status}) (RFC 7208 §4.6.4)");
            return false;
        }

        private Outcome EvaluateLocal(SpfTerm term)
        {
            var ip = Values.Ip;
            return term.Type switch
            {
                SpfTermType.All => Outcome.Match,
                // An ip4 network never matches an IPv6 client and vice versa (§5.6); IPv4-mapped clients are IPv4.
                SpfTermType.Ip4 => !ip.IsV6 && term.Network!.Contains(ip) ? Outcome.Match : Outcome.NoMatch,
                SpfTermType.Ip6 => ip.IsV6 && term.Network!.Contains(ip) ? Outcome.Match : Outcome.NoMatch,
                _ => Outcome.NoMatch,
            };
        }

        private async Task<Outcome> EvaluateAsync(SpfTerm term, string domain, int includeDepth)
        {
            var ip = Values.Ip;
            switch (term.Type)
            {
                case SpfTermType.All:
                    return Outcome.Match;
                case SpfTermType.Ip4:
                    // An ip4 network never matches an IPv6 client and vice versa (§5.6); IPv4-mapped clients are IPv4.
                    return !ip.IsV6 && term.Network!.Contains(ip) ? Outcome.Match : Outcome.NoMatch;
                case SpfTermType.Ip6:
                    return ip.IsV6 && term.Network!.Contains(ip) ? Outcome.Match : Outcome.NoMatch;
                case SpfTermType.A:
                {
                    if (!CountLookup(term, domain)) return Outcome.Abort;
                    var target = await TargetAsync(term, domain).ConfigureAwait(false);
                    if (target == null) return Outcome.Abort;
                    var answer = await AddressQueryAsync(target, ip.IsV6 ? DnsRecordType.AAAA : DnsRecordType.A).ConfigureAwait(false);
                    if (answer.IsError) return Abort(SpfResult.TempError, $"temperror: DNS {DescribeError(answer)} evaluating {term.Text} in the record of {domain} (RFC 7208 §5)");
                    if (!CountVoid(answer, term.Text)) return Outcome.Abort;
                    return AnyAddressMatches(answer, ip.IsV6 ? term.Cidr6 : term.Cidr4) ? Outcome.Match : Outcome.NoMatch;
                }
                case SpfTermType.Mx:
                    return await EvaluateMxAsync(term, domain).ConfigureAwait(false);
                case SpfTermType.Ptr:
                {
                    if (!CountLookup(term, domain)) return Outcome.Abort;
                    var target = await TargetAsync(term, domain).ConfigureAwait(false);
                    if (target == null) return Outcome.Abort;
                    var names = await ValidatedNamesAsync(term.Text).ConfigureAwait(false);
                    if (names == null) return Outcome.Abort;
                    foreach (var n in names)
                        if (SpfDomainName.EqualsOrIsSubdomainOf(n, target)) return Outcome.Match;
                    return Outcome.NoMatch;
                }
                case SpfTermType.Exists:
                {
                    if (!CountLookup(term, domain)) return Outcome.Abort;
                    var target = await TargetAsync(term, domain).ConfigureAwait(false);
                    if (target == null) return Outcome.Abort;
                    // §5.7: an A query whatever the client's address family.
                    var answer = await AddressQueryAsync(target, DnsRecordType.A).ConfigureAwait(false);
                    if (answer.IsError) return Abort(SpfResult.TempError, $"temperror: DNS {DescribeError(answer)} evaluating {term.Text} in the record of {domain} (RFC 7208 §5.7)");
                    if (!CountVoid(answer, term.Text)) return Outcome.Abort;
                    return answer.Records.Count > 0 ? Outcome.Match : Outcome.NoMatch;
                }
                case SpfTermType.Include:
                    return await EvaluateIncludeAsync(term, domain, includeDepth).ConfigureAwait(false);
                default:
                    return Outcome.NoMatch;
            }
        }

        private async Task<Outcome> EvaluateMxAsync(SpfTerm term, string domain)
        {
            if (!CountLookup(term, domain)) return Outcome.Abort;
            var ip = Values.Ip;
            var target = await TargetAsync(term, domain).ConfigureAwait(false);
            if (target == null) return Outcome.Abort;
            var mx = await AddressQueryAsync(target, DnsRecordType.MX).ConfigureAwait(false);
            if (mx.IsError) return Abort(SpfResult.TempError, $"temperror: DNS {DescribeError(mx)} evaluating {term.Text} in the record of {domain} (RFC 7208 §5.4)");
            if (!CountVoid(mx, term.Text)) return Outcome.Abort;
            var records = mx.Records;
            if (records.Count > _options.MaxNameLookupsPerTerm)
                return Abort(SpfResult.PermError, $"permerror: {term.Text} in the record of {domain}: {target} has {records.Count} MX names, more than {_options.MaxNameLookupsPerTerm} (RFC 7208 §4.6.4)");
            if (records.Count == 0) return Outcome.NoMatch;
            var ordered = new DnsRecord[records.Count];
            for (var k = 0; k < ordered.Length; k++) ordered[k] = records[k];
            if (ordered.Length > 1) Array.Sort(ordered, (x, y) => x.Preference != y.Preference ? x.Preference.CompareTo(y.Preference) : string.CompareOrdinal(x.Data, y.Data));
            var cidr = ip.IsV6 ? term.Cidr6 : term.Cidr4;
            var type = ip.IsV6 ? DnsRecordType.AAAA : DnsRecordType.A;
            // Like pyspf, every MX host is looked up before matching (void counts and errors are then the same).
            var matched = false;
            foreach (var r in ordered)
            {
                var host = SpfDomainName.TrimDot(DnsNameText.ToRaw(r.Data));
                if (host.Length == 0 || host == ".") continue; // RFC 7505 null MX
                var answer = await AddressQueryAsync(host, type).ConfigureAwait(false);
                if (answer.IsError) return Abort(SpfResult.TempError, $"temperror: DNS {DescribeError(answer)} evaluating {term.Text} in the record of {domain} (RFC 7208 §5.4)");
                if (!CountVoid(answer, term.Text + " (MX host " + host + ")")) return Outcome.Abort;
                if (!matched && AnyAddressMatches(answer, cidr)) matched = true;
            }
            return matched ? Outcome.Match : Outcome.NoMatch;
        }

        private async Task<Outcome> EvaluateIncludeAsync(SpfTerm term, string domain, int includeDepth)
        {
            if (!CountLookup(term, domain)) return Outcome.Abort;
            var target = await TargetAsync(term, domain).ConfigureAwait(false);
            if (target == null) return Outcome.Abort;
            if (IndexInChain(target) >= 0)
                return Abort(SpfResult.PermError, $"permerror: include loop: {LoopText(target)} ({term.Text} in the record of {domain}) (RFC 7208 §4.6.4, §5.2)");
            if (Tracing) AddTrace($"{domain}: \"{term.Text}\" → check_host({target})");
            _innerMatch = null;
            var result = await CheckHostAsync(target, includeDepth + 1).ConfigureAwait(false);
            if (Tracing) AddTrace($"{domain}: \"{term.Text}\" → {result.ToString().ToLowerInvariant()}");
            switch (result)
            {
                case SpfResult.Pass:
                    return Outcome.Match;
                case SpfResult.Fail:
                case SpfResult.SoftFail:
                case SpfResult.Neutral:
                    return Outcome.NoMatch;
                case SpfResult.TempError:
                    return Abort(SpfResult.TempError, $"temperror: {term.Text} in the record of {domain}");
                case SpfResult.PermError:
                    return Abort(SpfResult.PermError, $"permerror: {term.Text} in the record of {domain}");
                default:
                    var why = SpfDomainName.IsValidCheckHostDomain(target) ? "has no SPF record" : "is not a valid domain name";
                    return Abort(SpfResult.PermError, $"permerror: {term.Text} in the record of {domain}: {target} {why} (RFC 7208 §5.2)");
            }
        }

        private async Task<SpfResult> RedirectAsync(SpfTerm term, string domain, int includeDepth)
        {
            DnsLookups++;
            if (DnsLookups > _options.MaxDnsLookups)
                return Fail(SpfResult.PermError, $"permerror: more than {_options.MaxDnsLookups} DNS-querying terms ({Ordinal(DnsLookups)}: {term.Text} in the record of {domain}) (RFC 7208 §4.6.4)");
            var target = await TargetAsync(term, domain).ConfigureAwait(false);
            if (target == null) return _abortResult;
            if (IndexInChain(target) >= 0)
                return Fail(SpfResult.PermError, $"permerror: redirect loop: {LoopText(target)} ({term.Text} in the record of {domain}) (RFC 7208 §6.1)");
            if (Tracing) AddTrace($"{domain}: no mechanism matched → \"{term.Text}\" → check_host({target})");
            if (includeDepth == 0)
            {
                // §6.2: after redirect= the explanation of the original record no longer applies.
                DecidingRecord = null;
                DecidingDomain = null;
            }
            var result = await CheckHostAsync(target, includeDepth).ConfigureAwait(false);
            if (result == SpfResult.None)
            {
                var why = SpfDomainName.IsValidCheckHostDomain(target) ? "has no SPF record" : "is not a valid domain name";
                Reason = null;
                return Fail(SpfResult.PermError, $"permerror: {term.Text} in the record of {domain}: {target} {why} (RFC 7208 §6.1)");
            }
            return result;
        }

        private int IndexInChain(string target)
        {
            for (var k = 0; k < _chain.Count; k++)
                if (string.Equals(_chain[k], target, StringComparison.OrdinalIgnoreCase)) return k;
            return -1;
        }

        private string LoopText(string target)
        {
            var start = IndexInChain(target);
            var parts = new List<string>();
            for (var k = start; k < _chain.Count; k++) parts.Add(_chain[k]);
            parts.Add(target);
            return string.Join(" → ", parts);
        }

        /// <summary>The term's target name: its domain-spec expanded (§7), or the current domain.</summary>
        /// <returns>Null when computing %{p} exceeded the void lookup limit (abort set).</returns>
        private async Task<string?> TargetAsync(SpfTerm term, string domain)
        {
            var spec = term.DomainSpec;
            if (spec == null) return domain;
            if (spec.LiteralValue != null) return SpfMacroExpander.ExpandDomain(spec, Values, domain);
            if (spec.UsesP && !await EnsurePAsync(domain).ConfigureAwait(false)) return null;
            var target = SpfMacroExpander.ExpandDomain(spec, Values, domain);
            if (Tracing) AddTrace($"{domain}: \"{term.Text}\" expands to {target}");
            return target;
        }

        /// <summary>§7.3 %{p}: a validated name of the client, preferring &lt;domain&gt; or a subdomain of it; "unknown" on none or DNS error.</summary>
        /// <returns>False when the void lookup limit was exceeded (pyspf: permerror).</returns>
        public async Task<bool> EnsurePAsync(string d)
        {
            if (Values.P != null) return true;
            Values.P = "unknown"; // also guards against re-entry
            var names = await ValidatedNamesAsync("%{p}").ConfigureAwait(false);
            if (names == null) return false;
            if (names.Count == 0) return true;
            string? pick = null;
            foreach (var n in names) if (string.Equals(n, d, StringComparison.OrdinalIgnoreCase)) { pick = n; break; }
            if (pick == null) foreach (var n in names) if (SpfDomainName.EqualsOrIsSubdomainOf(n, d)) { pick = n; break; }
            Values.P = pick ?? names[0];
            return true;
        }

        /// <summary>
        /// §5.5 validated domain names: PTR names of the client (first 10), each kept when one of its A/AAAA
        /// addresses is the client. A PTR lookup error gives no names, an address lookup error skips the name
        /// (§5.5; pyspf returns temperror for both). Returns null when the void limit aborted evaluation.
        /// </summary>
        private async Task<List<string>?> ValidatedNamesAsync(string what)
        {
            var ip = Values.Ip;
            var result = new List<string>();
            var ptr = await QueryAsync(ip.ReverseName(), DnsRecordType.PTR).ConfigureAwait(false);
            if (ptr.IsError)
            {
                if (Tracing) AddTrace($"{what}: PTR lookup failed ({DescribeError(ptr)}): no validated names (RFC 7208 §5.5)");
                return result;
            }
            if (!CountVoid(ptr, what) ) return null;
            var type = ip.IsV6 ? DnsRecordType.AAAA : DnsRecordType.A;
            var max = Math.Min(ptr.Records.Count, _options.MaxNameLookupsPerTerm);
            for (var k = 0; k < max; k++)
            {
                var name = SpfDomainName.TrimDot(DnsNameText.ToRaw(ptr.Records[k].Data));
                var answer = await AddressQueryAsync(name, type).ConfigureAwait(false);
                if (answer.IsError)
                {
                    if (Tracing) AddTrace($"{what}: {name} skipped ({DescribeError(answer)}) (RFC 7208 §5.5)");
                    continue;
                }
                if (!CountVoid(answer, what + " (PTR name " + name + ")") ) return null;
                if (AnyAddressMatches(answer, ip.IsV6 ? 128 : 32)) result.Add(name);
            }
            return result;
        }

        private bool AnyAddressMatches(DnsAnswer answer, int prefix)
        {
            var ip = Values.Ip;
            for (var i = 0; i < answer.Records.Count; i++) // by index: no boxed enumerator
            {
                var r = answer.Records[i];
                if (r.Type != DnsRecordType.A && r.Type != DnsRecordType.AAAA) continue;
                if (IpBits.TryParseAddress(r.Data, out var a) && a.SamePrefix(ip, prefix)) return true;
            }
            return false;
        }

        /// <summary>A query for a name built from a record: names that cannot be valid are answered NXDOMAIN without asking (as pyspf).</summary>
        private Task<DnsAnswer> AddressQueryAsync(string name, DnsRecordType type)
        {
            if (!SpfDomainName.IsQueryable(name))
            {
                var a = new DnsAnswer(name.Length == 0 ? "." : name, type, DnsAnswerStatus.NxDomain, server: "not queried", errorMessage: "invalid domain name");
                if (Tracing) AddTrace($"DNS {type} '{name}': not queried (not a valid domain name), treated as NXDOMAIN");
                return Task.FromResult(a);
            }
            return QueryAsync(name, type);
        }

        /// <summary>
        /// A query bounded by the overall deadline (<see cref="SpfDeadline"/>) and by
        /// <see cref="SpfEvaluationOptions.MaxDnsQueries"/>; a resolver exception becomes an error answer.
        /// Each lookup costs the messages it sent (retries, failover, CNAME hops), at least one, so a warm cache
        /// does not change where the limit falls for names without CNAMEs.
        /// <paramref name="name"/> is raw text (a macro expansion): the resolver gets it in presentation form, so a
        /// space from %_ is the octet 32 ("\032"), not a separator or a character to trim.
        /// </summary>
        public async Task<DnsAnswer> QueryAsync(string name, DnsRecordType type)
        {
            name = DnsNameText.FromRaw(name);
            if (QueriesSent >= _options.MaxDnsQueries)
                throw new SpfQueryLimitException(
                    $"temperror: the evaluation reached its limit of {_options.MaxDnsQueries} DNS queries ({QueriesSent} sent, counting retries " +
                    $"and CNAME hops the server did not follow; last answer from {_lastServer ?? "the resolver"}) before querying {type} {name} (RFC 7208 §4.6.4)");
            var started = _trace != null ? Stopwatch.GetTimestamp() : 0;
            DnsAnswer answer;
            try
            {
                answer = await _deadline.QueryAsync(_resolver, name, type).ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException) && !(ex is SpfTimeoutException))
            {
                answer = new DnsAnswer(name, type, DnsAnswerStatus.Error, server: _resolver.GetType().Name, errorMessage: ex.Message);
            }
            QueriesSent += Math.Max(1, answer.QueriesSent);
            if (answer.Server != null) _lastServer = answer.Server;
            if (_trace != null)
            {
                if (_trace.Count >= MaxTraceLines) AddTrace(string.Empty);
                else _trace.Add(new DnsTraceEntry(answer, TimeSpan.FromTicks((Stopwatch.GetTimestamp() - started) * TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
            }
            return answer;
        }

        private string? _lastServer;

        internal static string DescribeError(DnsAnswer a)
        {
            var server = a.Server != null ? $" from {a.Server}" : string.Empty;
            var msg = string.IsNullOrEmpty(a.ErrorMessage) ? string.Empty : $": {a.ErrorMessage}";
            return $"{a.Status}{server} for {a.QueryType} {a.QueryName}{msg}";
        }

        private static string Ordinal(int n) =>
            n + (n % 100 >= 11 && n % 100 <= 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" });
    }
}
