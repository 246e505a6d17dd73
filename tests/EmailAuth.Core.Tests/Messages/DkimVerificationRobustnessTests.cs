using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ReturnCode = ARSoft.Tools.Net.Dns.ReturnCode;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Messages.Dkim;
using EmailAuth.Core.Tests.Infrastructure;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using Xunit;

namespace EmailAuth.Core.Tests.Messages
{
    /// <summary>
    /// Without peers: DNS failures are TempError (never Fail or PermError), hostile signature fields never throw, and the
    /// work per message is bounded. Messages are signed in-process by MimeKit's DkimSigner; keys come from memory.
    /// </summary>
    public sealed class DkimVerificationRobustnessTests
    {
        private const string Domain = "robust.test";
        // .NET's key generation (OpenSSL) is much faster than BouncyCastle's; MimeKit signs with the BouncyCastle form.
        private static readonly Lazy<AsymmetricCipherKeyPair> Key = new Lazy<AsymmetricCipherKeyPair>(() =>
        {
            using var rsa = System.Security.Cryptography.RSA.Create(2048);
            return DotNetUtilities.GetRsaKeyPair(rsa.ExportParameters(true));
        });
        private static readonly Dictionary<string, string> SignedText = new Dictionary<string, string>();

        private static string PublicKeyRecord() =>
            "v=DKIM1; k=rsa; p=" + Convert.ToBase64String(SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(Key.Value.Public).GetDerEncoded());

        /// <summary>The message signed once per selector, then parsed afresh for each use.</summary>
        private static MimeMessage Signed(string selector = "s1")
        {
            string text;
            lock (SignedText)
                if (!SignedText.TryGetValue(selector, out text!))
                    SignedText[selector] = text = SignNew(selector).ToString();
            return DkimSignatureVerifierPeerTests.Parse(text);
        }

        private static MimeMessage SignNew(string selector)
        {
            var message = new MimeMessage();
            message.From.Add(new MailboxAddress("Alice", "alice@" + Domain));
            message.To.Add(new MailboxAddress("Bob", "bob@example.net"));
            message.Subject = "Robustness";
            message.MessageId = "robust@" + Domain;
            message.Date = new DateTimeOffset(2026, 11, 30, 6, 0, 0, TimeSpan.Zero);
            message.Body = new TextPart("plain") { Text = "Hello\r\n" };
            var signer = new DkimSigner(Key.Value.Private, Domain, selector)
            {
                HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
                BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            };
            signer.Sign(message, new[] { HeaderId.From, HeaderId.To, HeaderId.Subject, HeaderId.Date, HeaderId.MessageId });
            return message;
        }

        private sealed class CountingResolver : IDnsResolver
        {
            private readonly IDnsResolver _inner;
            public int Queries;
            public CountingResolver(IDnsResolver inner) => _inner = inner;
            public Task<DnsAnswer> QueryAsync(string name, DnsRecordType type, CancellationToken ct = default)
            {
                Interlocked.Increment(ref Queries);
                return _inner.QueryAsync(name, type, ct);
            }
        }

        private static RecordSetResolver Keys(params (string Selector, string Text)[] keys) =>
            new RecordSetResolver(keys.Select(k => new DnsRecord($"{k.Selector}._domainkey.{Domain}", DnsRecordType.TXT, 300, k.Text)));

        [Fact]
        public async Task AMimeKitSignedMessageVerifiesWithAKeyFromTheResolver()
        {
            var r = Assert.Single(await new DkimSignatureVerifier(Keys(("s1", PublicKeyRecord()))).VerifyAsync(Signed(), CancellationToken.None));
            Assert.Equal(DkimVerificationResult.Pass, r.Result);
            Assert.Equal(2048, r.KeyBits);
        }

        [Fact]
        public async Task AKeyServerThatNeverAnswersIsTempErrorNotFail()
        {
            using var silent = RawUdpDnsServer.Silent();
            var resolver = new LiveDnsResolver(new DnsResolverOptions { Servers = new[] { silent.Endpoint }, Timeout = TestTimeouts.Silence, Retries = 0 });
            var r = Assert.Single(await new DkimSignatureVerifier(resolver).VerifyAsync(Signed(), CancellationToken.None));
            Assert.Equal(DkimVerificationResult.TempError, r.Result);
            Assert.StartsWith("key lookup failed: Timeout", r.Reason);
            Assert.True(r.BodyHashMatches);
            Assert.Contains(r.Findings, f => f.Code == MessageDkimFindingCodes.KeyDnsError);
        }

        [Fact]
        public async Task ServfailIsTempError()
        {
            using var failing = ScriptedDnsServer.Failing(ReturnCode.ServerFailure);
            var resolver = new LiveDnsResolver(new DnsResolverOptions { Servers = new[] { failing.Endpoint }, Timeout = TestTimeouts.Answering, Retries = 0 });
            var r = Assert.Single(await new DkimSignatureVerifier(resolver).VerifyAsync(Signed(), CancellationToken.None));
            Assert.Equal(DkimVerificationResult.TempError, r.Result);
            Assert.Contains("ServerFailure", r.Reason);
        }

        [Fact]
        public async Task ARevokedKeyAndAMalformedKeyArePermErrors()
        {
            var revoked = Assert.Single(await new DkimSignatureVerifier(Keys(("s1", "v=DKIM1; p="))).VerifyAsync(Signed(), CancellationToken.None));
            Assert.Equal((DkimVerificationResult.PermError, "key revoked (empty p=)"), (revoked.Result, revoked.Reason));
            var junk = Assert.Single(await new DkimSignatureVerifier(Keys(("s1", "v=DKIM1; p=!!!notbase64"))).VerifyAsync(Signed(), CancellationToken.None));
            Assert.Equal(DkimVerificationResult.PermError, junk.Result);
            Assert.StartsWith("key record unusable", junk.Reason);
        }

