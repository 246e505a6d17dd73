using System;
using System.Collections.Generic;
using System.Linq;
using EmailAuth.Core.Aws.Ses;
using EmailAuth.Core.Dmarc;

namespace EmailAuth.Core.Aws.DnsPlan
{
    /// <summary>
    /// The DNS records SES identities need (DESIGN.md §5), merged across accounts and regions: identities of
    /// one domain in two accounts give 6 DKIM CNAMEs and one _amazonses TXT with two values; MAIL FROM records
    /// per MAIL FROM domain; one DMARC record per domain that has none. Pure: DNS lookups happen before.
    /// </summary>
    public static class SesDnsPlanner
    {
        /// <summary>The DKIM domain of Easy DKIM when the identity does not report its own.</summary>
        public const string DefaultDkimDomain = "dkim.amazonses.com";
        public const string SpfText = "v=spf1 include:amazonses.com ~all";
        /// <summary>Bound on identities planned in one call.</summary>
        public const int MaxIdentities = 100_000;
        private const int MaxTokenLength = 63;

        public static SesDnsPlan Plan(IEnumerable<SesDnsPlanInput> inputs, SesDnsPlanOptions? options = null)
        {
            if (inputs == null) throw new ArgumentNullException(nameof(inputs));
            options ??= new SesDnsPlanOptions();
            if (options.Ttl < 0 || options.Ttl > 2147483647) throw new ArgumentOutOfRangeException(nameof(options), "The TTL is 0 to 2147483647 seconds (RFC 2181 §8).");
            var dmarcText = DmarcText(options);
            var warnings = new List<string>();
            var builders = new Dictionary<(string, string), Builder>();
            var order = new List<Builder>();
            var count = 0;

            Builder For(string name, string type, SesDnsRecordPurpose purpose, string domain)
            {
                var key = (name, type);
                if (!builders.TryGetValue(key, out var b))
                {
                    builders[key] = b = new Builder(name, type, purpose, domain);
                    order.Add(b);
                }
                return b;
            }

            foreach (var input in inputs)
            {
                if (++count > MaxIdentities) throw new ArgumentException($"At most {MaxIdentities} identities can be planned at once.", nameof(inputs));
                var id = input.Identity;
                var where = $"{id.Identity} ({id.Account} {id.Region})";
                if (string.Equals(id.IdentityType, "EMAIL_ADDRESS", StringComparison.OrdinalIgnoreCase) || id.Identity.Contains("@"))
                {
                    warnings.Add($"{where} is an email-address identity: it needs no DNS records, and its mail is DKIM-signed for amazonses.com, which fails DMARC unless {id.Domain} is also a domain identity with DKIM.");
                    continue;
                }
                var domain = DnsNames.Absolute(id.Domain.Length > 0 ? id.Domain : id.Identity);
                if (!DnsNames.IsValidAbsolute(domain))
                {
                    warnings.Add($"{where}: '{id.Domain}' is not a host name; no records planned.");
                    continue;
                }
                var bare = domain.TrimEnd('.');

                // DKIM (RFC 6376 §3.6.2.1: keys at <selector>._domainkey.<domain>).
                var dkim = id.Dkim ?? new SesIdentityDkim();
                if (dkim.Selector != null || string.Equals(dkim.Origin, "EXTERNAL", StringComparison.Ordinal))
                {
                    var selector = dkim.Selector?.Trim().ToLowerInvariant();
                    if (string.IsNullOrEmpty(selector) || !DnsNames.IsValidAbsolute(selector + "._domainkey." + domain))
                        warnings.Add($"{where}: BYODKIM without a usable selector; no DKIM record planned.");
                    else if (!options.PublicKeys.TryGetValue(selector!, out var key) || string.IsNullOrWhiteSpace(key))
                        warnings.Add($"{where}: BYODKIM selector '{selector}': SES does not return the public key; pass it with -PublicKey to plan the TXT at {selector}._domainkey.{domain}");
                    else
                        For(selector + "._domainkey." + domain, "TXT", SesDnsRecordPurpose.DkimTxt, bare).Add(id,
                            TxtPresentation.Quote("v=DKIM1; k=rsa; p=" + string.Concat(key.Where(c => !char.IsWhiteSpace(c)))));
                }
                else
                {
                    var dkimDomain = DkimDomain(dkim.SigningHostedZone);
                    foreach (var raw in dkim.Tokens)
                    {
                        var token = (raw ?? "").Trim().ToLowerInvariant();
                        if (token.Length == 0 || token.Length > MaxTokenLength || !token.All(c => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
                        {
                            warnings.Add($"{where}: DKIM token '{raw}' is not a DNS label; skipped.");
                            continue;
                        }
                        var name = token + "._domainkey." + domain;
                        if (!DnsNames.IsValidAbsolute(name)) { warnings.Add($"{where}: {name} is too long for DNS; skipped."); continue; }
                        For(name, "CNAME", SesDnsRecordPurpose.DkimCname, bare).Add(id, token + "." + dkimDomain + ".");
                    }
                }

                // Custom MAIL FROM: MX for bounces and SPF for the envelope sender (SES developer guide "mail-from").
                if (!string.IsNullOrWhiteSpace(id.MailFromDomain))
                {
                    var mailFrom = DnsNames.Absolute(id.MailFromDomain!);
                    if (!DnsNames.IsValidAbsolute(mailFrom) || !DnsNames.IsInZone(mailFrom, domain) || mailFrom == domain)
                        warnings.Add($"{where}: MAIL FROM domain '{id.MailFromDomain}' is not a subdomain of {bare}; no MAIL FROM records planned.");
                    else
                    {
                        For(mailFrom, "MX", SesDnsRecordPurpose.MailFromMx, bare).Add(id, $"10 feedback-smtp.{id.Region.ToLowerInvariant()}.amazonses.com.");
                        For(mailFrom, "TXT", SesDnsRecordPurpose.MailFromSpf, bare).Add(id, TxtPresentation.Quote(SpfText));
                    }
                }

                // DMARC (RFC 7489 §6.1) only where none is found.
                if (options.IncludeDmarc && !options.DomainsWithDmarc.Contains(bare))
                    For("_dmarc." + domain, "TXT", SesDnsRecordPurpose.Dmarc, bare).Add(id, TxtPresentation.Quote(dmarcText));

                if (input.VerificationToken != null)
                    For("_amazonses." + domain, "TXT", SesDnsRecordPurpose.Verification, bare).Add(id, TxtPresentation.Quote(input.VerificationToken));
            }

            foreach (var b in order.Where(b => b.Type == "MX" && b.Regions.Count > 1))
                warnings.Add($"MAIL FROM domain {b.Name} is used in regions {string.Join(", ", b.Regions)}: its MX holds one SES host per region and bounces reach either; SES recommends a MAIL FROM subdomain per region.");
            foreach (var b in order.Where(b => b.Type == "CNAME" && b.Values.Count > 1))
                warnings.Add($"{b.Name} would need CNAMEs to {string.Join(" and ", b.Values)}: a name holds one CNAME (RFC 1034 §3.6.2); only the first is planned.");

            var records = order
                .OrderBy(b => b.Domain, StringComparer.Ordinal)
                .ThenBy(b => b.Purpose)
                .ThenBy(b => b.Name, StringComparer.Ordinal)
                .Select(b => b.Build(options.Ttl)).ToList();
            return new SesDnsPlan { Records = records, Warnings = warnings };
        }

        /// <summary>The DKIM domain the CNAMEs point into: the identity's signing hosted zone when it is a domain name.</summary>
        public static string DkimDomain(string? signingHostedZone)
        {
            if (string.IsNullOrWhiteSpace(signingHostedZone)) return DefaultDkimDomain;
            var absolute = DnsNames.Absolute(signingHostedZone!);
            // A zone id (no dot) or a malformed value: fall back to SES's global DKIM domain.
            return absolute.IndexOf('.') < absolute.Length - 1 && DnsNames.IsValidAbsolute(absolute) ? absolute.TrimEnd('.') : DefaultDkimDomain;
        }

        /// <summary>"v=DMARC1; p=none; rua=mailto:x" (RFC 7489 §6.3, §6.4: v first, p second).</summary>
        public static string DmarcText(SesDnsPlanOptions options)
        {
            var text = "v=DMARC1; p=" + options.DmarcPolicy.ToString().ToLowerInvariant();
            if (!string.IsNullOrWhiteSpace(options.DmarcReportAddress))
            {
                var address = options.DmarcReportAddress!.Trim();
                if (address.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)) address = address.Substring(7);
                var at = address.IndexOf('@');
                // RFC 7489 §6.4: rua is a list of URIs; ',' and '!' are delimiters, ';' ends the tag.
                if (at <= 0 || at == address.Length - 1 || address.IndexOfAny(new[] { ',', ';', '!', ' ', '"', '\\' }) >= 0 || address.Any(c => c < 0x21 || c > 0x7e))
                    throw new ArgumentException($"'{options.DmarcReportAddress}' is not an email address for rua= (RFC 7489 §6.3).", nameof(options));
                text += "; rua=mailto:" + address;
            }
            return text;
        }

        private sealed class Builder
        {
            private readonly List<string> _values = new List<string>();
            private readonly SortedSet<string> _identities = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
            private readonly SortedSet<string> _accounts = new SortedSet<string>(StringComparer.Ordinal);

            public Builder(string name, string type, SesDnsRecordPurpose purpose, string domain)
            {
                Name = name;
                Type = type;
                Purpose = purpose;
                Domain = domain;
            }

            public string Name { get; }
            public string Type { get; }
            public SesDnsRecordPurpose Purpose { get; }
            public string Domain { get; }
            public SortedSet<string> Regions { get; } = new SortedSet<string>(StringComparer.Ordinal);
            public IReadOnlyList<string> Values => _values;

            public void Add(SesIdentity id, string value)
            {
                if (!_values.Contains(value, StringComparer.OrdinalIgnoreCase)) _values.Add(value);
                _identities.Add(id.Identity);
                if (!string.IsNullOrEmpty(id.Account)) _accounts.Add(id.Account);
                if (!string.IsNullOrEmpty(id.Region)) Regions.Add(id.Region);
            }

            public SesDnsRecord Build(long ttl) => new SesDnsRecord
            {
                Name = Name,
                Type = Type,
                Values = Type == "CNAME" ? _values.Take(1).ToArray() : _values.ToArray(),
                Ttl = ttl,
                Purpose = Purpose,
                Domain = Domain,
                Identities = _identities.ToArray(),
                Accounts = _accounts.ToArray(),
                Regions = Regions.ToArray(),
            };
        }
    }
}
