using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Messages.Dkim;
using EmailAuth.Core.Tests.Dkim;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace EmailAuth.Core.Tests.Audit
{
    /// <summary>
    /// MessageDkimFindingCodes: DKIM signatures and ARC sets verified offline. Messages are signed in-process by MimeKit's
    /// DkimSigner or carry hand-made fields; keys come from memory, DNS failure from the fixture's SERVFAIL server.
    /// </summary>
    public static partial class FindingCodeCases
    {
        private const string MsgDomain = "msg.test";
        private static readonly Lazy<AsymmetricCipherKeyPair> MsgKey = new Lazy<AsymmetricCipherKeyPair>(() =>
        {
            using var rsa = RSA.Create(2048);
            return DotNetUtilities.GetRsaKeyPair(rsa.ExportParameters(true));
        });

        // A real Ed25519 point (RFC 8463 §4.2): arbitrary 32 bytes need not decode to one.
        private static readonly Lazy<string> MsgEd25519PublicKey = new Lazy<string>(() =>
        {
            var g = new Org.BouncyCastle.Crypto.Generators.Ed25519KeyPairGenerator();
            g.Init(new Org.BouncyCastle.Crypto.Parameters.Ed25519KeyGenerationParameters(new SecureRandom()));
            return Convert.ToBase64String(((Org.BouncyCastle.Crypto.Parameters.Ed25519PublicKeyParameters)g.GenerateKeyPair().Public).GetEncoded());
        });

        private static string MsgPublicKey() =>
            Convert.ToBase64String(SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(MsgKey.Value.Public).GetDerEncoded());

        private static IDnsResolver MsgKeys() => new RecordSetResolver(new[]
        {
            ("s1", $"v=DKIM1; k=rsa; p={MsgPublicKey()}"), ("testing", $"v=DKIM1; k=rsa; t=y; p={MsgPublicKey()}"),
            ("strict", $"v=DKIM1; k=rsa; t=s; p={MsgPublicKey()}"), ("revoked", "v=DKIM1; p="), ("weak", $"v=DKIM1; p={DkimTestKeys.Spki(512)}"),
            ("junk", "v=DKIM1; p=!!!"), ("edkey", $"v=DKIM1; k=ed25519; p={MsgEd25519PublicKey.Value}"),
            ("twice", $"v=DKIM1; p={MsgPublicKey()}"), ("twice", $"v=DKIM1; p={DkimTestKeys.Spki(2048)}"),
        }.Select(k => new DnsRecord($"{k.Item1}._domainkey.{MsgDomain}", DnsRecordType.TXT, 300, k.Item2)));

        private static MimeMessage MsgUnsigned()
        {
            var m = new MimeMessage();
            m.From.Add(new MailboxAddress("Alice", "alice@" + MsgDomain));
            m.To.Add(new MailboxAddress("Bob", "bob@example.net"));
            m.Subject = "Codes";
            m.MessageId = "codes@" + MsgDomain;
            m.Date = new DateTimeOffset(2026, 11, 30, 6, 0, 0, TimeSpan.Zero);
            m.Body = new TextPart("plain") { Text = "Hello\r\n" };
            return MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.ToString())));
        }

        private static MimeMessage MsgSigned(string selector = "s1", DkimSignatureAlgorithm algorithm = DkimSignatureAlgorithm.RsaSha256)
        {
            var m = MsgUnsigned();
            new DkimSigner(MsgKey.Value.Private, MsgDomain, selector, algorithm)
            {
                HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
                BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            }.Sign(m, new[] { HeaderId.From, HeaderId.To, HeaderId.Subject, HeaderId.Date });
            return MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.ToString())));
        }

        /// <summary>base64 SHA-256 of the relaxed canonical body "Hello\r\n" (RFC 6376 §3.4.4), or of its first <paramref name="length"/> octets.</summary>
        private static string MsgBodyHash(int length = 7) => Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes("Hello\r\n".Substring(0, length))));

        private static MimeMessage MsgWith(string signature, MimeMessage? message = null)
        {
            var m = message ?? MsgUnsigned();
            m.Headers.Insert(0, new Header("DKIM-Signature", signature));
            return m;
        }

        private static string Sig(string tags, string s = "s1") =>
            $"v=1; a=rsa-sha256; c=relaxed/relaxed; d={MsgDomain}; s={s}; h=from:to:subject; {tags}";

        private static FindingCodeCase Dkim(string name, Func<MimeMessage> message, Func<FindingCodeZonesFixture, IDnsResolver>? resolver = null,
                                            DkimVerificationOptions? options = null) =>
            Case("message DKIM: " + name, async f =>
                (await new DkimSignatureVerifier((resolver ?? (_ => MsgKeys()))(f), options).VerifyAsync(message(), CancellationToken.None)).SelectMany(r => r.Findings));

        private static FindingCodeCase Arc(string name, string seal, string ams, string aar, Func<FindingCodeZonesFixture, IDnsResolver>? resolver = null) =>
            Case("message ARC: " + name, async f =>
            {
                var m = MsgUnsigned();
                if (aar.Length > 0) m.Headers.Insert(0, new Header("ARC-Authentication-Results", aar));
                if (ams.Length > 0) m.Headers.Insert(0, new Header("ARC-Message-Signature", ams));
                if (seal.Length > 0) m.Headers.Insert(0, new Header("ARC-Seal", seal));
                return (await new ArcChainVerifier((resolver ?? (_ => MsgKeys()))(f)).VerifyAsync(m, CancellationToken.None)).Findings;
            });

        private static IEnumerable<FindingCodeCase> MessageDkimCases()
        {
            var bh = MsgBodyHash();
            yield return Dkim("tag-list syntax", () => MsgWith("v=1; ;; a=rsa-sha256"));
            yield return Dkim("missing bh=", () => MsgWith($"v=1; a=rsa-sha256; d={MsgDomain}; s=s1; h=from; b=AAAA"));
            yield return Dkim("v=2", () => MsgWith(Sig("bh=AAAA; b=AAAA").Replace("v=1", "v=2")));
            yield return Dkim("a=rsa-md5", () => MsgWith(Sig("bh=AAAA; b=AAAA").Replace("rsa-sha256", "rsa-md5")));
            yield return Dkim("rsa-sha1", () => MsgSigned(algorithm: DkimSignatureAlgorithm.RsaSha1));
            yield return Dkim("c=fancy/relaxed", () => MsgWith(Sig("bh=AAAA; b=AAAA").Replace("c=relaxed/relaxed", "c=fancy/relaxed")));
            yield return Dkim("l=abc", () => MsgWith(Sig("l=abc; bh=AAAA; b=AAAA")));
            yield return Dkim("h= without from", () => MsgWith(Sig("bh=AAAA; b=AAAA").Replace("h=from:to:subject", "h=to:subject")));
            yield return Dkim("a second From added", () =>
            {
                var m = MsgSigned();
                m.Headers.Insert(0, new Header(HeaderId.From, "Mallory <ceo@" + MsgDomain + ">"));
                return m;
            });
            yield return Dkim("i= outside d=", () => MsgWith(Sig("i=@other.test; bh=AAAA; b=AAAA")));
            yield return Dkim("key t=s, i= in a subdomain", () => MsgWith(Sig($"i=@sub.{MsgDomain}; bh={bh}; b=AAAA", "strict")));
            yield return Dkim("x= in the past", () => MsgWith(Sig("x=1000; bh=AAAA; b=AAAA")));
            yield return Dkim("x= before t=", () => MsgWith(Sig("t=2000000000; x=1999999999; bh=AAAA; b=AAAA")));
            yield return Dkim("t= in the future, l=1 of a longer body", () => MsgWith(Sig($"t=9999999999; l=1; bh={MsgBodyHash(1)}; b=AAAA")));
            yield return Dkim("l=8 of the 7-octet body", () => MsgWith(Sig($"l=8; bh={bh}; b=AAAA")));
            yield return Dkim("bh= of another body", () => MsgWith(Sig("bh=AAAA; b=AAAA")));
            yield return Dkim("Subject changed after signing", () =>
            {
                var m = MsgSigned();
                m.Subject = "Changed";
                return m;
            });
            yield return Dkim("b= not base64", () => MsgWith(Sig($"bh={bh}; b=A")));
            yield return Dkim("key lookup SERVFAIL", () => MsgSigned(), f => f.Failing());
            yield return Dkim("no key", () => MsgSigned("nosuch"));
            yield return Dkim("revoked key", () => MsgSigned("revoked"));
            yield return Dkim("512-bit key", () => MsgSigned("weak"));
            yield return Dkim("p= not base64", () => MsgSigned("junk"));
            yield return Dkim("k=ed25519 key, rsa-sha256 signature", () => MsgSigned("edkey"));
            yield return Dkim("key t=y", () => MsgSigned("testing"));
            yield return Dkim("two TXT records at the key name", () => MsgSigned("twice"));
            yield return Dkim("more signatures than MaxSignatures", () => MsgSigned(), options: new DkimVerificationOptions { MaxSignatures = 0 });

            const string aar = "i=1; mx.msg.test; spf=pass smtp.mailfrom=msg.test";
            var ams = $"i=1; a=rsa-sha256; c=relaxed/relaxed; d={MsgDomain}; s=s1; h=from:to; bh=AAAA; b=AAAA";
            string Seal(string cv, int i = 1) => $"i={i}; cv={cv}; a=rsa-sha256; d={MsgDomain}; s=s1; b=AAAA";
            yield return Arc("a seal alone", Seal("none"), "", "");
            yield return Arc("i=51", Seal("none", 51), ams.Replace("i=1", "i=51"), aar.Replace("i=1", "i=51"));
            yield return Arc("cv=pass at i=1", Seal("pass"), ams, aar);
            yield return Arc("cv=fail", Seal("fail"), ams, aar);
            yield return Arc("forged seal and message signature", Seal("none"), ams, aar);
            yield return Arc("key lookup SERVFAIL", Seal("none"), ams, aar, f => f.Failing());
        }
    }
}