        [Fact]
        public async Task OnlyTheFirstTenSignaturesAreVerifiedAndLookedUp()
        {
            var message = Signed();
            var first = message.Headers[HeaderId.DkimSignature];
            for (var i = 0; i < 200; i++)
                message.Headers.Insert(0, new Header(HeaderId.DkimSignature, first.Replace("s=s1", $"s=x{i}")));
            var counting = new CountingResolver(Keys(("s1", PublicKeyRecord())));
            var results = await new DkimSignatureVerifier(counting).VerifyAsync(message, CancellationToken.None);
            Assert.Equal(201, results.Count);
            Assert.Equal(10, results.Count(r => r.Result != DkimVerificationResult.None));
            Assert.Equal(191, results.Count(r => r.Result == DkimVerificationResult.None));
            Assert.Equal(10, counting.Queries);
        }

        [Fact]
        public async Task OneKeyLookupServesEverySignatureWithTheSameSelector()
        {
            var message = Signed();
            var first = message.Headers[HeaderId.DkimSignature];
            message.Headers.Insert(0, new Header(HeaderId.DkimSignature, first));
            var counting = new CountingResolver(Keys(("s1", PublicKeyRecord())));
            var results = await new DkimSignatureVerifier(counting).VerifyAsync(message, CancellationToken.None);
            Assert.All(results, r => Assert.Equal(DkimVerificationResult.Pass, r.Result));
            Assert.Equal(1, counting.Queries);
        }

        /// <summary>Signature values from the grammar's edges and random mutation: every one gets a result, none throws.</summary>
        [Fact]
        public async Task HostileSignatureFieldsNeverThrow()
        {
            var good = Signed().Headers[HeaderId.DkimSignature];
            var values = new List<string>
            {
                "", ";", "=", "v", "v=", "v=1", "v=1;;", "v=1; a=", "v=1; a=rsa-sha256; d=; s=; h=; bh=; b=",
                good.Replace("h=", "h=:::::"), good.Replace("a=rsa-sha256", "a=RSA-SHA256"), good.Replace("c=relaxed/relaxed", "c=relaxed/relaxed/simple"),
                good.Replace("c=relaxed/relaxed", "c=/"), good + "; l=99999999999999999999999999999", good + "; l=-1", good + "; t=1e9",
                good + "; x=0", good + "; i=@", good + "; i=alice", good.Replace("d=robust.test", "d=..."), good.Replace("d=robust.test", "d=" + new string('a', 300)),
                good.Replace("s=s1", "s=" + new string('b', 70)), good.Replace("s=s1", "s=a b"), good.Replace("bh=", "bh=%%%"), good.Replace("b=", "b=%%"),
                good.Replace("s=s1", "s=s1\u00e9"), "v=1; a=ed25519-sha256; d=robust.test; s=s1; h=from; bh=AAAA; b=AAAA",
                good.Replace("v=1", "v=1; v=1"), good + "; q=dns/txt:other", good + "; q=http",
            };
            var random = new Random(13);
            for (var i = 0; i < 300; i++)
            {
                var chars = good.ToCharArray();
                for (var k = 0; k < 1 + random.Next(6); k++)
                {
                    var pos = random.Next(chars.Length);
                    chars[pos] = "=;:/@.aZ09 \t-+\u0000\u00ff\r\n"[random.Next(18)];
                }
                values.Add(new string(chars));
            }
            var resolver = Keys(("s1", PublicKeyRecord()));
            foreach (var value in values)
            {
                var message = Signed();
                message.Headers.Remove(HeaderId.DkimSignature);
                try { message.Headers.Insert(0, new Header(HeaderId.DkimSignature, value)); }
                catch (ArgumentException) { continue; } // MimeKit refuses the header itself (e.g. a NUL): nothing to verify.
                var results = await new DkimSignatureVerifier(resolver).VerifyAsync(message, CancellationToken.None);
                var r = Assert.Single(results);
                Assert.NotEqual(DkimVerificationResult.None, r.Result);
                if (r.Result != DkimVerificationResult.Pass) Assert.False(string.IsNullOrEmpty(r.Reason), value);
            }
        }

        [Fact]
        public async Task HostileArcFieldsNeverThrow()
        {
            var random = new Random(7);
            var pieces = new[] { "i=1", "i=0", "i=51", "i=99999999999", "i=x", "cv=none", "cv=pass", "cv=fail", "cv=", "a=rsa-sha256", "a=foo", "d=robust.test", "s=s1", "b=AAAA", "bh=AAAA", "h=from", ";", "", "(comment", "mx.test;", "spf=pass" };
            var resolver = Keys(("s1", PublicKeyRecord()));
            for (var i = 0; i < 300; i++)
            {
                var message = Signed();
                foreach (var name in new[] { "ARC-Seal", "ARC-Message-Signature", "ARC-Authentication-Results" })
                    for (var n = random.Next(3); n > 0; n--)
                        message.Headers.Insert(0, new Header(name, string.Join("; ", Enumerable.Range(0, random.Next(7)).Select(_ => pieces[random.Next(pieces.Length)]))));
                var r = await new ArcChainVerifier(resolver).VerifyAsync(message, CancellationToken.None);
                Assert.True(r.Hops.Count <= ArcChainVerifier.MaxHops);
                if (r.Result == ArcChainValidation.Fail) Assert.False(string.IsNullOrEmpty(r.Reason));
            }
        }
    }
}
