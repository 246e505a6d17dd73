using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Dkim;
using EmailAuth.Core.Dns;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace EmailAuth.Core.Messages.Dkim
{
    /// <summary>
    /// MimeKit's public-key locator on our DNS layer: TXT at &lt;s&gt;._domainkey.&lt;d&gt; (RFC 6376 §3.6.2.1) through
    /// <see cref="IDnsResolver"/> (so -Server, -ZoneFile and the resolver's timeout apply; CNAMEs are followed by it), the
    /// record parsed and linted by <see cref="DkimKeyParser"/>. One lookup per (d=, s=) per instance.
    /// </summary>
    internal sealed class DnsDkimPublicKeyLocator : DkimPublicKeyLocatorBase
    {
        // Decoded keys by p= text, shared by all instances: building BouncyCastle's RsaKeyParameters runs a primality
        // test on the modulus (~15 ms), which bulk verification would otherwise pay per message. Bounded.
        private const int MaxCachedKeys = 256;
        private static readonly ConcurrentDictionary<string, AsymmetricKeyParameter> DecodedKeys =
            new ConcurrentDictionary<string, AsymmetricKeyParameter>(StringComparer.Ordinal);

        private readonly IDnsResolver _resolver;
        private readonly ConcurrentDictionary<string, Task<DkimKeyLookup>> _lookups =
            new ConcurrentDictionary<string, Task<DkimKeyLookup>>(StringComparer.OrdinalIgnoreCase);

        public DnsDkimPublicKeyLocator(IDnsResolver resolver) => _resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));

        /// <summary>Lookups made so far (ARC reports which key failed, and why).</summary>
        public DkimKeyLookup? Find(string domain, string selector) =>
            _lookups.TryGetValue(Key(domain, selector), out var t) && t.Status == TaskStatus.RanToCompletion ? t.Result : null;

        public Task<DkimKeyLookup> LookupAsync(string domain, string selector, CancellationToken cancellationToken) =>
            _lookups.GetOrAdd(Key(domain, selector), _ => FetchAsync(domain, selector, cancellationToken));

        public override AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            LocatePublicKeyAsync(methods, domain, selector, cancellationToken).GetAwaiter().GetResult();

        /// <summary>For MimeKit's ArcVerifier: the key, or an exception it turns into a failed seal/AMS (the lookup keeps the reason).</summary>
        public override async Task<AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default)
        {
            var lookup = await LookupAsync(domain, selector, cancellationToken).ConfigureAwait(false);
            return lookup.Key ?? throw new DkimKeyUnavailableException(lookup.Reason ?? "no key");
        }

        private static string Key(string domain, string selector) => selector + "._domainkey." + domain.TrimEnd('.');

        private async Task<DkimKeyLookup> FetchAsync(string domain, string selector, CancellationToken cancellationToken)
        {
            var name = DkimKeyInspector.KeyName(selector, domain.TrimEnd('.'));
            var info = new DkimKeyInfo { Domain = domain, Selector = selector, Name = name };
            var findings = new List<Finding>();
            DnsAnswer answer;
            try
            {
                answer = await _resolver.QueryAsync(name, DnsRecordType.TXT, cancellationToken).ConfigureAwait(false);
            }
            catch (ArgumentException e)
            {
                // A d= or s= that is no DNS name (RFC 6376 §3.5 requires domain-name syntax): no key can exist there.
                return Fail(info, findings, DkimVerificationResult.PermError, MessageDkimFindingCodes.NoKey,
                    $"no key for signature: {name} is not a valid DNS name ({e.Message})", "RFC 6376 §6.1.2");
            }
            info.CnameChain = answer.CnameChain;
            info.Server = answer.Server;
            if (answer.IsError)
                return Fail(info, findings, DkimVerificationResult.TempError, MessageDkimFindingCodes.KeyDnsError,
                    $"key lookup failed: {answer.Status} for {name}" + (answer.ErrorMessage != null ? $" ({answer.ErrorMessage})" : ""),
                    "RFC 6376 §6.1.2");

            var txt = answer.Records.Where(r => r.Type == DnsRecordType.TXT).OrderBy(r => r.Data, StringComparer.Ordinal).ToList();
            if (txt.Count == 0)
                return Fail(info, findings, DkimVerificationResult.PermError, MessageDkimFindingCodes.NoKey,
                    $"no key for signature: no TXT record at {name} ({answer.Status})", "RFC 6376 §6.1.2");
            if (txt.Count > 1)
                findings.Add(new Finding(MessageDkimFindingCodes.MultipleKeys, FindingSeverity.Info,
                    $"{txt.Count} TXT records at {name}; the first in text order was used.", null, "RFC 6376 §3.6.2.2", name));

            var keyFindings = ParseCached(name, txt[0].Data, info);
            if (info.Revoked)
                return Fail(info, findings, DkimVerificationResult.PermError, MessageDkimFindingCodes.KeyRevoked,
                    "key revoked (empty p=)", "RFC 6376 §3.6.1");
            var tooShort = keyFindings.FirstOrDefault(f => f.Code == DkimFindingCodes.KeyTooShort);
            if (tooShort != null)
                return Fail(info, findings, DkimVerificationResult.PermError, MessageDkimFindingCodes.KeyTooWeak,
                    $"key too weak: {info.KeyBits}-bit RSA, verifiers MUST NOT accept keys under 1024 bits", "RFC 8301 §3.2");
            if (info.Testing)
                findings.Add(new Finding(MessageDkimFindingCodes.KeyTesting, FindingSeverity.Warning,
                    $"The key at {name} has t=y: the domain is testing DKIM.", "Remove t=y once signing works.", "RFC 6376 §3.6.1", name));
            if (!info.IsValid || info.PublicKey == null)
            {
                var why = keyFindings.FirstOrDefault(f => f.Severity >= FindingSeverity.Error)?.Message ?? "the key record cannot be used";
                return Fail(info, findings, DkimVerificationResult.PermError, MessageDkimFindingCodes.KeyUnusable,
                    $"key record unusable: {why}", "RFC 6376 §6.1.2");
            }

            var key = Decode(info);
            if (key == null)
                return Fail(info, findings, DkimVerificationResult.PermError, MessageDkimFindingCodes.KeyUnusable,
                    "key record unusable: p= does not decode to a public key", "RFC 6376 §6.1.2");
            return new DkimKeyLookup(info, key, DkimVerificationResult.Pass, null, findings);
        }

        // Parsed key records by name and text, shared by all instances (bulk verification makes one verifier per message,
        // and DkimKeyParser decodes the key to size it). Bounded.
        private static readonly ConcurrentDictionary<string, DkimKeyInfo> ParsedRecords = new ConcurrentDictionary<string, DkimKeyInfo>(StringComparer.Ordinal);

        private static List<Finding> ParseCached(string name, string text, DkimKeyInfo info)
        {
            var cacheKey = name + "\n" + text;
            if (!ParsedRecords.TryGetValue(cacheKey, out var parsed))
            {
                parsed = new DkimKeyInfo { Domain = info.Domain, Selector = info.Selector, Name = name };
                var found = new List<Finding>();
                DkimKeyParser.Parse(text, parsed, found);
                parsed.Findings = found;
                if (ParsedRecords.Count >= MaxCachedKeys) ParsedRecords.Clear();
                ParsedRecords[cacheKey] = parsed;
            }
            info.Record = parsed.Record;
            info.Version = parsed.Version;
            info.KeyType = parsed.KeyType;
            info.KeyBits = parsed.KeyBits;
            info.HashAlgorithms = parsed.HashAlgorithms;
            info.ServiceTypes = parsed.ServiceTypes;
            info.Flags = parsed.Flags;
            info.Testing = parsed.Testing;
            info.NoSubdomains = parsed.NoSubdomains;
            info.Notes = parsed.Notes;
            info.PublicKey = parsed.PublicKey;
            info.Revoked = parsed.Revoked;
            info.IsValid = parsed.IsValid;
            info.Findings = parsed.Findings;
            return new List<Finding>(parsed.Findings);
        }

        private static AsymmetricKeyParameter? Decode(DkimKeyInfo info)
        {
            var cacheKey = info.KeyType + ":" + info.PublicKey;
            if (DecodedKeys.TryGetValue(cacheKey, out var cached)) return cached;
            var bytes = DkimPublicKeyDecoder.DecodeBase64(info.PublicKey!, out _);
            if (bytes == null) return null;
            AsymmetricKeyParameter? key;
            try
            {
                if (info.KeyType == "ed25519")
                    key = new Ed25519PublicKeyParameters(bytes, 0);
                else
                {
                    try { key = PublicKeyFactory.CreateKey(bytes); }
                    catch (Exception e) when (!(e is OutOfMemoryException))
                    {
                        // A bare RSAPublicKey (RFC 6376 §3.6.1's wording), which DkimKeyParser accepted too.
                        var rsa = Org.BouncyCastle.Asn1.X509.RsaPublicKeyStructure.GetInstance(Org.BouncyCastle.Asn1.Asn1Object.FromByteArray(bytes));
                        key = new RsaKeyParameters(false, rsa.Modulus, rsa.PublicExponent);
                    }
                    if (!(key is RsaKeyParameters)) return null;
                }
            }
            catch (Exception e) when (!(e is OutOfMemoryException))
            {
                return null;
            }
            if (DecodedKeys.Count >= MaxCachedKeys) DecodedKeys.Clear();
            DecodedKeys[cacheKey] = key;
            return key;
        }

        private static DkimKeyLookup Fail(DkimKeyInfo info, List<Finding> findings, DkimVerificationResult result, string code, string reason, string rfc)
        {
            findings.Add(new Finding(code, result == DkimVerificationResult.TempError ? FindingSeverity.Warning : FindingSeverity.Error,
                char.ToUpperInvariant(reason[0]) + reason.Substring(1) + ".", null, rfc, info.Name));
            return new DkimKeyLookup(info, null, result, reason, findings);
        }
    }

    /// <summary>Thrown to MimeKit's verifiers when no usable key exists; the locator keeps the lookup and its reason.</summary>
    internal sealed class DkimKeyUnavailableException : Exception
    {
        public DkimKeyUnavailableException(string message) : base(message) { }
    }
}
