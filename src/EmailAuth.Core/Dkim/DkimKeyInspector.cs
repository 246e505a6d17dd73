using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Dns;

namespace EmailAuth.Core.Dkim
{
    /// <summary>
    /// Looks up DKIM key records at &lt;selector&gt;._domainkey.&lt;domain&gt; (RFC 6376 §3.6.2.1), follows and reports CNAME
    /// chains (SES Easy DKIM), and parses the key. A DNS failure is DKIM_DNS_ERROR (TEMPFAIL, §6.1.2), never "no key".
    /// </summary>
    public sealed class DkimKeyInspector
    {
        // SES Easy DKIM tokens: 32 characters, lowercase letters and digits (base32 alphabet in practice): see LooksLikeSesToken.

        private readonly IDnsResolver? _resolver;
        private readonly IReadOnlyList<string>? _offlineZones;

        /// <param name="resolver">Null for text-only use (<see cref="InspectText"/>).</param>
        /// <param name="offlineZones">
        /// With zone files: the zones they hold. A CNAME target outside them cannot be checked offline, so it is
        /// DKIM_CNAME_NOT_CHECKED (Info) rather than dangling.
        /// </param>
        public DkimKeyInspector(IDnsResolver? resolver, IReadOnlyList<string>? offlineZones = null)
        {
            _resolver = resolver;
            _offlineZones = offlineZones;
        }

        /// <summary>The name a verifier queries (RFC 6376 §3.6.2.1).</summary>
        public static string KeyName(string selector, string domain) => $"{selector}._domainkey.{domain}";

        /// <summary>True when <paramref name="selector"/> looks like an SES Easy DKIM token.</summary>
        public static bool LooksLikeSesToken(string selector)
        {
            // ^[a-z0-9]{32}$ without running the regex for every key; "$" also matches before a final "\n".
            var length = selector.Length == 33 && selector[32] == '\n' ? 32 : selector.Length;
            if (length != 32) return false;
            for (var i = 0; i < length; i++)
            {
                var c = selector[i];
                if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) return false;
            }
            return true;
        }

        /// <summary>Parses record text without DNS (ConvertFrom-DkimRecord).</summary>
        public DkimKeyInfo InspectText(string text, string? domain = null, string? selector = null)
        {
            var info = new DkimKeyInfo
            {
                Domain = domain, Selector = selector,
                Name = domain != null && selector != null ? KeyName(selector, domain) : null,
            };
            var findings = new List<Finding>();
            DkimKeyParser.Parse(text, info, findings);
            info.Findings = findings;
            return info;
        }

