using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Alignment;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Aws.Ses;
using EmailAuth.Core.Dkim;
using EmailAuth.Core.Dmarc;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Domains;
using EmailAuth.Core.Spf;

namespace EmailAuth.Core.Posture
{
    /// <summary>
    /// The posture of one SES identity (Get-SesIdentity | Test-EmailAuth): what SES says about it (verification, DKIM,
    /// MAIL FROM) and whether DNS holds what SES needs (Easy DKIM CNAMEs, the MAIL FROM MX and SPF), and what that
    /// means for DMARC (DESIGN.md §5). Findings reuse the DNS checks' codes where those name the same observation.
    /// Bounded: per identity at most 3 Easy DKIM key look-ups (each with the DKIM inspector's bounds), one MX query,
    /// one SPF inspection (its own budget) and one alignment check (one DMARC discovery, two tree walks).
    /// </summary>
    public sealed class SesIdentityChecks
    {
        /// <summary>Easy DKIM publishes three tokens; more are not SES's and are not looked up.</summary>
        public const int MaxDkimTokens = 3;

        private const string SesDomain = "amazonses.com";
        private const string AmazonDkimGuide = "Amazon SES Developer Guide: Easy DKIM";
        private const string AmazonMailFromGuide = "Amazon SES Developer Guide: Using a custom MAIL FROM domain";

        private readonly IDnsResolver _resolver;
        private readonly IReadOnlyList<string>? _offlineZones;
        private readonly OrganizationalDomainMethod _method;
        private readonly PublicSuffixList? _list;

