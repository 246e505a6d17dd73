using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Dns;
using MimeKit;
using MimeKit.Cryptography;

namespace EmailAuth.Core.Messages.Dkim
{
    /// <summary>
    /// Verifies every DKIM-Signature of a message (RFC 6376 §6.1) with MimeKit's canonicalization and crypto and keys from
    /// our DNS layer. Never throws for message content: each signature gets a result and a reason.
    /// </summary>
    internal sealed class DkimSignatureVerifier
    {
        private readonly DkimVerificationOptions _options;
        private readonly DnsDkimPublicKeyLocator _locator;
        private readonly MimeKitDkimCore _core;

        public DkimSignatureVerifier(IDnsResolver resolver, DkimVerificationOptions? options = null)
            : this(new DnsDkimPublicKeyLocator(resolver), options) { }

        internal DkimSignatureVerifier(DnsDkimPublicKeyLocator locator, DkimVerificationOptions? options = null)
        {
            _options = options ?? new DkimVerificationOptions();
            _locator = locator;
            _core = new MimeKitDkimCore(_locator);
            if (_options.AllowRsaSha1) _core.Enable(DkimSignatureAlgorithm.RsaSha1);
        }

        internal DnsDkimPublicKeyLocator Locator => _locator;

        public async Task<IReadOnlyList<DkimSignatureResult>> VerifyAsync(MimeMessage message, CancellationToken ct)
        {
            if (message == null) throw new ArgumentNullException(nameof(message));
            var results = new List<DkimSignatureResult>();
            var index = 0;
            foreach (var header in message.Headers.Where(h => h.Id == HeaderId.DkimSignature).ToList())
            {
                ct.ThrowIfCancellationRequested();
                if (index >= Math.Max(0, _options.MaxSignatures))
                {
                    var skipped = Describe(header, index);
                    skipped.Result = DkimVerificationResult.None;
                    skipped.Reason = $"not verified: only the first {_options.MaxSignatures} signatures of a message are verified";
                    skipped.Findings = new[] { new Finding(MessageDkimFindingCodes.TooManySignatures, FindingSeverity.Warning,
                        $"Signature #{index} was not verified: the message has more than {_options.MaxSignatures} DKIM signatures.", null, null, skipped.Domain) };
                    results.Add(skipped);
                }
                else
                {
                    results.Add(await VerifyOneAsync(message, header, index, ct).ConfigureAwait(false));
                }
                index++;
            }
            return results;
        }

        /// <summary>The tags of a signature that is not verified, as far as they parse.</summary>
        private static DkimSignatureResult Describe(Header header, int index)
        {
            var result = new DkimSignatureResult { SignatureIndex = index };
            Fill(result, DkimSignatureTags.Parse(SafeValue(header)));
            return result;
        }

        private async Task<DkimSignatureResult> VerifyOneAsync(MimeMessage message, Header header, int index, CancellationToken ct)
        {
            var result = new DkimSignatureResult { SignatureIndex = index };
            var findings = new List<Finding>();
            try
            {
                var tags = DkimSignatureTags.Parse(SafeValue(header));
                Fill(result, tags);
                if (tags.Error != null)
                    return Done(result, findings, DkimVerificationResult.Neutral, tags.ErrorCode!, tags.Error, "RFC 6376 §6.1.1");

                // The body hash needs no DNS: compute it even when the signature or key is refused, so the report says
                // whether the body changed in transit.
                var format = FormatOptions.Default.Clone();
                format.NewLineFormat = NewLineFormat.Dos;
                var maxLength = tags.BodyLength.HasValue ? (int)Math.Min(int.MaxValue, tags.BodyLength.Value) : -1;
                result.BodyHashMatches = _core.BodyHashMatches(format, message, tags.SignatureAlgorithm, tags.BodyAlgorithm, maxLength, tags.BodyHash!);

                var policy = CheckSignaturePolicy(message, tags, result, findings);
                if (policy != null) return policy;
                if (result.BodyHashMatches == true && maxLength >= 0 && maxLength < int.MaxValue &&
                    !_core.BodyHashMatches(format, message, tags.SignatureAlgorithm, tags.BodyAlgorithm, maxLength + 1, tags.BodyHash!))
                {
                    // Hashing one octet more changes the digest: the canonical body goes on past l=, unsigned (RFC 6376 §8.2).
                    findings.Add(new Finding(MessageDkimFindingCodes.BodyLengthShort, FindingSeverity.Warning,
                        $"The body is longer than l={tags.BodyLength}: the rest was not signed and may have been added in transit.",
                        "Read only the signed part as authentic; signers should not use l=.", "RFC 6376 §8.2", tags.Domain));
                }

                var lookup = await _locator.LookupAsync(tags.Domain!, tags.Selector!, ct).ConfigureAwait(false);
                findings.AddRange(lookup.Findings);
                result.KeyRecord = lookup.Info.Record;
                result.KeyBits = lookup.Info.KeyBits > 0 ? lookup.Info.KeyBits : (int?)null;
                if (lookup.Key == null)
                    return Done(result, findings, lookup.Failure, null, lookup.Reason!, null);

                var keyMismatch = CheckKeyFits(tags, lookup, result, findings);
                if (keyMismatch != null) return keyMismatch;

                // RFC 6376 §3.5 l=: "This value MUST NOT be larger than the actual number of octets in the canonicalized
                // message body." A shorter body was cut after signing, or the signer's l= counts octets it never hashed;
                // either way the signed body (§3.7 hash step 1: "truncated to the length specified in the l= tag") is not
                // the one received, so the signature fails as a changed body does (§6.1.3), whatever bh= says (dkimpy
                // passes it when bh= matches; OpenDKIM rejects it as DKIM_SIGERROR_TOOLARGE_L).
                if (maxLength > 0 && _core.BodyShorterThan(format, message, tags.SignatureAlgorithm, tags.BodyAlgorithm, maxLength, tags.BodyHash!))
                    return Done(result, findings, DkimVerificationResult.Fail, MessageDkimFindingCodes.BodyLengthExceedsBody,
                        $"body length l={tags.BodyLength} exceeds the canonicalized body: the body is shorter than the signature says it signed",
                        "RFC 6376 §3.5");
                if (result.BodyHashMatches != true)
                    return Done(result, findings, DkimVerificationResult.Fail, MessageDkimFindingCodes.BodyHashMismatch,
                        "body hash did not verify", "RFC 6376 §6.1.3");
                if (!_core.HeaderSignatureMatches(format, message, header, tags.SignatureAlgorithm, lookup.Key, tags.Headers, tags.HeaderAlgorithm, tags.Signature!))
                    return Done(result, findings, DkimVerificationResult.Fail, MessageDkimFindingCodes.SignatureMismatch,
                        "signature did not verify", "RFC 6376 §6.1.3");
                result.Result = DkimVerificationResult.Pass;
                result.Findings = findings;
                return result;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e) when (!(e is OutOfMemoryException))
            {
                // MimeKit reports malformed values (b= not base64, a bad header) by exceptions: an unprocessable signature.
                return Done(result, findings, DkimVerificationResult.Neutral, MessageDkimFindingCodes.Unprocessable,
                    $"signature could not be processed: {e.Message}", "RFC 6376 §6.1");
            }
        }

