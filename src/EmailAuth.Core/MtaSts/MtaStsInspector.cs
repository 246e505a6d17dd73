using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Dns;

namespace EmailAuth.Core.MtaSts
{
    /// <summary>
    /// A domain's MTA-STS (RFC 8461): the TXT record at _mta-sts.&lt;domain&gt; (§3.1), the policy from
    /// https://mta-sts.&lt;domain&gt;/.well-known/mta-sts.txt (§3.2, §3.3) or a file, and the policy against the MX hosts (§4.1).
    /// DNS goes through the given resolver, the policy host's address too, so -Server and test servers apply.
    /// </summary>
    public sealed class MtaStsInspector
    {
        /// <summary>Addresses of the policy host tried in turn (A first, then AAAA).</summary>
        private const int MaxAddresses = 4;
        /// <summary>RFC 8461 §3.2 suggests weeks; under a day senders refetch constantly and a MITM window opens as it expires.</summary>
        public const long ShortMaxAge = 86400;

        private readonly IDnsResolver _resolver;
        private readonly MtaStsHttpsClient _client;

        public MtaStsInspector(IDnsResolver resolver) : this(resolver, new MtaStsHttpsClient()) { }

        internal MtaStsInspector(IDnsResolver resolver, MtaStsHttpsClient client)
        {
            _resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));
            _client = client;
        }

        public static string TxtName(string domain) => "_mta-sts." + domain;
        public static string PolicyHost(string domain) => "mta-sts." + domain;
        // One concatenation (the host's text is not made on the way): every audited domain gets its policy URL.
        public static string PolicyUrl(string domain) => string.Concat("https://mta-sts.", domain, MtaStsHttpsClient.WellKnownPath);

        public async Task<MtaStsPolicyInfo> InspectAsync(string domain, MtaStsOptions options, CancellationToken cancellationToken)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            domain = DnsName.Normalize(domain);
            var info = new MtaStsPolicyInfo { Domain = domain, PolicyUrl = PolicyUrl(domain) };
            var findings = new List<Finding>();

            // The TXT and MX queries are independent: ask both at once (a bulk audit waits one round trip, not two).
            var mxFindings = new List<Finding>();
            var txtName = TxtName(domain); // made once: the findings below name it up to three times
            var txtTask = ReadTxtAsync(domain, txtName, info, findings, cancellationToken);
            var mxTask = ReadMxAsync(domain, mxFindings, cancellationToken);
            var txt = await txtTask.ConfigureAwait(false);
            var mxHosts = await mxTask.ConfigureAwait(false);
            findings.AddRange(mxFindings);
            info.MxHosts = mxHosts ?? Array.Empty<string>();

            MtaStsPolicy? policy = null;
            if (options.PolicyText != null)
            {
                info.PolicySource = options.PolicySource ?? "(given text)";
                info.Policy = options.PolicyText;
                policy = MtaStsPolicyParser.Parse(options.PolicyText, findings, info.PolicySource);
            }
            else if (options.Offline)
            {
                if (txt != TxtState.None)
                    findings.Add(new Finding(MtaStsFindingCodes.PolicyNotFetched, FindingSeverity.Info,
                        $"The policy at {info.PolicyUrl} was not fetched: answers come from zone files (offline).",
                        "Give the policy file with -PolicyPath, or run without -ZoneFile to fetch it.", "RFC 8461 §3.3", domain));
            }
            else
            {
                var body = await FetchAsync(domain, options.FetchTimeout, txt, info, findings, cancellationToken).ConfigureAwait(false);
                if (body != null)
                {
                    info.Policy = body;
                    info.PolicySource = info.PolicyUrl;
                    info.Fetched = true;
                    policy = MtaStsPolicyParser.Parse(body, findings, info.PolicyUrl);
                }
            }

            if (policy != null)
            {
                info.Version = policy.Version;
                info.Mode = policy.Mode;
                info.MaxAge = policy.MaxAge;
                info.Mx = policy.Mx;
                CheckPolicy(domain, policy, mxHosts, info, findings);
            }

            if (txt == TxtState.None)
                findings.Add(policy != null
                    ? new Finding(MtaStsFindingCodes.PolicyWithoutTxt, FindingSeverity.Warning,
                        $"A policy exists ({info.PolicySource}) but there is no STS TXT record at {txtName}: senders look for the TXT record first and never fetch the policy.",
                        $"Publish {txtName} TXT \"v=STSv1; id=<new id>\".", "RFC 8461 §3.1, §3.3", domain)
                    : new Finding(MtaStsFindingCodes.NoTxt, FindingSeverity.Info,
                        $"No MTA-STS TXT record at {txtName}: senders deliver over opportunistic TLS, open to downgrade.",
                        $"Serve a policy at {info.PolicyUrl} (start with mode: testing) and publish {txtName} TXT \"v=STSv1; id=<id>\".",
                        "RFC 8461 §3.1", domain));
            else if (txt == TxtState.Valid && (policy == null || !policy.IsValid) && !options.Offline)
                findings.Add(new Finding(MtaStsFindingCodes.TxtWithoutPolicy, FindingSeverity.Error,
                    $"{txtName} announces MTA-STS (id {info.Id}) but no valid policy was obtained: senders treat the domain as having no policy.",
                    $"Serve a valid policy at {info.PolicyUrl}, or remove the TXT record.", "RFC 8461 §3.3", domain));

            info.Findings = findings;
            info.IsValid = txt == TxtState.Valid && policy != null && policy.IsValid && !FindingLists.AnyAtLeast(findings, FindingSeverity.Error);
            return info;
        }

        private static readonly DnsRecordType[] AddressTypes = { DnsRecordType.A, DnsRecordType.AAAA };

        private enum TxtState { None, Valid, Invalid, Multiple, Unknown }

        private async Task<TxtState> ReadTxtAsync(string domain, string name, MtaStsPolicyInfo info, List<Finding> findings, CancellationToken ct)
        {
            var answer = await _resolver.QueryAsync(name, DnsRecordType.TXT, ct).ConfigureAwait(false);
            info.Server = answer.Server;
            info.TxtCnameChain = answer.CnameChain;
            if (answer.IsError)
            {
                findings.Add(new Finding(MtaStsFindingCodes.DnsError, FindingSeverity.Error,
                    $"The TXT query for {name} failed: {answer.Status} from {answer.Server ?? "the resolver"}" +
                    (answer.ErrorMessage != null ? $" ({answer.ErrorMessage})" : "") + ". This is a temporary failure, not a missing record.",
                    "Retry later, raise -TimeoutSec, or ask another resolver with -Server.", "RFC 8461 §3.1", name));
                return TxtState.Unknown;
            }
            // §3.1: records that do not begin with "v=STSv1" are discarded; more than one left means no policy.
            // By index, no LINQ: every domain of a bulk audit comes here, and most have no record at all.
            var sts = new List<string>();
            for (var i = 0; i < answer.Records.Count; i++)
            {
                var r = answer.Records[i];
                if (r.Type == DnsRecordType.TXT && MtaStsTxtRecord.IsStsCandidate(r.Data)) sts.Add(r.Data);
            }
            // Ordinal text order (equal texts are the same string, so an unstable sort shows the same list).
            if (sts.Count > 1) sts.Sort(StringComparer.Ordinal);
            if (sts.Count == 0)
            {
                DnsRecord? lookalike = null;
                for (var i = 0; i < answer.Records.Count && lookalike == null; i++)
                    if (answer.Records[i].Data.TrimStart().StartsWith("v=sts", StringComparison.OrdinalIgnoreCase)) lookalike = answer.Records[i];
                if (lookalike == null) return TxtState.None;
                info.TxtRecord = lookalike.Data;
                findings.Add(new Finding(MtaStsFindingCodes.TxtInvalid, FindingSeverity.Error,
                    $"The TXT record at {name} '{lookalike.Data}' does not begin with \"v=STSv1\" exactly (case-sensitive), so senders discard it.",
                    "Publish \"v=STSv1; id=<id>\".", "RFC 8461 §3.1", name));
                return TxtState.Invalid;
            }
            info.TxtRecord = sts[0];
            if (sts.Count > 1)
            {
                findings.Add(new Finding(MtaStsFindingCodes.TxtMultiple, FindingSeverity.Error,
                    $"{sts.Count} TXT records at {name} begin with v=STSv1: senders MUST then assume there is no policy.",
                    "Keep exactly one STS TXT record; change its id= when the policy changes.", "RFC 8461 §3.1", name));
                return TxtState.Multiple;
            }
            var record = MtaStsTxtRecord.Parse(sts[0], out var error);
            if (record == null)
            {
                findings.Add(new Finding(MtaStsFindingCodes.TxtInvalid, FindingSeverity.Error,
                    $"The STS TXT record at {name} is invalid: {error}. Senders assume there is no policy.",
                    "Publish \"v=STSv1; id=<1-32 letters and digits>\", e.g. id=2026010100.", "RFC 8461 §3.1", name));
                return TxtState.Invalid;
            }
            info.Id = record.Id;
            return TxtState.Valid;
        }

        /// <summary>The MX hosts; the domain itself for an implicit MX (RFC 5321 §5.1); empty for a null MX (RFC 7505); null when unknown.</summary>
        private async Task<IReadOnlyList<string>?> ReadMxAsync(string domain, List<Finding> findings, CancellationToken ct)
        {
            var answer = await _resolver.QueryAsync(domain, DnsRecordType.MX, ct).ConfigureAwait(false);
            if (answer.IsError)
            {
                findings.Add(new Finding(MtaStsFindingCodes.MxDnsError, FindingSeverity.Warning,
                    $"The MX query for {domain} failed ({answer.Status} from {answer.Server ?? "the resolver"}); the policy was not compared with the MX hosts.",
                    "Retry later or ask another resolver with -Server.", "RFC 8461 §4.1", domain));
                return null;
            }
            var mx = new List<DnsRecord>(answer.Records.Count);
            for (var i = 0; i < answer.Records.Count; i++) if (answer.Records[i].Type == DnsRecordType.MX) mx.Add(answer.Records[i]);
            if (mx.Count == 0) return answer.Status == DnsAnswerStatus.NxDomain ? Array.Empty<string>() : new[] { domain };
            if (mx.Count == 1 && (mx[0].Data.Length == 0 || mx[0].Data == "."))
            {
                findings.Add(new Finding(MtaStsFindingCodes.NullMx, FindingSeverity.Info,
                    $"{domain} publishes a null MX: it accepts no mail, so an MTA-STS policy protects nothing.",
                    null, "RFC 7505 §3", domain));
                return Array.Empty<string>();
            }
            if (mx.Count == 1)
            {
                // The usual single MX: what the sort and the set below give for one host, without them.
                var host = mx[0].Data.TrimEnd(TrimChars.Dot).ToLowerInvariant();
                return host.Length > 0 ? new List<string> { host } : new List<string>();
            }
            return mx.OrderBy(r => r.Preference).Select(r => r.Data.TrimEnd(TrimChars.Dot).ToLowerInvariant())
                     .Where(h => h.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        }

        private async Task<string?> FetchAsync(string domain, TimeSpan timeout, TxtState txt, MtaStsPolicyInfo info, List<Finding> findings, CancellationToken ct)
        {
            var host = PolicyHost(domain);
            var report = txt != TxtState.None; // without any STS record, a missing policy host is the normal case
            var addresses = new List<IPAddress>();
            string? dnsProblem = null;
            foreach (var type in AddressTypes)
            {
                var answer = await _resolver.QueryAsync(host, type, ct).ConfigureAwait(false);
                if (answer.IsError) dnsProblem ??= $"{type} query {answer.Status} from {answer.Server ?? "the resolver"}";
                for (var i = 0; i < answer.Records.Count; i++)
                {
                    var r = answer.Records[i];
                    if (r.Type == type && IPAddress.TryParse(r.Data, out var ip) && addresses.Count < MaxAddresses) addresses.Add(ip);
                }
                if (addresses.Count > 0) break;
                // NXDOMAIN: the name has no records of any type (RFC 8020 §2), so no AAAA either. Most domains have
                // no policy host, and a bulk audit saves a query (and a round trip) for each.
                if (answer.Status == DnsAnswerStatus.NxDomain) break;
            }
            if (addresses.Count == 0)
            {
                info.FetchOutcome = MtaStsFetchOutcome.DnsFailed;
                if (report)
                    findings.Add(new Finding(MtaStsFindingCodes.FetchDnsFailed, FindingSeverity.Error,
                        $"{host} has no address ({dnsProblem ?? "no A or AAAA record"}), so senders cannot fetch the policy.",
                        $"Publish an A/AAAA record (or CNAME) for {host} pointing at the HTTPS server that serves the policy.", "RFC 8461 §3.3", host));
                return null;
            }

            MtaStsFetchResult? result = null;
            // One time budget for the whole fetch, however many addresses are tried (§3.3: bounded, not per address).
            var clock = System.Diagnostics.Stopwatch.StartNew();
            foreach (var address in addresses)
            {
                var left = timeout - clock.Elapsed;
                if (result != null && left <= TimeSpan.Zero) break;
                result = await _client.FetchAsync(host, address, left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1), ct).ConfigureAwait(false);
                // Only a failure to reach that address is worth trying the next one; an answer is the answer.
                if (result.Outcome != MtaStsFetchOutcome.ConnectFailed) break;
            }
            info.FetchOutcome = result!.Outcome;
            info.PolicyAddress = result.Address;
            if (result.Outcome == MtaStsFetchOutcome.Success) return result.Body;
            if (report) findings.Add(FetchFinding(host, result));
            return null;
        }

        private static Finding FetchFinding(string host, MtaStsFetchResult r)
        {
            var url = "https://" + host + MtaStsHttpsClient.WellKnownPath;
            var at = r.Address != null ? $" ({r.Address})" : "";
            switch (r.Outcome)
            {
                case MtaStsFetchOutcome.ConnectFailed:
                    return new Finding(MtaStsFindingCodes.FetchConnectFailed, FindingSeverity.Error,
                        $"No HTTPS connection to {host}{at}: {r.Detail}.", $"Serve HTTPS on port 443 at {host}.", "RFC 8461 §3.3", host);
                case MtaStsFetchOutcome.TlsFailed:
                    return new Finding(MtaStsFindingCodes.FetchTlsFailed, FindingSeverity.Error,
                        $"The TLS handshake with {host}{at} failed: {r.Detail}.", "Serve TLS 1.2 or later with a certificate for the host.", "RFC 8461 §3.3", host);
                case MtaStsFetchOutcome.CertificateInvalid:
                    return new Finding(MtaStsFindingCodes.FetchCertificateInvalid, FindingSeverity.Error,
                        $"The certificate of {host}{at} does not validate: {r.Detail}. Senders refuse the policy.",
                        $"Install a current certificate for {host} from a public CA (with its intermediates).", "RFC 8461 §3.3; RFC 6125", host);
                case MtaStsFetchOutcome.Redirect:
                    return new Finding(MtaStsFindingCodes.FetchRedirect, FindingSeverity.Error,
                        $"{url} answered with a redirect ({r.Detail}); senders MUST NOT follow redirects, so they see no policy.",
                        "Serve the policy file itself at that exact URL (no HTTPS-to-elsewhere redirect).", "RFC 8461 §3.3", host);
                case MtaStsFetchOutcome.HttpStatus:
                    return new Finding(MtaStsFindingCodes.FetchHttpStatus, FindingSeverity.Error,
                        $"{url} answered {r.Detail}, not 200.", $"Serve the policy at {url} with status 200.", "RFC 8461 §3.3", host);
                case MtaStsFetchOutcome.ContentType:
                    return new Finding(MtaStsFindingCodes.FetchContentType, FindingSeverity.Error,
                        $"{url} was served with {r.Detail}; the policy MUST be text/plain.", "Serve the file as \"Content-Type: text/plain\".", "RFC 8461 §3.2", host);
                case MtaStsFetchOutcome.TooLarge:
                    return new Finding(MtaStsFindingCodes.FetchTooLarge, FindingSeverity.Error,
                        $"{url}: {r.Detail}; senders stop reading at 64 KiB.", "Serve only the policy's few lines.", "RFC 8461 §3.3", host);
                case MtaStsFetchOutcome.Timeout:
                    return new Finding(MtaStsFindingCodes.FetchTimeout, FindingSeverity.Error,
                        $"Fetching {url}{at} timed out: {r.Detail}.", "Make the policy server answer promptly.", "RFC 8461 §3.3", host);
                default:
                    return new Finding(MtaStsFindingCodes.FetchProtocolError, FindingSeverity.Error,
                        $"{url}{at} did not answer well-formed HTTP/1.1: {r.Detail}.", "Serve the policy from a standard web server.", "RFC 8461 §3.3", host);
            }
        }

        private static void CheckPolicy(string domain, MtaStsPolicy policy, IReadOnlyList<string>? mxHosts, MtaStsPolicyInfo info, List<Finding> findings)
        {
            var subject = info.PolicySource;
            if (policy.Mode == MtaStsMode.Testing)
                findings.Add(new Finding(MtaStsFindingCodes.ModeTesting, FindingSeverity.Info,
                    "mode: testing: senders report TLS failures (TLS-RPT) but still deliver, so there is no downgrade protection yet.",
                    "Once TLS-RPT reports are clean, switch to \"mode: enforce\" (and change the TXT id).", "RFC 8461 §5", subject));
            else if (policy.Mode == MtaStsMode.None)
                findings.Add(new Finding(MtaStsFindingCodes.ModeNone, FindingSeverity.Warning,
                    "mode: none: senders apply no MTA-STS (the mode for withdrawing a policy).",
                    "Use \"mode: testing\" or \"mode: enforce\", unless the policy is being withdrawn.", "RFC 8461 §5, §8.3", subject));
            if (policy.MaxAge != null && policy.MaxAge < ShortMaxAge)
                findings.Add(new Finding(MtaStsFindingCodes.MaxAgeShort, FindingSeverity.Warning,
                    $"max_age {policy.MaxAge} is under one day ({ShortMaxAge} s): cached policies expire quickly, leaving senders unprotected between fetches.",
                    "Use weeks, e.g. \"max_age: 1209600\" (two weeks) or 604800 at least.", "RFC 8461 §3.2", subject));

            if (mxHosts == null || policy.Mx.Count == 0 || policy.Mode == MtaStsMode.None) return;
            var unmatched = mxHosts.Where(h => !policy.Mx.Any(p => MtaStsMxPattern.Matches(p, h))).ToList();
            var unused = policy.Mx.Where(p => !mxHosts.Any(h => MtaStsMxPattern.Matches(p, h))).ToList();
            info.UnmatchedMxHosts = unmatched;
            info.UnusedPatterns = unused;
            foreach (var host in unmatched)
                findings.Add(new Finding(MtaStsFindingCodes.MxNotCovered,
                    policy.Mode == MtaStsMode.Enforce ? FindingSeverity.Error : FindingSeverity.Warning,
                    policy.Mode == MtaStsMode.Enforce
                        ? $"MX host {host} matches no mx pattern of the policy: senders that honour MTA-STS will not deliver to it."
                        : $"MX host {host} matches no mx pattern: in testing mode senders report it; in enforce mode they would not deliver to it.",
                    $"Add \"mx: {host}\" (or a \"*.\" pattern covering it) to the policy and change the TXT id.", "RFC 8461 §4.1", host));
            foreach (var p in unused)
                findings.Add(new Finding(MtaStsFindingCodes.MxPatternUnused, FindingSeverity.Info,
                    $"mx pattern {p} matches none of {domain}'s MX hosts ({(mxHosts.Count == 0 ? "none" : string.Join(", ", mxHosts))}).",
                    "Remove stale patterns, or ignore this for a backup MX not yet in DNS.", "RFC 8461 §4.1", p));
        }
    }
}
