using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Messages.Dkim;
using EmailAuth.Core.Tests.Dkim;
using EmailAuth.Core.Tests.Infrastructure;
using MimeKit;
using Xunit;
using Xunit.Abstractions;

namespace EmailAuth.Core.Tests.Messages
{
    /// <summary>
    /// Messages signed at test time by dkimpy (python3-dkim) and opendkim-testmsg, keys served by knotd: our verdicts and
    /// reasons per case, and a differential against dkimpy's dkim.verify on the same messages and the same DNS server.
    /// </summary>
    public sealed class DkimSignatureVerifierPeerTests : IClassFixture<SignedMessagesFixture>
    {
        private readonly SignedMessagesFixture _fx;
        private readonly ITestOutputHelper _out;

        public DkimSignatureVerifierPeerTests(SignedMessagesFixture fx, ITestOutputHelper output)
        {
            _fx = fx;
            _out = output;
        }

        internal static MimeMessage Parse(string text) => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(text)));

        private async Task<IReadOnlyList<DkimSignatureResult>> VerifyAsync(string id, DkimVerificationOptions? options = null)
        {
            var verifier = new DkimSignatureVerifier(_fx.Resolver(), options);
            return await verifier.VerifyAsync(Parse(_fx.Messages[id]), CancellationToken.None);
        }

        [PeerFact("knotd", DkimDifferentialTests.DkimpyModule)]
        public async Task EveryCaseGivesTheExpectedResultAndReason()
        {
            var wrong = new List<string>();
            foreach (var c in _fx.Cases)
            {
                var results = await VerifyAsync(c.Id);
                var got = string.Join(",", results.Select(r => r.Result));
                var reasons = string.Join(" | ", results.Select(r => r.Reason));
                _out.WriteLine($"{c.Id,-26} {got,-18} {reasons}");
                if (got != c.Expected || c.Reason != null && !reasons.Contains(c.Reason, StringComparison.Ordinal))
                    wrong.Add($"{c.Id}: expected {c.Expected} ({c.Reason}), got {got} ({reasons})");
            }
            Assert.Empty(wrong);
        }

        private const string LargerThanBody = "dkimpy hashes min(l=, body) and passes when that matches bh=; RFC 6376 §3.5: l= \"MUST NOT be " +
            "larger than the actual number of octets in the canonicalized message body\" (Fail, as OpenDKIM's DKIM_SIGERROR_TOOLARGE_L)";

        /// <summary>dkimpy behaviour that departs from the RFCs, by case: why, and what the RFC makes of it (our result).</summary>
        private static readonly Dictionary<string, string> KnownDifferences = new Dictionary<string, string>
        {
            ["rsa-sha1"] = "dkimpy verifies rsa-sha1; RFC 8301 §3.1: verifiers MUST NOT consider it valid (PermError)",
            ["from-not-signed"] = "dkimpy's verify does not require From in h=; RFC 6376 §5.4/§6.1.1: From MUST be signed (PermError)",
            ["key-sha1-only"] = "dkimpy ignores the key's h=; RFC 6376 §6.1.2: a key without sha256 in h= cannot verify rsa-sha256 (PermError)",
            ["x-before-t"] = "dkimpy's x<t check is unreachable (nested under the expiry check); RFC 6376 §3.5: x= MUST be greater than t= (PermError)",
            ["opendkim"] = "opendkim-testmsg signs rsa-sha1, which dkimpy accepts; RFC 8301 §3.1 (PermError; with AllowRsaSha1 it passes)",
            ["i-subdomain-strict"] = "dkimpy ignores the key's t=s flag; RFC 6376 §3.6.1: i= must then be exactly d= (PermError)",
            ["l-over-raw-simple"] = LargerThanBody,
            ["l-over-raw-relaxed"] = LargerThanBody,
            ["l-over-by-one-simple"] = LargerThanBody,
            ["l-over-by-one-relaxed"] = LargerThanBody,
            ["l-over-ed25519"] = LargerThanBody,
            ["l-over-empty-relaxed"] = LargerThanBody,
        };

        [PeerFact("knotd", DkimDifferentialTests.DkimpyModule)]
        public async Task VerdictsEqualDkimpysOnTheSameMessages()
        {
            var request = new JsonObject { ["op"] = "verify", ["port"] = _fx.Knot.Port, ["messages"] = new JsonObject(_fx.Messages.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))) };
            var answer = DkimpyPeer.Run(request)["results"]!;
            var disagreements = new List<string>();
            var compared = 0;
            foreach (var (id, _) in _fx.Messages.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                var ours = (await VerifyAsync(id)).Select(r => r.Result == DkimVerificationResult.Pass).ToArray();
                var theirs = answer[id]!["dkim"]!.AsArray().Select(v => v!.GetValue<bool>()).ToArray();
                compared += ours.Length;
                var same = ours.SequenceEqual(theirs);
                _out.WriteLine($"{id,-26} ours {string.Join(",", ours),-12} dkimpy {string.Join(",", theirs)}{(same ? "" : KnownDifferences.ContainsKey(id) ? "  (known: " + KnownDifferences[id] + ")" : "  DIFFERENT")}");
                if (KnownDifferences.ContainsKey(id))
                {
                    Assert.False(same, $"{id} is listed as a known difference but dkimpy now agrees: remove it from the list");
                    continue;
                }
                if (!same) disagreements.Add($"{id}: ours {string.Join(",", ours)}, dkimpy {string.Join(",", theirs)}");
            }
            Assert.True(compared >= 40, $"only {compared} signatures compared");
            Assert.Empty(disagreements);
        }

        [PeerFact("knotd", DkimDifferentialTests.DkimpyModule)]
        public async Task PassReportsTheSignatureAndKey()
        {
            var r = Assert.Single(await VerifyAsync("rsa-simple-relaxed"));
            Assert.Equal(DkimVerificationResult.Pass, r.Result);
            Assert.Null(r.Reason);
            Assert.Equal(SignedMessagesFixture.Zone, r.Domain);
            Assert.Equal("rsa2048", r.Selector);
            Assert.Equal("rsa-sha256", r.Algorithm);
            Assert.Equal("simple", r.HeaderCanonicalization);
            Assert.Equal("relaxed", r.BodyCanonicalization);
            Assert.Equal(2048, r.KeyBits);
            Assert.True(r.BodyHashMatches);
            Assert.Contains("from", r.SignedHeaders);
            Assert.All(r.SignedHeaders, h => Assert.Equal(h.ToLowerInvariant(), h));
            Assert.StartsWith("v=DKIM1; k=rsa; p=", r.KeyRecord);
            Assert.NotNull(r.Timestamp);

            var ed = Assert.Single(await VerifyAsync("ed25519"));
            Assert.Equal((DkimVerificationResult.Pass, "ed25519-sha256", 256), (ed.Result, ed.Algorithm, ed.KeyBits));
        }

        [PeerFact("knotd", DkimDifferentialTests.DkimpyModule)]
        public async Task BodyHashMismatchAndHeaderMismatchAreToldApart()
        {
            var body = Assert.Single(await VerifyAsync("body-altered"));
            Assert.False(body.BodyHashMatches);
            Assert.Contains(body.Findings, f => f.Code == MessageDkimFindingCodes.BodyHashMismatch);
            var header = Assert.Single(await VerifyAsync("subject-altered"));
            Assert.True(header.BodyHashMatches);
            Assert.Contains(header.Findings, f => f.Code == MessageDkimFindingCodes.SignatureMismatch);
            // The body hash is computed even when the key cannot be used, so the report still says whether the body changed.
            var weak = Assert.Single(await VerifyAsync("key-512"));
            Assert.True(weak.BodyHashMatches);
            Assert.Equal(512, weak.KeyBits);
            Assert.Contains(weak.Findings, f => f.Code == MessageDkimFindingCodes.KeyTooWeak);
        }

        [PeerFact("knotd", DkimDifferentialTests.DkimpyModule)]
        public async Task BodyLengthTagIsReportedAndWarned()
        {
            var r = Assert.Single(await VerifyAsync("l-tag-appended"));
            Assert.Equal(DkimVerificationResult.Pass, r.Result);
            Assert.NotNull(r.BodyLength);
            Assert.Contains(r.Findings, f => f.Code == MessageDkimFindingCodes.BodyLength);
            Assert.Contains(r.Findings, f => f.Code == MessageDkimFindingCodes.BodyLengthShort);
            // l= equal to the body: nothing unsigned follows.
            var whole = Assert.Single(await VerifyAsync("l-tag"));
            Assert.Equal(DkimVerificationResult.Pass, whole.Result);
            Assert.DoesNotContain(whole.Findings, f => f.Code == MessageDkimFindingCodes.BodyLengthShort);
            var x = Assert.Single(await VerifyAsync("x-expired"));
            Assert.NotNull(x.Expiration);
            Assert.True(x.Expiration < DateTimeOffset.UtcNow);
        }

        /// <summary>RFC 6376 §3.5: l= MUST NOT be larger than the canonicalized body; such a signature fails, whatever bh= says.</summary>
        [PeerFact("knotd", DkimDifferentialTests.DkimpyModule)]
        public async Task BodyLengthLargerThanTheBodyFails()
        {
            // The signer hashed the whole body but l= counts more: bh= matches, the signature does not verify.
            foreach (var id in new[] { "l-over-raw-simple", "l-over-raw-relaxed", "l-over-by-one-simple", "l-over-by-one-relaxed", "l-over-ed25519", "l-over-empty-relaxed" })
            {
                var r = Assert.Single(await VerifyAsync(id));
                Assert.True(DkimVerificationResult.Fail == r.Result, $"{id}: {r}");
                Assert.True(r.BodyHashMatches, id);
                var f = Assert.Single(r.Findings, f => f.Code == MessageDkimFindingCodes.BodyLengthExceedsBody);
                Assert.Equal(FindingSeverity.Error, f.Severity);
                Assert.Equal("RFC 6376 §3.5", f.Reference);
                Assert.StartsWith($"body length l={r.BodyLength} exceeds the canonicalized body", r.Reason);
                Assert.DoesNotContain(r.Findings, x => x.Code == MessageDkimFindingCodes.BodyLengthShort);
            }
            // An exact l= signed, then the body cut: the reason is the short body, not only a body hash mismatch.
            foreach (var id in new[] { "l-cut-simple", "l-cut-relaxed" })
            {
                var r = Assert.Single(await VerifyAsync(id));
                Assert.True(DkimVerificationResult.Fail == r.Result, $"{id}: {r}");
                Assert.False(r.BodyHashMatches, id);
                Assert.Contains(r.Findings, f => f.Code == MessageDkimFindingCodes.BodyLengthExceedsBody);
                Assert.DoesNotContain(r.Findings, f => f.Code == MessageDkimFindingCodes.BodyHashMismatch);
            }
            // l= exactly the body (simple and relaxed; the empty body is one CRLF under simple, RFC 6376 §3.4.3): pass.
            foreach (var id in new[] { "l-tag", "l-exact-simple", "l-exact-empty-simple" })
            {
                var r = Assert.Single(await VerifyAsync(id));
                Assert.True(DkimVerificationResult.Pass == r.Result, $"{id}: {r}");
                Assert.Contains(r.Findings, f => f.Code == MessageDkimFindingCodes.BodyLength);
                Assert.DoesNotContain(r.Findings, f => f.Code == MessageDkimFindingCodes.BodyLengthExceedsBody || f.Code == MessageDkimFindingCodes.BodyLengthShort);
            }
            // l= shorter than the body: still a pass, with the unsigned-tail warning (RFC 6376 §8.2).
            foreach (var id in new[] { "l-tag-appended", "l-tag-short" })
            {
                var r = Assert.Single(await VerifyAsync(id));
                Assert.True(DkimVerificationResult.Pass == r.Result, $"{id}: {r}");
                Assert.Contains(r.Findings, f => f.Code == MessageDkimFindingCodes.BodyLengthShort);
                Assert.DoesNotContain(r.Findings, f => f.Code == MessageDkimFindingCodes.BodyLengthExceedsBody);
            }
        }

        /// <summary>
        /// The body length is measured with MimeKit's canonicalization (its internal HashBody, bound by reflection); without
        /// the binding only bh= is compared. On every l= signature both must agree where bh= matches; only the measurement
        /// sees a body cut after signing.
        /// </summary>
        [PeerFact("knotd", DkimDifferentialTests.DkimpyModule)]
        public void BodyLengthMeasurementAgreesWithTheBodyHashFallback()
        {
            Assert.True(CanonicalBodyLength.Available, "MimeKit's internal MimeMessage.HashBody could not be bound: check the MimeKit version");
            var locator = new DnsDkimPublicKeyLocator(_fx.Resolver());
            var measured = new MimeKitDkimCore(locator);
            var fallback = new MimeKitDkimCore(locator) { MeasureBodyLength = false };
            var format = FormatOptions.Default.Clone();
            format.NewLineFormat = NewLineFormat.Dos;
            var shorter = new SortedSet<string>(StringComparer.Ordinal);
            var compared = 0;
            foreach (var (id, text) in _fx.Messages)
            {
                var message = Parse(text);
                foreach (var header in message.Headers.Where(h => h.Id == HeaderId.DkimSignature))
                {
                    var tags = DkimSignatureTags.Parse(header.Value);
                    if (tags.Error != null || tags.BodyLength == null) continue;
                    var l = (int)tags.BodyLength.Value;
                    var a = measured.BodyShorterThan(format, message, tags.SignatureAlgorithm, tags.BodyAlgorithm, l, tags.BodyHash!);
                    var b = fallback.BodyShorterThan(format, message, tags.SignatureAlgorithm, tags.BodyAlgorithm, l, tags.BodyHash!);
                    if (measured.BodyHashMatches(format, message, tags.SignatureAlgorithm, tags.BodyAlgorithm, l, tags.BodyHash!))
                        Assert.True(a == b, $"{id}: measured {a}, bh= fallback {b}");
                    else
                        Assert.False(b, id);
                    if (a) shorter.Add(id);
                    compared++;
                }
            }
            Assert.True(compared >= 12, $"only {compared} l= signatures");
            Assert.Equal(new[] { "l-cut-relaxed", "l-cut-simple", "l-over-by-one-relaxed", "l-over-by-one-simple", "l-over-ed25519",
                                 "l-over-empty-relaxed", "l-over-raw-relaxed", "l-over-raw-simple" }, shorter);
        }

        [PeerFact("knotd", DkimDifferentialTests.DkimpyModule)]
        public async Task ExpiryFollowsTheGivenClock()
        {
            // x-future expires in 7 days: verified 8 days from now it is expired.
            var later = new DkimVerificationOptions { Now = DateTimeOffset.UtcNow.AddDays(8) };
            var r = Assert.Single(await VerifyAsync("x-future", later));
            Assert.Equal(DkimVerificationResult.PermError, r.Result);
            Assert.Contains(r.Findings, f => f.Code == MessageDkimFindingCodes.Expired);
        }

        [PeerFact("knotd", DkimDifferentialTests.DkimpyModule)]
        public async Task SignaturesBeyondTheLimitAreNotVerified()
        {
            var text = _fx.Messages["two-sigs"];
            var results = await new DkimSignatureVerifier(_fx.Resolver(), new DkimVerificationOptions { MaxSignatures = 1 })
                .VerifyAsync(Parse(text), CancellationToken.None);
            Assert.Equal(2, results.Count);
            // dkimpy adds each signature on top: the Ed25519 one (signed last) comes first.
            Assert.Equal(DkimVerificationResult.Pass, results[0].Result);
            Assert.Equal("ed", results[0].Selector);
            Assert.Equal(DkimVerificationResult.None, results[1].Result);
            Assert.Equal("rsa2048", results[1].Selector);
            Assert.Contains(results[1].Findings, f => f.Code == MessageDkimFindingCodes.TooManySignatures);
            Assert.Equal(new[] { 0, 1 }, results.Select(r => r.SignatureIndex));
        }

        /// <summary>
        /// The RSA header check runs MimeKit's canonicalization with the platform's RSA (NativeRsaHeaderVerifier); on every
        /// generated RSA signature, with its own key and with a wrong one, it must agree with MimeKit's VerifySignature.
        /// </summary>
        [PeerFact("knotd", DkimDifferentialTests.DkimpyModule)]
        public async Task NativeRsaPathAgreesWithMimeKitsOnEverySignature()
        {
            Assert.True(NativeRsaHeaderVerifier.Available, "MimeKit's internal canonicalization methods could not be bound: check the MimeKit version");
            var locator = new DnsDkimPublicKeyLocator(_fx.Resolver());
            var native = new MimeKitDkimCore(locator);
            var mimekit = new MimeKitDkimCore(locator) { UseNativeRsa = false };
            mimekit.Enable(MimeKit.Cryptography.DkimSignatureAlgorithm.RsaSha1);
            native.Enable(MimeKit.Cryptography.DkimSignatureAlgorithm.RsaSha1);
            var wrongKey = (await locator.LookupAsync(SignedMessagesFixture.Zone, "rsa1024", CancellationToken.None)).Key!;
            var format = FormatOptions.Default.Clone();
            format.NewLineFormat = NewLineFormat.Dos;
            var compared = 0;
            foreach (var (id, text) in _fx.Messages)
            {
                var message = Parse(text);
                foreach (var header in message.Headers.Where(h => h.Id == HeaderId.DkimSignature))
                {
                    var tags = DkimSignatureTags.Parse(header.Value);
                    if (tags.Error != null || tags.SignatureAlgorithm == MimeKit.Cryptography.DkimSignatureAlgorithm.Ed25519Sha256) continue;
                    var lookup = await locator.LookupAsync(tags.Domain!, tags.Selector!, CancellationToken.None);
                    foreach (var key in new[] { lookup.Key, wrongKey })
                    {
                        if (!(key is Org.BouncyCastle.Crypto.Parameters.RsaKeyParameters)) continue;
                        var a = native.HeaderSignatureMatches(format, message, header, tags.SignatureAlgorithm, key, tags.Headers, tags.HeaderAlgorithm, tags.Signature!);
                        var b = mimekit.HeaderSignatureMatches(format, message, header, tags.SignatureAlgorithm, key, tags.Headers, tags.HeaderAlgorithm, tags.Signature!);
                        Assert.True(a == b, $"{id} s={tags.Selector}: native {a}, MimeKit {b}");
                        compared++;
                    }
                }
            }
            Assert.True(compared >= 50, $"only {compared} comparisons");
        }

        [PeerFact("knotd", DkimDifferentialTests.DkimpyModule, "opendkim-genkey", "opendkim-testmsg")]
        public async Task OpenDkimSignedMessagesVerify()
        {
            // opendkim-testmsg signs with rsa-sha1 (its only algorithm): rejected per RFC 8301, but it verifies when allowed.
            var sha1 = Assert.Single(await VerifyAsync("opendkim"));
            Assert.Equal((DkimVerificationResult.PermError, "rsa-sha1"), (sha1.Result, sha1.Algorithm));
            Assert.True(sha1.BodyHashMatches);
            var allow = new DkimVerificationOptions { AllowRsaSha1 = true };
            var pass = Assert.Single(await VerifyAsync("opendkim", allow));
            Assert.Equal(DkimVerificationResult.Pass, pass.Result);
            Assert.Equal("opendkim", pass.Selector);
            Assert.Contains(pass.Findings, f => f.Code == MessageDkimFindingCodes.Sha1);
            var fail = Assert.Single(await VerifyAsync("opendkim-altered", allow));
            Assert.Equal(DkimVerificationResult.Fail, fail.Result);
            Assert.Equal("body hash did not verify", fail.Reason);
        }
    }
}