        /// <summary>RFC 6376 §6.1.1 checks that need no key; a result when one fails, else null. Adds warnings to <paramref name="findings"/>.</summary>
        private DkimSignatureResult? CheckSignaturePolicy(MimeMessage message, DkimSignatureTags tags, DkimSignatureResult result, List<Finding> findings)
        {
            // RFC 8301 §3.1: rsa-sha1 MUST NOT be used for signing or verifying.
            if (tags.SignatureAlgorithm == DkimSignatureAlgorithm.RsaSha1)
            {
                if (!_options.AllowRsaSha1)
                    return Done(result, findings, DkimVerificationResult.PermError, MessageDkimFindingCodes.Sha1,
                        "rsa-sha1 is not accepted (RFC 8301)", "RFC 8301 §3.1");
                findings.Add(new Finding(MessageDkimFindingCodes.Sha1, FindingSeverity.Warning,
                    "rsa-sha1 was verified because AllowRsaSha1 is set; receivers reject it (RFC 8301).",
                    "Configure the signer for rsa-sha256.", "RFC 8301 §3.1", tags.Domain));
            }

            // §5.4/§6.1.1: the From field MUST be signed.
            if (!tags.Headers.Contains("from"))
                return Done(result, findings, DkimVerificationResult.PermError, MessageDkimFindingCodes.FromNotSigned,
                    "From header not signed", "RFC 6376 §5.4, §6.1.1");

            // §3.5 i=: the domain part MUST be d= or a subdomain of it.
            if (tags.Identity != null)
            {
                var at = tags.Identity.LastIndexOf('@');
                var auidDomain = at < 0 ? null : tags.Identity.Substring(at + 1).TrimEnd('.');
                if (auidDomain == null || !(auidDomain.Equals(tags.Domain, StringComparison.OrdinalIgnoreCase) ||
                                            auidDomain.EndsWith("." + tags.Domain, StringComparison.OrdinalIgnoreCase)))
                    return Done(result, findings, DkimVerificationResult.PermError, MessageDkimFindingCodes.IdentityMismatch,
                        $"domain mismatch: i={tags.Identity} is not in d={tags.Domain}", "RFC 6376 §3.5, §6.1.1");
            }

            var now = (_options.Now ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
            var skew = (long)_options.ClockSkew.TotalSeconds;
            if (tags.Expiration.HasValue && tags.Timestamp.HasValue && tags.Expiration.Value <= tags.Timestamp.Value)
                return Done(result, findings, DkimVerificationResult.PermError, MessageDkimFindingCodes.ExpiresBeforeSigned,
                    $"x= ({tags.Expiration}) is not after t= ({tags.Timestamp})", "RFC 6376 §3.5");
            if (tags.Expiration.HasValue && tags.Expiration.Value < now - skew)
                return Done(result, findings, DkimVerificationResult.PermError, MessageDkimFindingCodes.Expired,
                    $"signature expired at {result.Expiration:u}", "RFC 6376 §3.5, §6.1.1");
            if (tags.Timestamp.HasValue && tags.Timestamp.Value > now + skew)
                findings.Add(new Finding(MessageDkimFindingCodes.FutureTimestamp, FindingSeverity.Warning,
                    $"t= ({result.Timestamp:u}) lies in the future: the signer's clock is wrong.", "Fix the signing host's clock (NTP).",
                    "RFC 6376 §3.5", tags.Domain));

            // §8.15 (and dkimpy's check): a From field h= does not cover means one was added after signing.
            var fromFields = message.Headers.Count(h => h.Id == HeaderId.From);
            var fromSigned = tags.Headers.Count(h => h == "from");
            if (fromFields > fromSigned)
                return Done(result, findings, DkimVerificationResult.Fail, MessageDkimFindingCodes.ExtraFrom,
                    $"the message has {fromFields} From fields but h= signs {fromSigned}: a From field was added after signing",
                    "RFC 6376 §8.15");

            if (tags.BodyLength.HasValue)
                findings.Add(new Finding(MessageDkimFindingCodes.BodyLength, FindingSeverity.Warning,
                    $"l={tags.BodyLength}: only that much of the body is signed; content can be appended without breaking the signature.",
                    "Sign without l= (the whole body).", "RFC 6376 §8.2", tags.Domain));
            return null;
        }

        /// <summary>RFC 6376 §6.1.2 steps 5–6 and §3.6.1 t=s: the key must suit the signature.</summary>
        private static DkimSignatureResult? CheckKeyFits(DkimSignatureTags tags, DkimKeyLookup lookup, DkimSignatureResult result, List<Finding> findings)
        {
            var info = lookup.Info;
            var wantKey = tags.SignatureAlgorithm == DkimSignatureAlgorithm.Ed25519Sha256 ? "ed25519" : "rsa";
            if (info.KeyType != wantKey)
                return Done(result, findings, DkimVerificationResult.PermError, MessageDkimFindingCodes.KeyAlgorithmMismatch,
                    $"inappropriate key algorithm: a={tags.Algorithm} but the key is k={info.KeyType}", "RFC 6376 §6.1.2");
            if (info.HashAlgorithms.Count > 0 && !info.HashAlgorithms.Contains("sha256"))
                return Done(result, findings, DkimVerificationResult.PermError, MessageDkimFindingCodes.KeyAlgorithmMismatch,
                    $"inappropriate hash algorithm: the key allows h={string.Join(":", info.HashAlgorithms)}", "RFC 6376 §6.1.2");
            if (info.NoSubdomains && tags.Identity != null)
            {
                var at = tags.Identity.LastIndexOf('@');
                var auidDomain = tags.Identity.Substring(at + 1).TrimEnd('.');
                if (!auidDomain.Equals(tags.Domain, StringComparison.OrdinalIgnoreCase))
                    return Done(result, findings, DkimVerificationResult.PermError, MessageDkimFindingCodes.SubdomainNotAllowed,
                        $"the key has t=s but i= is in the subdomain {auidDomain}", "RFC 6376 §3.6.1");
            }
            return null;
        }

        private static void Fill(DkimSignatureResult result, DkimSignatureTags tags)
        {
            result.Domain = tags.Domain;
            result.Selector = tags.Selector;
            result.Algorithm = tags.Algorithm;
            result.SignedHeaders = tags.Headers;
            result.Identity = tags.Identity;
            if (tags.Error != null) return;
            result.HeaderCanonicalization = tags.HeaderCanonicalization;
            result.BodyCanonicalization = tags.BodyCanonicalization;
            result.BodyLength = tags.BodyLength;
            result.Timestamp = Time(tags.Timestamp);
            result.Expiration = Time(tags.Expiration);
        }

        // Unix seconds to a date; values beyond DateTimeOffset's range (year 9999) are kept as its maximum.
        private static DateTimeOffset? Time(long? seconds) =>
            seconds == null ? (DateTimeOffset?)null
            : seconds.Value > 253402300799L ? DateTimeOffset.MaxValue : DateTimeOffset.FromUnixTimeSeconds(seconds.Value);

        private static string SafeValue(Header header)
        {
            try { return header.Value ?? ""; }
            catch (Exception e) when (!(e is OutOfMemoryException)) { return ""; }
        }

        private static DkimSignatureResult Done(DkimSignatureResult result, List<Finding> findings, DkimVerificationResult verdict,
                                                string? code, string reason, string? rfc)
        {
            result.Result = verdict;
            result.Reason = reason;
            if (code != null)
                findings.Add(new Finding(code, verdict == DkimVerificationResult.TempError ? FindingSeverity.Warning : FindingSeverity.Error,
                    char.ToUpperInvariant(reason[0]) + reason.Substring(1) + ".", null, rfc, result.Domain));
            result.Findings = findings;
            return result;
        }
    }
}
