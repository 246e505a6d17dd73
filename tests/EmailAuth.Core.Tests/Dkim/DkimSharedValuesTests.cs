using System;
using System.Linq;
using EmailAuth.Core.Dkim;
using EmailAuth.Core.Mx;
using EmailAuth.Core.MtaSts;
using EmailAuth.Core.Spf;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Xunit;

namespace EmailAuth.Core.Tests.Dkim
{
    /// <summary>
    /// What a bulk audit no longer allocates per domain: one-letter tag names and empty lists are shared; the
    /// small-prime check reads a modulus of any size (on the stack up to 8,192 bits, in an array above).
    /// </summary>
    public class DkimSharedValuesTests
    {
        [Fact]
        public void One_letter_tag_names_are_shared_between_key_records()
        {
            // Fails where each name is cut out of its record (three new strings per key audited).
            var a = DkimTagList.Parse("v=DKIM1; k=rsa; p=abc", out _)!;
            var b = DkimTagList.Parse(" v = DKIM1 ;K=x; k=ed25519;p=", out _)!;
            Assert.Same(a.Tags[0].Key, b.Tags[0].Key);
            Assert.Same(a.Tags[1].Key, b.Tags[2].Key);
            Assert.Same(a.Tags[2].Key, b.Tags[3].Key);
            Assert.Equal(new[] { "v", "K", "k", "p" }, b.Tags.Select(t => t.Key)); // case kept: names are case-sensitive
            Assert.Equal("x", b["K"]);
            Assert.Equal("ed25519", b["k"]);
            Assert.Equal(new[] { "x_1", "ab" }, DkimTagList.Parse("x_1=y; ab=2", out _)!.Tags.Select(t => t.Key));
        }

        [Fact]
        public void Results_start_with_the_shared_empty_lists()
        {
            // Fails with a new empty array per property of every result made.
            var key = new DkimKeyInfo();
            Assert.Same(Array.Empty<string>(), key.CnameChain);
            Assert.Same(Array.Empty<string>(), key.Flags);
            Assert.Same(Array.Empty<string>(), key.HashAlgorithms);
            Assert.Same(Array.Empty<string>(), key.ServiceTypes);
            var spf = new SpfRecordInfo();
            Assert.Same(Array.Empty<string>(), spf.Ip4);
            Assert.Same(Array.Empty<SpfRecordInfo>(), spf.Includes);
            var sts = new MtaStsPolicyInfo();
            Assert.Same(Array.Empty<string>(), sts.MxHosts);
            Assert.Same(Array.Empty<string>(), sts.TxtCnameChain);
            Assert.Same(Array.Empty<string>(), new MxHost().Addresses);
        }

        private static byte[] RsaKey(BigInteger modulus) =>
            new SubjectPublicKeyInfo(new AlgorithmIdentifier(PkcsObjectIdentifiers.RsaEncryption, DerNull.Instance),
                new RsaPublicKeyStructure(modulus, BigInteger.ValueOf(65537))).GetDerEncoded();

        [Theory]
        [InlineData(205)] // about 2,046 bits: the words on the stack
        [InlineData(900)] // about 8,982 bits: more words than the stack buffer holds
        public void A_modulus_without_small_factors_is_accepted_at_any_size(int power)
        {
            // 1009 is the first prime above the 1,000 the check tries: its powers have no small prime factor (RFC 8017 §3.1).
            var n = BigInteger.ValueOf(1009).Pow(power);
            Assert.Equal(n.BitLength, DkimPublicKeyDecoder.RsaModulusBits(RsaKey(n), out var error));
            Assert.Null(error);
        }

        [Theory]
        [InlineData(204, 997)]
        [InlineData(899, 997)]
        [InlineData(899, 3)]
        public void A_small_prime_factor_is_found_at_any_size(int power, int prime)
        {
            var n = BigInteger.ValueOf(1009).Pow(power).Multiply(BigInteger.ValueOf(prime));
            Assert.Equal(0, DkimPublicKeyDecoder.RsaModulusBits(RsaKey(n), out var error));
            Assert.Equal("the RSA modulus has a small prime factor", error);
        }
    }
}
