using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Dkim;
using EmailAuth.Core.Dns;
using MimeKit;
using MimeKit.Cryptography;

namespace EmailAuth.Core.Messages.Dkim
{
    /// <summary>
    /// Validates the ARC chain (RFC 8617 §5.2) with MimeKit's ArcVerifier and keys from our DNS layer, and reports each
    /// hop: seal, message signature (older ones too, to show where the message changed) and the recorded results.
    /// </summary>
    internal sealed class ArcChainVerifier
    {
        /// <summary>RFC 8617 §4.2.1: i= ranges over 1..50; a chain of more sets fails.</summary>
        public const int MaxHops = 50;

        private readonly DnsDkimPublicKeyLocator _locator;
        private readonly MimeKitDkimCore _core;

        public ArcChainVerifier(IDnsResolver resolver) : this(new DnsDkimPublicKeyLocator(resolver)) { }

        internal ArcChainVerifier(DnsDkimPublicKeyLocator locator)
        {
            _locator = locator;
            _core = new MimeKitDkimCore(locator);
        }

        public async Task<ArcChainResult> VerifyAsync(MimeMessage message, CancellationToken ct)
        {
            if (message == null) throw new ArgumentNullException(nameof(message));
            var findings = new List<Finding>();
            var arcHeaders = message.Headers.Where(h => h.Id == HeaderId.ArcSeal || h.Id == HeaderId.ArcMessageSignature ||
                                                        h.Id == HeaderId.ArcAuthenticationResults).ToList();
            if (arcHeaders.Count == 0)
                return new ArcChainResult { Result = ArcChainValidation.None, Findings = findings };

            var hops = CollectHops(arcHeaders, out var outOfRange);
            if (outOfRange != null || hops.Count > MaxHops)
            {
                var why = outOfRange ?? $"{hops.Count} ARC sets: more than the {MaxHops} allowed";
                findings.Add(new Finding(MessageDkimFindingCodes.ArcTooManyHops, FindingSeverity.Error, Cap(why) + ".", null, "RFC 8617 §4.2.1"));
                return new ArcChainResult { Result = ArcChainValidation.Fail, Reason = why, Hops = hops.Values.Take(MaxHops).Select(h => h.Hop).ToList(), Findings = findings };
            }

            ArcValidationResult mk;
            try
            {
                var verifier = new ArcVerifier(_locator);
                verifier.Enable(DkimSignatureAlgorithm.Ed25519Sha256);
                mk = await verifier.VerifyAsync(message, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { throw; }
            catch (Exception e) when (!(e is OutOfMemoryException))
            {
                findings.Add(new Finding(MessageDkimFindingCodes.ArcStructure, FindingSeverity.Error, $"The ARC chain could not be processed: {e.Message}.", null, "RFC 8617 §5.2"));
                return new ArcChainResult { Result = ArcChainValidation.Fail, Reason = $"the ARC chain could not be processed: {e.Message}", Hops = hops.Values.Select(h => h.Hop).ToList(), Findings = findings };
            }

            var list = hops.Values.OrderBy(h => h.Hop.Instance).ToList();
            var newest = list.Count > 0 ? list[list.Count - 1].Hop.Instance : 0;
            foreach (var h in list)
            {
                ct.ThrowIfCancellationRequested();
                var seal = mk.Seals != null && h.Hop.Instance - 1 < mk.Seals.Length ? mk.Seals[h.Hop.Instance - 1] : null;
                h.Hop.SealResult = h.Seal == null ? DkimVerificationResult.None
                    : seal == null ? DkimVerificationResult.Neutral
                    : Map(seal.Signature, h.SealDomain, h.Hop.Selector, out var sealWhy, h, "seal");
                if (h.Hop.Instance == newest && mk.MessageSignature != null)
                    h.Hop.MessageSignatureResult = Map(mk.MessageSignature.Signature, h.AmsTags?.Domain, h.AmsTags?.Selector, out _, h, "message signature");
                else
                    h.Hop.MessageSignatureResult = await VerifyOlderAmsAsync(message, h, ct).ConfigureAwait(false);
            }

            var result = new ArcChainResult { Hops = list.Select(h => h.Hop).ToList(), Findings = findings };
            result.Result = mk.Chain == ArcSignatureValidationResult.Pass ? ArcChainValidation.Pass
                          : mk.Chain == ArcSignatureValidationResult.None ? ArcChainValidation.None : ArcChainValidation.Fail;
            if (result.Result == ArcChainValidation.Fail)
                result.Reason = Explain(mk.ChainErrors, list, findings);
            return result;
        }

        private sealed class HopParts
        {
            public ArcHop Hop = new ArcHop();
            public Header? Seal;
            public Header? Ams;
            public DkimSignatureTags? AmsTags;
            public string? SealDomain;
        }

        private static SortedDictionary<int, HopParts> CollectHops(List<Header> headers, out string? outOfRange)
        {
            outOfRange = null;
            var hops = new SortedDictionary<int, HopParts>();
            foreach (var header in headers)
            {
                var value = header.Value ?? "";
                int instance;
                DkimTagList? tags = null;
                if (header.Id == HeaderId.ArcAuthenticationResults)
                {
                    // RFC 8617 §4.1.1: "i=" instance ";" then the RFC 8601 payload.
                    var semi = value.IndexOf(';');
                    var first = semi < 0 ? value : value.Substring(0, semi);
                    var eq = first.IndexOf('=');
                    if (eq < 0 || first.Substring(0, eq).Trim() != "i" || !int.TryParse(first.Substring(eq + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out instance))
                        continue;
                }
                else
                {
                    tags = DkimTagList.Parse(value, out _);
                    if (tags == null || !int.TryParse(tags["i"], NumberStyles.None, CultureInfo.InvariantCulture, out instance)) continue;
                }
                if (instance < 1 || instance > MaxHops)
                {
                    outOfRange = $"an ARC set has instance i={instance}, outside 1 to {MaxHops}";
                    continue;
                }
                if (hops.Count > MaxHops && !hops.ContainsKey(instance)) continue;
                if (!hops.TryGetValue(instance, out var hop)) hops[instance] = hop = new HopParts { Hop = new ArcHop { Instance = instance } };
                switch (header.Id)
                {
                    case HeaderId.ArcSeal:
                        hop.Seal ??= header;
                        hop.SealDomain = tags!["d"]?.ToLowerInvariant();
                        hop.Hop.Domain = hop.SealDomain;
                        hop.Hop.Selector = tags["s"];
                        hop.Hop.ChainValidation = tags["cv"]?.ToLowerInvariant();
                        break;
                    case HeaderId.ArcMessageSignature:
                        hop.Ams ??= header;
                        hop.AmsTags = DkimSignatureTags.Parse(value, arc: true);
                        hop.Hop.MessageSignatureDomain = hop.AmsTags.Domain;
                        break;
                    default:
                        hop.Hop.AuthenticationResults = value.Trim();
                        hop.Hop.AuthServId = AuthServId(value);
                        break;
                }
            }
            return hops;
        }

        /// <summary>RFC 8601 §2.2: the authserv-id is the first token after "i=N;" (comments and whitespace skipped).</summary>
        private static string? AuthServId(string value)
        {
            var semi = value.IndexOf(';');
            if (semi < 0) return null;
            var rest = value.Substring(semi + 1);
            var depth = 0;
            var sb = new System.Text.StringBuilder();
            foreach (var c in rest)
            {
                if (c == '(') { depth++; continue; }
                if (c == ')') { if (depth > 0) depth--; continue; }
                if (depth > 0) continue;
                if (c == ';' || (char.IsWhiteSpace(c) && sb.Length > 0)) break;
                if (!char.IsWhiteSpace(c)) sb.Append(c);
            }
            return sb.Length > 0 ? sb.ToString() : null;
        }

        /// <summary>MimeKit's pass/fail, refined by what the key lookup gave (a DNS failure is TempError, never Fail).</summary>
        private DkimVerificationResult Map(ArcSignatureValidationResult r, string? domain, string? selector, out string? why, HopParts hop, string what)
        {
            why = null;
            if (r == ArcSignatureValidationResult.Pass) return DkimVerificationResult.Pass;
            if (r == ArcSignatureValidationResult.None) return DkimVerificationResult.None;
            var lookup = domain != null && selector != null ? _locator.Find(domain, selector) : null;
            var result = DkimVerificationResult.Fail;
            why = $"the {what} did not verify";
            if (lookup != null && lookup.Key == null)
            {
                result = lookup.Failure;
                why = $"the {what}'s key: {lookup.Reason}";
            }
            hop.Hop.Reason = hop.Hop.Reason == null ? why : hop.Hop.Reason + "; " + why;
            return result;
        }

        /// <summary>An older ARC-Message-Signature, checked like a DKIM signature (RFC 8617 §4.1.2) for the report only.</summary>
        private async Task<DkimVerificationResult> VerifyOlderAmsAsync(MimeMessage message, HopParts hop, CancellationToken ct)
        {
            if (hop.Ams == null || hop.AmsTags == null) return DkimVerificationResult.None;
            var tags = hop.AmsTags;
            if (tags.Error != null) return DkimVerificationResult.Neutral;
            if (tags.SignatureAlgorithm == DkimSignatureAlgorithm.RsaSha1) return DkimVerificationResult.PermError;
            try
            {
                var lookup = await _locator.LookupAsync(tags.Domain!, tags.Selector!, ct).ConfigureAwait(false);
                if (lookup.Key == null) return lookup.Failure;
                var format = FormatOptions.Default.Clone();
                format.NewLineFormat = NewLineFormat.Dos;
                var max = tags.BodyLength.HasValue ? (int)Math.Min(int.MaxValue, tags.BodyLength.Value) : -1;
                if (!_core.BodyHashMatches(format, message, tags.SignatureAlgorithm, tags.BodyAlgorithm, max, tags.BodyHash!))
                    return DkimVerificationResult.Fail;
                return _core.HeaderSignatureMatches(format, message, hop.Ams, tags.SignatureAlgorithm, lookup.Key, tags.Headers, tags.HeaderAlgorithm, tags.Signature!)
                    ? DkimVerificationResult.Pass : DkimVerificationResult.Fail;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { throw; }
            catch (Exception e) when (!(e is OutOfMemoryException)) { return DkimVerificationResult.Neutral; }
        }

        private static string Explain(ArcValidationErrors errors, List<HopParts> hops, List<Finding> findings)
        {
            var reasons = new List<string>();
            void Add(string code, string why, string rfc)
            {
                reasons.Add(why);
                findings.Add(new Finding(code, FindingSeverity.Error, Cap(why) + ".", null, rfc));
            }
            const ArcValidationErrors structure = ArcValidationErrors.DuplicateArcAuthenticationResults | ArcValidationErrors.DuplicateArcMessageSignature |
                ArcValidationErrors.DuplicateArcSeal | ArcValidationErrors.MissingArcAuthenticationResults | ArcValidationErrors.MissingArcMessageSignature |
                ArcValidationErrors.MissingArcSeal | ArcValidationErrors.InvalidArcAuthenticationResults | ArcValidationErrors.InvalidArcMessageSignature |
                ArcValidationErrors.InvalidArcSeal;
            if ((errors & structure) != 0)
            {
                var max = hops.Count == 0 ? 0 : hops.Max(h => h.Hop.Instance);
                var gaps = Enumerable.Range(1, max).Where(i => hops.All(h => h.Hop.Instance != i)).ToList();
                var incomplete = hops.Where(h => h.Seal == null || h.Ams == null || h.Hop.AuthenticationResults == null).Select(h => h.Hop.Instance).ToList();
                var detail = gaps.Count > 0 ? $"instance{(gaps.Count > 1 ? "s" : "")} {string.Join(", ", gaps)} missing"
                           : incomplete.Count > 0 ? $"incomplete ARC set i={string.Join(", ", incomplete)}"
                           : $"malformed or duplicate ARC header fields ({errors & structure})";
                Add(MessageDkimFindingCodes.ArcStructure, $"the ARC chain is malformed: {detail}", "RFC 8617 §5.1.1");
            }
            if ((errors & (ArcValidationErrors.InvalidArcSealChainValidationValue | ArcValidationErrors.MissingArcSealChainValidationValue)) != 0)
            {
                var failed = hops.Where(h => h.Hop.ChainValidation == "fail").Select(h => h.Hop.Instance).ToList();
                if (failed.Count > 0)
                    Add(MessageDkimFindingCodes.ArcChainFailedEarlier, $"ARC-Seal i={failed[0]} records cv=fail: the chain was already broken there", "RFC 8617 §5.1.2");
                else
                    Add(MessageDkimFindingCodes.ArcChainValue, "a cv= value is wrong (i=1 must be none, later sets pass)", "RFC 8617 §5.1.1");
            }
            var temp = hops.Where(h => h.Hop.SealResult == DkimVerificationResult.TempError || h.Hop.MessageSignatureResult == DkimVerificationResult.TempError).ToList();
            if (temp.Count > 0)
                Add(MessageDkimFindingCodes.ArcKeyDnsError, $"a key lookup failed with a DNS error (i={string.Join(", ", temp.Select(h => h.Hop.Instance))}); retry later", "RFC 6376 §6.1.2");
            if ((errors & ArcValidationErrors.MessageSignatureValidationFailed) != 0)
                Add(MessageDkimFindingCodes.ArcMessageSignatureFailed, $"the newest ARC-Message-Signature (i={hops.Max(h => h.Hop.Instance)}) did not verify", "RFC 8617 §5.2");
            if ((errors & ArcValidationErrors.SealValidationFailed) != 0)
            {
                // A seal with cv=fail covers only its own set (RFC 8617 §5.1.1), which MimeKit does not model: its "failure"
                // adds nothing to the cv=fail reason above.
                var bad = hops.Where(h => h.Hop.SealResult != DkimVerificationResult.Pass && h.Hop.ChainValidation != "fail")
                              .Select(h => h.Hop.Instance).ToList();
                if (bad.Count > 0)
                    Add(MessageDkimFindingCodes.ArcSealFailed, $"ARC-Seal i={string.Join(", ", bad)} did not verify", "RFC 8617 §5.2");
            }
            return reasons.Count > 0 ? string.Join("; ", reasons) : "the ARC chain did not validate";
        }

        private static string Cap(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s.Substring(1);
    }
}
