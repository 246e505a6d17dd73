using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Dns;

namespace EmailAuth.Core.Mx
{
    /// <summary>
    /// The mail exchangers of a domain (RFC 5321 §5.1): MX records by preference, each target resolved to A/AAAA;
    /// null MX (RFC 7505); implicit MX when there are none. Bounded: one MX query and two address queries for each of
    /// at most <see cref="MaxHosts"/> targets. DNS failures are findings of their own, never "no MX".
    /// </summary>
    public sealed class MxInspector
    {
        /// <summary>Targets resolved per domain; real domains have 1–5, more only costs queries.</summary>
        public const int MaxHosts = 16;
        private readonly IDnsResolver _resolver;

        public MxInspector(IDnsResolver resolver) => _resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));

        public async Task<MxRecordInfo> InspectAsync(string domain, CancellationToken cancellationToken = default)
        {
            var name = DnsName.Normalize(domain).ToLowerInvariant();
            var info = new MxRecordInfo { Domain = name };
            var findings = new List<Finding>();
            var answer = await _resolver.QueryAsync(name, DnsRecordType.MX, cancellationToken).ConfigureAwait(false);
            if (answer.IsError)
            {
                findings.Add(new Finding(MxFindingCodes.DnsError, FindingSeverity.Error,
                    $"The MX query for {name} failed: {answer.Status} from {answer.Server ?? "the resolver"}{(answer.ErrorMessage != null ? " (" + answer.ErrorMessage + ")" : string.Empty)}. Where mail goes is unknown: a temporary error, not \"no MX\".",
                    "Retry later, raise -TimeoutSec, or ask another resolver with -Server.", "RFC 5321 §5.1", name));
                return Finish(info, findings);
            }
            if (answer.Status == DnsAnswerStatus.NxDomain)
            {
                findings.Add(new Finding(MxFindingCodes.DomainNotFound, FindingSeverity.Error,
                    $"{name} does not exist (NXDOMAIN): it can neither receive mail nor be a sender's domain that receivers accept.",
                    $"Check the spelling, or create the zone for {name}.", "RFC 5321 §5.1", name));
                info.AcceptsMail = false;
                return Finish(info, findings);
            }
            var records = new List<DnsRecord>(answer.Records.Count);
            for (var i = 0; i < answer.Records.Count; i++) if (answer.Records[i].Type == DnsRecordType.MX) records.Add(answer.Records[i]);
            // By preference, then name (a stable sort); one record, the usual case, needs none.
            if (records.Count > 1)
                records = records.OrderBy(r => r.Preference).ThenBy(r => r.Data, StringComparer.OrdinalIgnoreCase).ToList();
            if (records.Count == 0)
                return await ImplicitAsync(info, findings, cancellationToken).ConfigureAwait(false);

            // RFC 7505 §3: a null MX is the single record "0 ." (exchange is the root); nothing else may sit beside it.
            var nulls = new List<DnsRecord>();
            foreach (var r in records) if (r.Data == ".") nulls.Add(r);
            if (nulls.Count > 0)
            {
                info.IsNullMx = true;
                if (nulls.Count == records.Count)
                {
                    findings.Add(new Finding(MxFindingCodes.NullMx, FindingSeverity.Info,
                        $"{name} publishes a null MX (\"0 .\"): it declares that it accepts no mail, and senders fail such mail at once.",
                        "Keep it for domains that never receive mail; remove it (and publish real MX records) otherwise.", "RFC 7505 §3", name));
                    info.Hosts = nulls.Select(r => new MxHost { Preference = r.Preference, Exchange = ".", IsNullMx = true, Resolved = true }).ToList();
                    info.AcceptsMail = false;
                    return Finish(info, findings);
                }
                findings.Add(new Finding(MxFindingCodes.NullMxMixed, FindingSeverity.Error,
                    $"{name} publishes a null MX together with {records.Count - nulls.Count} other MX record(s): RFC 7505 forbids this, and senders may treat the domain as accepting no mail or ignore the null MX.",
                    "Remove the \"0 .\" MX record if the domain receives mail, or every other MX record if it does not.", "RFC 7505 §3", name));
            }

            var hosts = new List<MxHost>(Math.Min(records.Count, MaxHosts));
            for (var i = 0; i < records.Count && i < MaxHosts; i++)
            {
                var r = records[i];
                var host = new MxHost { Preference = r.Preference, Exchange = r.Data, IsNullMx = r.Data == "." };
                hosts.Add(host);
                if (!host.IsNullMx) await ResolveAsync(host, findings, cancellationToken).ConfigureAwait(false);
            }
            info.Hosts = hosts;
            info.AcceptsMail = AcceptsMail(hosts);
            return Finish(info, findings);
        }

        /// <summary>True when a host has an address; null (unknown) when none has but one is unresolved; else false.</summary>
        private static bool? AcceptsMail(List<MxHost> hosts)
        {
            var unresolved = false;
            for (var i = 0; i < hosts.Count; i++)
            {
                if (hosts[i].Addresses.Count > 0) return true;
                if (!hosts[i].IsNullMx && !hosts[i].Resolved) unresolved = true;
            }
            return unresolved ? (bool?)null : false;
        }

        /// <summary>RFC 5321 §5.1: with no MX records the domain itself is the only exchanger, at preference 0.</summary>
        private async Task<MxRecordInfo> ImplicitAsync(MxRecordInfo info, List<Finding> findings, CancellationToken ct)
        {
            var host = new MxHost { Exchange = info.Domain, IsImplicit = true };
            var local = new List<Finding>();
            await ResolveAsync(host, local, ct, implicitMx: true).ConfigureAwait(false);
            findings.AddRange(local.Where(f => f.Code == MxFindingCodes.DnsError));
            info.IsImplicit = true;
            info.Hosts = new[] { host };
            info.AcceptsMail = host.Addresses.Count > 0 ? true : host.Resolved ? false : (bool?)null;
            findings.Insert(0, new Finding(MxFindingCodes.NoRecords, host.Addresses.Count > 0 || !host.Resolved ? FindingSeverity.Warning : FindingSeverity.Error,
                host.Addresses.Count > 0
                    ? $"{info.Domain} has no MX records: senders deliver to its own address ({string.Join(", ", host.Addresses)}) as an implicit MX, which is rarely intended."
                    : $"{info.Domain} has no MX records{(host.Resolved ? " and no A or AAAA address: it cannot receive mail (bounces, DMARC reports)." : ".")}",
                host.Addresses.Count > 0 || !host.Resolved
                    ? $"Publish MX records for {info.Domain}, or a null MX (\"0 .\", RFC 7505) if it never receives mail."
                    : $"Publish MX records for {info.Domain}, or a null MX (\"0 .\", RFC 7505) to say that it never receives mail.",
                "RFC 5321 §5.1", info.Domain));
            return Finish(info, findings);
        }

        private async Task ResolveAsync(MxHost host, List<Finding> findings, CancellationToken ct, bool implicitMx = false)
        {
            var target = host.Exchange;
            // RFC 1035 §3.3.9 / RFC 5321 §5.1: the exchange is a domain name; an address in its place is looked up as a
            // name (and fails), so senders cannot deliver to it.
            if (!implicitMx && IsIpLiteral(target))
            {
                host.Resolved = true;
                findings.Add(new Finding(MxFindingCodes.TargetIsIpLiteral, FindingSeverity.Error,
                    $"The MX target {target} is an IP address, but an MX record must name a host: senders look it up as a name and fail.",
                    $"Give the host a name (e.g. mx.<domain> IN A {target.Trim(TrimChars.Brackets)}) and point the MX record at that name.",
                    "RFC 5321 §5.1; RFC 1035 §3.3.9", target));
                return;
            }
            var addresses = new List<string>();
            var chain = new List<string>();
            var failed = false;
            foreach (var type in AddressTypes)
            {
                var answer = await _resolver.QueryAsync(target, type, ct).ConfigureAwait(false);
                if (answer.IsError)
                {
                    // One finding per host, however many of its address queries failed.
                    if (!failed)
                        findings.Add(new Finding(MxFindingCodes.DnsError, FindingSeverity.Warning,
                            $"The {type} query for the mail host {target} failed: {answer.Status} from {answer.Server ?? "the resolver"}. Its addresses are unknown (a temporary error).",
                            "Retry later or ask another resolver with -Server.", "RFC 5321 §5.1", target));
                    failed = true;
                    continue;
                }
                // By index: a foreach over the interface boxes an enumerator for every (usually empty) chain.
                for (var i = 0; i < answer.CnameChain.Count; i++)
                    if (!Contains(chain, answer.CnameChain[i])) chain.Add(answer.CnameChain[i]);
                for (var i = 0; i < answer.Records.Count; i++) if (answer.Records[i].Type == type) addresses.Add(answer.Records[i].Data);
                if (answer.Status == DnsAnswerStatus.NxDomain && answer.CnameChain.Count == 0)
                {
                    if (!implicitMx)
                        findings.Add(new Finding(MxFindingCodes.TargetNotFound, FindingSeverity.Error,
                            $"The MX target {target} does not exist (NXDOMAIN): senders cannot deliver to it.",
                            $"Create {target} with an A/AAAA record, or point the MX record at an existing mail host.", "RFC 5321 §5.1", target));
                    host.Resolved = true;
                    host.CnameChain = chain;
                    return;
                }
            }
            host.Addresses = Distinct(addresses);
            host.CnameChain = chain;
            host.Resolved = !failed;
            if (!implicitMx && chain.Count > 0)
                findings.Add(new Finding(MxFindingCodes.TargetIsCname, FindingSeverity.Warning,
                    $"The MX target {target} is an alias (CNAME to {string.Join(" → ", chain)}): RFC 2181 §10.3 forbids it and some senders refuse or mishandle it.",
                    $"Point the MX record at the canonical name {chain[chain.Count - 1]} itself.", "RFC 2181 §10.3; RFC 5321 §5.1", target));
            if (!implicitMx && !failed && host.Addresses.Count == 0)
                findings.Add(new Finding(MxFindingCodes.TargetNoAddress, FindingSeverity.Error,
                    $"The MX target {target} has no A or AAAA record: senders cannot deliver to it.",
                    $"Publish an A (and/or AAAA) record for {target}, or point the MX record at a host that has one.", "RFC 5321 §5.1", target));
        }

        private static readonly DnsRecordType[] AddressTypes = { DnsRecordType.A, DnsRecordType.AAAA };

        private static bool Contains(List<string> names, string name)
        {
            for (var i = 0; i < names.Count; i++) if (DnsName.Comparer.Equals(names[i], name)) return true;
            return false;
        }

        /// <summary>
        /// The addresses without repeats (case-insensitive), first kept, as Distinct would list them: a host has one or
        /// two, compared one by one; a long (hostile) answer gets a set so the work stays linear.
        /// </summary>
        private static List<string> Distinct(List<string> addresses)
        {
            var distinct = new List<string>(addresses.Count);
            HashSet<string>? seen = addresses.Count > 16 ? new HashSet<string>(StringComparer.OrdinalIgnoreCase) : null;
            for (var i = 0; i < addresses.Count; i++)
            {
                var a = addresses[i];
                if (seen != null ? seen.Add(a) : !ContainsIgnoringCase(distinct, a)) distinct.Add(a);
            }
            return distinct;
        }

        private static bool ContainsIgnoringCase(List<string> list, string value)
        {
            for (var i = 0; i < list.Count; i++) if (string.Equals(list[i], value, StringComparison.OrdinalIgnoreCase)) return true;
            return false;
        }

        /// <summary>An IPv4 dotted quad (as labels) or a bracketed/plain IPv6 address in the exchange field.</summary>
        internal static bool IsIpLiteral(string target)
        {
            var t = target.Trim(TrimChars.Brackets);
            if (t.StartsWith("IPv6:", StringComparison.OrdinalIgnoreCase)) t = t.Substring(5);
            return t.Contains(":") ? IPAddress.TryParse(t, out _) : IsDottedQuadText(t) && IPAddress.TryParse(t, out _);
        }

        /// <summary>Four dot-separated labels of 1-3 digits each (read in place: every MX target of every audit comes here).</summary>
        private static bool IsDottedQuadText(string t)
        {
            var labels = 0;
            for (int start = 0, i = 0; i <= t.Length; i++)
            {
                if (i < t.Length && t[i] != '.')
                {
                    if (!char.IsDigit(t[i])) return false;
                    continue;
                }
                var length = i - start;
                if (length == 0 || length > 3 || ++labels > 4) return false;
                start = i + 1;
            }
            return labels == 4;
        }

        private static MxRecordInfo Finish(MxRecordInfo info, List<Finding> findings)
        {
            info.Findings = findings;
            info.IsValid = !info.IsImplicit && info.Hosts.Count > 0 && !FindingLists.AnyAtLeast(findings, FindingSeverity.Error);
            return info;
        }
    }
}