        /// <summary>
        /// Inspects one selector. With <paramref name="guessed"/> the result is null when nothing is published there
        /// (guesses that miss are not findings), and the doubled-suffix probe is skipped (it would double the queries).
        /// </summary>
        public async Task<DkimKeyInfo?> InspectAsync(string domain, string selector, bool guessed, CancellationToken cancellationToken)
        {
            if (_resolver == null) throw new InvalidOperationException("No DNS resolver was given.");
            var name = KeyName(selector, domain);
            var info = new DkimKeyInfo { Domain = domain, Selector = selector, Name = name, Guessed = guessed };
            var findings = new List<Finding>();
            var answer = await _resolver.QueryAsync(name, DnsRecordType.TXT, cancellationToken).ConfigureAwait(false);
            info.CnameChain = answer.CnameChain;
            info.Server = answer.Server;

            if (answer.IsError)
            {
                findings.Add(new Finding(DkimFindingCodes.DnsError, FindingSeverity.Error,
                    $"The TXT query for {name} failed: {answer.Status} from {answer.Server ?? "the resolver"}" +
                    (answer.ErrorMessage != null ? $" ({answer.ErrorMessage})" : "") + ". This is a temporary failure, not a missing key.",
                    "Retry later, raise -TimeoutSec, or ask another resolver with -Server.", "RFC 6376 §6.1.2", name));
                return Done(info, findings);
            }

            var txt = TxtRecords(answer);
            if (txt.Count == 0)
            {
                if (answer.CnameChain.Count > 0)
                {
                    var end = answer.CnameChain[answer.CnameChain.Count - 1];
                    var chain = string.Join(" -> ", new[] { name }.Concat(answer.CnameChain));
                    if (_offlineZones != null && !_offlineZones.Any(z => IsAtOrBelow(end, z)))
                        findings.Add(new Finding(DkimFindingCodes.CnameNotChecked, FindingSeverity.Info,
                            $"{chain}: the target lies outside the zone files given, so the key was not checked.",
                            "Add the target's zone file to -ZoneFile, or query live DNS.", null, name));
                    else
                        findings.Add(new Finding(DkimFindingCodes.CnameDangling, FindingSeverity.Error,
                            $"{chain}: the CNAME target has no TXT record ({answer.Status}); signatures with selector {selector} fail.",
                            IsSes(end) ? "The SES identity behind this CNAME is gone or in another region: re-create it, or remove the CNAME and stop signing with the selector."
                                       : "Point the CNAME at the signer's current key, or remove it and stop signing with the selector.",
                            "RFC 6376 §3.6.2.2", name));
                    return Done(info, findings);
                }
                if (guessed) return null;
                if (await TryDoubledSuffixAsync(domain, selector, name, info, findings, cancellationToken).ConfigureAwait(false))
                    return Done(info, findings, forceInvalid: true);
                findings.Add(new Finding(DkimFindingCodes.NoRecord, FindingSeverity.Error,
                    $"No DKIM key at {name} ({answer.Status}): signatures with selector {selector} fail (no key).",
                    "Publish the signer's public key as a TXT record (or the CNAME your provider gives) at this name.",
                    "RFC 6376 §3.6.2.2", name));
                return Done(info, findings);
            }

            if (txt.Count > 1)
            {
                // DNS returns them in any order: parse the same one every time (ordinal order of the text).
                txt = txt.OrderBy(r => r.Data, StringComparer.Ordinal).ToList();
                findings.Add(new Finding(DkimFindingCodes.MultipleRecords, FindingSeverity.Error,
                    $"{txt.Count} TXT records at {name}: verifiers may use any one of them (the first in text order is shown).",
                    "Keep exactly one key record per selector; publish a new key under a new selector.", "RFC 6376 §3.6.2.2", name));
            }
            info.Server = answer.Server;
            DkimKeyParser.Parse(txt[0].Data, info, findings);
            if (answer.CnameChain.Count == 0 && LooksLikeSesToken(selector))
                findings.Add(new Finding(DkimFindingCodes.TxtInsteadOfCname, FindingSeverity.Warning,
                    $"{name} looks like an SES Easy DKIM name but holds a TXT record, not a CNAME: when SES rotates the key, signatures fail.",
                    $"Replace the TXT record with the CNAME SES gives: {name} CNAME {selector}.dkim.amazonses.com (or the identity's regional DKIM domain).",
                    "Amazon SES Developer Guide: Easy DKIM", name));
            return Done(info, findings);
        }

        /// <summary>
        /// A zone editor that appends the zone name to a name already absolute publishes the key at
        /// &lt;name&gt;.&lt;domain&gt; (x._domainkey.example.com.example.com): look there and report it.
        /// </summary>
        private async Task<bool> TryDoubledSuffixAsync(string domain, string selector, string name, DkimKeyInfo info,
                                                      List<Finding> findings, CancellationToken cancellationToken)
        {
            var doubled = name + "." + domain;
            if (doubled.Length > 253) return false; // not a valid name (RFC 1035 §2.3.4)
            var answer = await _resolver!.QueryAsync(doubled, DnsRecordType.TXT, cancellationToken).ConfigureAwait(false);
            var txt = answer.Records.Where(r => r.Type == DnsRecordType.TXT).ToList();
            if (answer.IsError || txt.Count == 0) return false;
            findings.Add(new Finding(DkimFindingCodes.DoubledSuffix, FindingSeverity.Error,
                $"No key at {name}, but one at {doubled}: the zone name was appended twice, and verifiers never look there.",
                $"Publish the record at {name} (in the zone editor: '{selector}._domainkey', or the name with a trailing dot) and delete {doubled}.",
                "RFC 6376 §3.6.2.1", name));
            info.CnameChain = answer.CnameChain;
            DkimKeyParser.Parse(txt[0].Data, info, findings);
            return true;
        }

        private static List<DnsRecord> TxtRecords(DnsAnswer answer)
        {
            var txt = new List<DnsRecord>(answer.Records.Count);
            for (var i = 0; i < answer.Records.Count; i++) if (answer.Records[i].Type == DnsRecordType.TXT) txt.Add(answer.Records[i]);
            return txt;
        }

        private static DkimKeyInfo Done(DkimKeyInfo info, List<Finding> findings, bool forceInvalid = false)
        {
            info.Findings = findings;
            if (info.Record == null || forceInvalid || FindingLists.AnyAtLeast(findings, FindingSeverity.Error)) info.IsValid = false;
            return info;
        }

        private static bool IsSes(string name) => name.EndsWith(".amazonses.com", StringComparison.OrdinalIgnoreCase);

        private static bool IsAtOrBelow(string name, string zone) =>
            zone == "." || DnsName.Equals(name, zone) || name.EndsWith("." + zone.TrimEnd(TrimChars.Dot), StringComparison.OrdinalIgnoreCase);
    }
}