        /// <param name="offlineZones">With zone files: the zones they hold (CNAMEs into amazonses.com then cannot be followed).</param>
        public SesIdentityChecks(IDnsResolver resolver, IReadOnlyList<string>? offlineZones = null,
                                 OrganizationalDomainMethod method = OrganizationalDomainMethod.TreeWalk, PublicSuffixList? list = null)
        {
            _resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));
            _offlineZones = offlineZones;
            _method = method;
            _list = list;
        }

        /// <summary>Checks one identity on its own (an email-address identity is judged by what SES reports on it).</summary>
        public Task<IReadOnlyList<Finding>> CheckAsync(SesIdentity identity, CancellationToken cancellationToken) =>
            CheckAsync(identity, null, cancellationToken);

        /// <param name="identity">The identity to check.</param>
        /// <param name="knownIdentities">
        /// Other identities of the same listing: an email-address identity is covered when a verified DKIM domain identity
        /// of its domain (or a parent domain, which aligns in relaxed mode) exists in the same account and region.
        /// </param>
        public async Task<IReadOnlyList<Finding>> CheckAsync(SesIdentity identity, IReadOnlyCollection<SesIdentity>? knownIdentities = null,
                                                             CancellationToken cancellationToken = default)
        {
            if (identity == null) throw new ArgumentNullException(nameof(identity));
            var findings = new List<Finding>();
            var isEmail = string.Equals(identity.IdentityType, "EMAIL_ADDRESS", StringComparison.OrdinalIgnoreCase) || identity.Identity.Contains("@");
            var domain = AlignmentDomainInput.Normalize(identity.Domain.Length > 0 ? identity.Domain : identity.Identity, out var error);
            if (domain == null)
            {
                findings.Add(new Finding(SesFindingCodes.IdentityNotVerified, FindingSeverity.Error,
                    $"{identity.Identity}: the identity's domain is not a valid name ({error}), so it cannot be checked in DNS.",
                    null, null, identity.Identity));
                return findings;
            }

            CheckVerification(identity, findings);
            var dkimWorks = isEmail
                ? CheckEmailIdentityDkim(identity, domain, knownIdentities, findings)
                : await CheckDomainDkimAsync(identity, domain, findings, cancellationToken).ConfigureAwait(false);
            await CheckMailFromAsync(identity, domain, dkimWorks, findings, cancellationToken).ConfigureAwait(false);
            return findings;
        }

        private static void CheckVerification(SesIdentity identity, List<Finding> findings)
        {
            var status = identity.VerificationStatus;
            if (identity.VerifiedForSending && (status == null || Is(status, "SUCCESS"))) return;
            var reason = identity.VerificationError != null ? $" (SES says: {identity.VerificationError})" : string.Empty;
            var severity = IsPending(status) ? FindingSeverity.Warning : FindingSeverity.Error;
            var state = status == null ? "not verified for sending" : Is(status, "SUCCESS") ? "verified but not enabled for sending" : $"{status}{reason}";
            findings.Add(new Finding(SesFindingCodes.IdentityNotVerified, severity,
                $"{identity.Identity} in {identity.Region}: verification {state}; SES does not send as this identity.",
                identity.Identity.Contains("@")
                    ? "Click the link in the verification message SES sent to the address (New-SesEmailIdentity sends it again)."
                    : Is(status, "FAILED") || identity.VerificationError != null
                        ? "Publish the identity's DKIM CNAME records (Get-SesIdentity shows the tokens) and wait for SES to retry, or re-create the identity."
                        : "Publish the identity's DKIM CNAME records; SES checks them for up to 72 hours.",
                AmazonDkimGuide, identity.Identity));
        }

        /// <summary>An email address signs with its domain's DKIM when a domain identity provides it; otherwise d=amazonses.com.</summary>
        private static bool CheckEmailIdentityDkim(SesIdentity identity, string domain, IReadOnlyCollection<SesIdentity>? known, List<Finding> findings)
        {
            // SES reports a parent domain identity's DKIM on the address identity itself (status SUCCESS, signing enabled).
            var inherited = Is(identity.Dkim.Status, "SUCCESS") && identity.Dkim.SigningEnabled;
            var sibling = known?.FirstOrDefault(k => !ReferenceEquals(k, identity) && !k.Identity.Contains("@")
                && string.Equals(k.Account, identity.Account, StringComparison.Ordinal) && string.Equals(k.Region, identity.Region, StringComparison.Ordinal)
                && Is(k.Dkim.Status, "SUCCESS") && k.Dkim.SigningEnabled && IsAtOrBelow(domain, k.Domain));
            if (inherited || sibling != null) return true;
            findings.Add(new Finding(SesFindingCodes.EmailIdentityNoDkimDomain, FindingSeverity.Error,
                $"{identity.Identity} is an email-address identity without a DKIM domain identity for {domain} in {identity.Region}: " +
                $"SES signs its mail with d={SesDomain} and sends it with MAIL FROM under {SesDomain}; neither aligns with {domain}, so DMARC fails.",
                $"Verify {domain} as an SES domain identity with Easy DKIM in {identity.Region} (New-SesDomainIdentity) and publish its three CNAME records; SES then signs the address's mail with d={domain}.",
                "RFC 7489 §3.1.1; Amazon SES Developer Guide: Authenticating email with DKIM", identity.Identity));
            return false;
        }

        /// <summary>Easy DKIM tokens or a BYODKIM selector in DNS, and SES's DKIM status. True when DKIM signs aligned.</summary>
        private async Task<bool> CheckDomainDkimAsync(SesIdentity identity, string domain, List<Finding> findings, CancellationToken cancellationToken)
        {
            var dkim = identity.Dkim;
            var works = Is(dkim.Status, "SUCCESS") && dkim.SigningEnabled;
            if (dkim.Status != null && !Is(dkim.Status, "SUCCESS"))
                findings.Add(new Finding(SesFindingCodes.DkimNotVerified, IsPending(dkim.Status) ? FindingSeverity.Warning : FindingSeverity.Error,
                    $"SES reports DKIM for {domain} in {identity.Region} as {dkim.Status}: until it succeeds, SES signs with d={SesDomain}, which does not align.",
                    dkim.Selector != null
                        ? $"Publish the public key of the BYODKIM key pair at {DkimKeyInspector.KeyName(dkim.Selector, domain)} as a TXT record."
                        : $"Publish the three CNAME records <token>._domainkey.{domain} -> <token>.{ExpectedDkimZones(identity).First()} (findings below name the ones that are wrong).",
                    AmazonDkimGuide, domain));
            else if (Is(dkim.Status, "SUCCESS") && !dkim.SigningEnabled)
                findings.Add(new Finding(SesFindingCodes.DkimSigningDisabled, FindingSeverity.Warning,
                    $"DKIM signing is turned off for {domain} in {identity.Region}: SES signs with d={SesDomain} only, which does not align with {domain}.",
                    "Turn DKIM signing back on for the identity (SESv2 PutEmailIdentityDkimAttributes SigningEnabled=true).", AmazonDkimGuide, domain));

            var inspector = new DkimKeyInspector(_resolver, _offlineZones);
            if (dkim.Selector != null)
            {
                var info = await inspector.InspectAsync(domain, dkim.Selector, guessed: false, cancellationToken).ConfigureAwait(false);
                if (info != null) findings.AddRange(info.Findings);
                return works && info != null && info.IsValid;
            }
            var zones = ExpectedDkimZones(identity);
            var tokensOk = true;
            foreach (var token in dkim.Tokens.Take(MaxDkimTokens))
                tokensOk &= await CheckTokenAsync(inspector, identity, domain, token, zones, findings, cancellationToken).ConfigureAwait(false);
            return works && tokensOk;
        }

        /// <summary>One Easy DKIM name: a CNAME to &lt;token&gt;.&lt;DKIM domain&gt; whose target holds SES's key.</summary>
        private static async Task<bool> CheckTokenAsync(DkimKeyInspector inspector, SesIdentity identity, string domain, string token,
                                                        IReadOnlyList<string> zones, List<Finding> findings, CancellationToken cancellationToken)
        {
            var name = DkimKeyInspector.KeyName(token, domain);
            var expected = $"{token}.{zones[0]}";
            var info = await inspector.InspectAsync(domain, token, guessed: false, cancellationToken).ConfigureAwait(false);
            if (info == null) return false; // not reached: guessed=false always returns a result
            var ok = info.IsValid;
            foreach (var f in info.Findings)
            {
                if (f.Code == DkimFindingCodes.NoRecord)
                {
                    findings.Add(new Finding(SesFindingCodes.DkimCnameMissing, FindingSeverity.Error,
                        $"Nothing is published at {name}: SES expects a CNAME to {expected} there, so DKIM for {domain} cannot verify.",
                        $"Publish {name} CNAME {expected}.", AmazonDkimGuide, name));
                    continue;
                }
                findings.Add(f);
            }
            // The inspector reports a TXT at SES-looking names; SES tokens of another shape still need the CNAME.
            if (info.Record != null && info.CnameChain.Count == 0 && !info.Findings.Any(f => f.Code == DkimFindingCodes.TxtInsteadOfCname)
                && !info.Findings.Any(f => f.Code == DkimFindingCodes.DoubledSuffix))
                findings.Add(new Finding(DkimFindingCodes.TxtInsteadOfCname, FindingSeverity.Warning,
                    $"{name} holds a TXT record where SES Easy DKIM expects a CNAME: when SES rotates the key, signatures fail.",
                    $"Replace the TXT record with {name} CNAME {expected}.", AmazonDkimGuide, name));
            if (info.CnameChain.Count > 0)
            {
                var target = info.CnameChain[0];
                if (!zones.Any(z => DnsName.Equals(target, $"{token}.{z}")))
                {
                    ok = false;
                    findings.Add(new Finding(SesFindingCodes.DkimCnameWrongTarget, FindingSeverity.Error,
                        $"{name} is a CNAME to {target}, not to {expected}: SES cannot verify DKIM for {domain} in {identity.Region}.",
                        $"Change the record to {name} CNAME {expected} (the tokens and DKIM domain of this identity: Get-SesIdentity).",
                        AmazonDkimGuide, name));
                }
            }
            return ok;
        }

        /// <summary>
        /// The DKIM domains an Easy DKIM CNAME may point into. SES reports it as the signing hosted zone when the API
        /// is new enough; otherwise dkim.amazonses.com or the regional dkim.&lt;region&gt;.amazonses.com (DESIGN.md §5: use the
        /// identity's, not a constant). A global identity (origin AWS_SES_&lt;REGION&gt;) uses its parent region's.
        /// </summary>
        internal static IReadOnlyList<string> ExpectedDkimZones(SesIdentity identity)
        {
            var zone = identity.Dkim.SigningHostedZone?.Trim().TrimEnd('.').ToLowerInvariant();
            if (!string.IsNullOrEmpty(zone)) return new[] { zone! };
            var zones = new List<string> { "dkim." + SesDomain };
            var origin = identity.Dkim.Origin;
            if (origin != null && origin.StartsWith("AWS_SES_", StringComparison.OrdinalIgnoreCase))
                zones.Add($"dkim.{origin.Substring("AWS_SES_".Length).Replace('_', '-').ToLowerInvariant()}.{SesDomain}");
            if (!string.IsNullOrEmpty(identity.Region)) zones.Add($"dkim.{identity.Region.ToLowerInvariant()}.{SesDomain}");
            return zones.Distinct(StringComparer.Ordinal).ToArray();
        }

        private async Task CheckMailFromAsync(SesIdentity identity, string domain, bool dkimWorks, List<Finding> findings, CancellationToken cancellationToken)
        {
            var custom = string.IsNullOrWhiteSpace(identity.MailFromDomain) ? null
                : AlignmentDomainInput.Normalize(identity.MailFromDomain, out _);
            var status = identity.MailFromStatus;
            var fallsBack = custom != null && status != null && !Is(status, "SUCCESS") && !Is(identity.BehaviorOnMxFailure, "REJECT_MESSAGE");
            if (custom != null && status != null && !Is(status, "SUCCESS"))
                findings.Add(new Finding(SesFindingCodes.MailFromNotVerified, IsPending(status) ? FindingSeverity.Warning : FindingSeverity.Error,
                    $"SES reports the MAIL FROM domain {custom} as {status}: " + (Is(identity.BehaviorOnMxFailure, "REJECT_MESSAGE")
                        ? "with BehaviorOnMxFailure REJECT_MESSAGE, SES refuses to send until it succeeds."
                        : $"SES falls back to its default MAIL FROM under {SesDomain}, which does not align with {domain}."),
                    $"Publish MX \"10 {FeedbackHost(identity.Region)}\" and TXT \"v=spf1 include:{SesDomain} ~all\" at {custom}.",
                    AmazonMailFromGuide, custom));

            if (custom == null || fallsBack)
            {
                // DESIGN.md §5: the default MAIL FROM is a subdomain of amazonses.com: SPF passes, never aligned (RFC 7489 §3.1.2).
                findings.Add(new Finding(DmarcVerdictFindingCodes.SpfNotAlignedSesDefaultMailFrom, dkimWorks ? FindingSeverity.Warning : FindingSeverity.Error,
                    $"{identity.Identity} sends with SES's default MAIL FROM domain (under {SesDomain}): SPF passes but does not align with {domain}, " +
                    (dkimWorks ? "so DMARC rests on DKIM alone (a forwarder that breaks the signature makes DMARC fail)."
                               : "and DKIM does not align either, so DMARC fails."),
                    $"Set a custom MAIL FROM subdomain such as bounce.{domain} (Set-SesMailFromDomain) and publish MX \"10 {FeedbackHost(identity.Region)}\" " +
                    $"and TXT \"v=spf1 include:{SesDomain} ~all\" there.",
                    "RFC 7489 §3.1.2; " + AmazonMailFromGuide, identity.Identity));
            }
            if (custom == null) return;

            await CheckMailFromMxAsync(identity, custom, findings, cancellationToken).ConfigureAwait(false);
            await CheckMailFromSpfAsync(custom, findings, cancellationToken).ConfigureAwait(false);

            // The custom MAIL FROM domain must align with the From domain under the published aspf= (strict needs the exact name).
            var aligner = new IdentifierAligner(_resolver, _method, _list);
            var a = await aligner.CheckAsync(AlignmentIdentifier.Spf, domain, custom, null, cancellationToken).ConfigureAwait(false);
            if (!a.Aligned && a.Error == null)
                findings.Add(new Finding(DmarcVerdictFindingCodes.SpfNotAligned, dkimWorks ? FindingSeverity.Warning : FindingSeverity.Error,
                    $"The MAIL FROM domain {custom} does not align with {domain}: {a.Reason} ({a.ModeSource}).",
                    a.Mode == DmarcAlignmentMode.Strict && a.FromOrganizationalDomain != null && a.FromOrganizationalDomain == a.AuthenticatedOrganizationalDomain
                        ? $"Publish aspf=r in the DMARC record of {domain} (a MAIL FROM subdomain can never equal the From domain), or rely on DKIM."
                        : $"Use a MAIL FROM subdomain of {domain}.",
                    "RFC 7489 §3.1.2", custom));
        }

        /// <summary>SES receives bounces at the MAIL FROM domain through feedback-smtp.&lt;region&gt;.amazonses.com (DESIGN.md §5).</summary>
        private async Task CheckMailFromMxAsync(SesIdentity identity, string custom, List<Finding> findings, CancellationToken cancellationToken)
        {
            var host = FeedbackHost(identity.Region);
            var fix = $"Publish {custom} MX 10 {host}.";
            var answer = await _resolver.QueryAsync(custom, DnsRecordType.MX, cancellationToken).ConfigureAwait(false);
            if (answer.IsError)
            {
                findings.Add(new Finding(SesFindingCodes.MailFromDnsError, FindingSeverity.Error,
                    $"The MX query for {custom} failed: {answer.Status} from {answer.Server ?? "the resolver"}" +
                    (answer.ErrorMessage != null ? $" ({answer.ErrorMessage})" : "") + ". This is a temporary failure, not a missing record.",
                    "Retry later, raise -TimeoutSec, or ask another resolver with -Server.", "RFC 1035 §4.1.1", custom));
                return;
            }
            var mx = answer.Records.Where(r => r.Type == DnsRecordType.MX).ToList();
            if (mx.Count == 0)
            {
                findings.Add(new Finding(SesFindingCodes.MailFromMxMissing, FindingSeverity.Error,
                    $"No MX record at the MAIL FROM domain {custom} ({answer.Status}): SES cannot use it and " +
                    (Is(identity.BehaviorOnMxFailure, "REJECT_MESSAGE") ? "rejects the messages." : $"falls back to its default MAIL FROM under {SesDomain}, which does not align."),
                    fix, AmazonMailFromGuide, custom));
                return;
            }
            if (mx.Any(r => DnsName.Equals(r.Data, host))) return;
            var seen = string.Join(", ", mx.Select(r => $"{r.Preference} {r.Data}"));
            var otherRegion = mx.Any(r => r.Data.StartsWith("feedback-smtp.", StringComparison.OrdinalIgnoreCase) && IsAtOrBelow(r.Data, SesDomain));
            findings.Add(new Finding(SesFindingCodes.MailFromMxWrong, FindingSeverity.Error,
                $"The MX of the MAIL FROM domain {custom} is {seen}, not {host}" +
                (otherRegion ? $": it names another region's feedback endpoint, while the identity sends from {identity.Region}." : ": bounces do not reach SES, and SES does not accept the domain."),
                otherRegion ? $"Publish MX 10 {host} (a MAIL FROM domain per region when one domain sends from several regions)." : fix,
                AmazonMailFromGuide, custom));
        }

        /// <summary>The MAIL FROM domain's SPF record must authorize SES (RFC 7208 §5.2 include:amazonses.com), or SPF fails.</summary>
        private async Task CheckMailFromSpfAsync(string custom, List<Finding> findings, CancellationToken cancellationToken)
        {
            var info = await new SpfRecordInspector(_resolver).InspectAsync(custom, cancellationToken).ConfigureAwait(false);
            var fix = $"Publish {custom} TXT \"v=spf1 include:{SesDomain} ~all\".";
            if (info.Record == null)
            {
                var dns = info.Findings.FirstOrDefault(f => f.Code == SpfFindingCodes.DnsError);
                if (dns != null) { findings.Add(dns); return; }
                var multiple = info.Findings.FirstOrDefault(f => f.Code == SpfFindingCodes.MultipleRecords);
                if (multiple != null) { findings.Add(multiple); return; }
                findings.Add(new Finding(SpfFindingCodes.NoRecord, FindingSeverity.Error,
                    $"No SPF record at the MAIL FROM domain {custom}: receivers get spf=none for SES's mail, so SPF cannot give DMARC a pass.",
                    fix, "RFC 7208 §4.5", custom));
                return;
            }
            // Errors in the tree (too many lookups, syntax) make receivers return permerror whatever the include says.
            findings.AddRange(info.Findings.Where(f => f.Severity >= FindingSeverity.Error));
            if (!AuthorizesSes(info, 0))
                findings.Add(new Finding(SesFindingCodes.MailFromSpfNoSes, FindingSeverity.Error,
                    $"The SPF record of the MAIL FROM domain {custom} (\"{info.Record}\") does not authorize Amazon SES (no include:{SesDomain} before \"all\"): SPF fails for SES's mail.",
                    $"Add include:{SesDomain} before the \"all\" term, e.g. \"v=spf1 include:{SesDomain} ~all\".", "RFC 7208 §5.2", custom));
        }

        /// <summary>
        /// True when a pass-qualified include of amazonses.com is reached before any "all" (RFC 7208 §4.6.2: the first
        /// match wins), directly, through includes of the tree, or through redirect= (§6.1, used only without "all").
        /// </summary>
        internal static bool AuthorizesSes(SpfRecordInfo info, int depth)
        {
            if (depth > SpfRecordInspector.MaxRecords) return false;
            foreach (var t in info.Terms)
            {
                if (t.Mechanism == "all") return false;
                if (t.Mechanism != "include" || t.Qualifier != "+" || t.Value == null) continue;
                if (DnsName.Equals(t.Value, SesDomain)) return true;
                var child = info.Includes.FirstOrDefault(c => DnsName.Equals(c.Domain, t.Value));
                if (child != null && AuthorizesSes(child, depth + 1)) return true;
            }
            var redirect = info.Terms.FirstOrDefault(t => t.Mechanism == "redirect")?.Value;
            if (redirect == null) return false;
            if (DnsName.Equals(redirect, SesDomain)) return true;
            var target = info.Includes.FirstOrDefault(c => DnsName.Equals(c.Domain, redirect));
            return target != null && AuthorizesSes(target, depth + 1);
        }

        private static string FeedbackHost(string region) => $"feedback-smtp.{(string.IsNullOrEmpty(region) ? "<region>" : region.ToLowerInvariant())}.{SesDomain}";

        private static bool Is(string? value, string expected) => string.Equals(value, expected, StringComparison.OrdinalIgnoreCase);

        private static bool IsPending(string? status) => Is(status, "PENDING") || Is(status, "NOT_STARTED");

        private static bool IsAtOrBelow(string name, string domain) =>
            DnsName.Equals(name, domain) || name.TrimEnd('.').EndsWith("." + domain.TrimEnd('.'), StringComparison.OrdinalIgnoreCase);
    }
}
