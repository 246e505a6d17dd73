using System.Linq;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Dkim;
using Xunit;

namespace EmailAuth.Core.Tests.Dkim
{
    /// <summary>Key records: RFC 6376 §3.6.1, RFC 8463 (ed25519), RFC 8301 (key sizes).</summary>
    public class DkimKeyParserTests
    {
        private static DkimKeyInfo Parse(string text) => new DkimKeyInspector(null).InspectText(text, "example.com", "s1");

        private static string[] Codes(DkimKeyInfo info) => info.Findings.Select(f => f.Code).ToArray();

        [Fact]
        public void Reads_a_2048_bit_rsa_key_with_a_crypto_library()
        {
            var info = Parse("v=DKIM1; k=rsa; p=" + DkimTestKeys.Spki(2048));
            Assert.Equal("rsa", info.KeyType);
            Assert.Equal(2048, info.KeyBits);
            Assert.True(info.IsValid);
            Assert.Empty(info.Findings);
            Assert.Equal("s1._domainkey.example.com", info.Name);
        }

        /// <summary>
        /// Keys that can never verify a signature (RFC 8017 §3.1: n is a product of two large odd primes, e odd and
        /// above 1), in both encodings: the cheap checks BouncyCastle's RsaKeyParameters makes, kept when the
        /// decoder stopped paying for its Miller-Rabin test.
        /// </summary>
        [Theory]
        [InlineData("even", "the RSA modulus is even")]
        [InlineData("times3", "small prime factor")]
        [InlineData("times509", "small prime factor")]
        [InlineData("times997", "small prime factor")]
        [InlineData("e-even", "public exponent")]
        [InlineData("e-one", "public exponent")]
        public void Refuses_an_rsa_key_that_cannot_verify(string flaw, string reason)
        {
            var good = System.Security.Cryptography.RSA.Create(1024).ExportParameters(false);
            var n = new Org.BouncyCastle.Math.BigInteger(1, good.Modulus);
            var e = new Org.BouncyCastle.Math.BigInteger(1, good.Exponent);
            switch (flaw)
            {
                case "even": n = n.Add(Org.BouncyCastle.Math.BigInteger.One); break;
                case "times3": n = n.Multiply(Org.BouncyCastle.Math.BigInteger.Three); break;
                case "times509": n = n.Multiply(Org.BouncyCastle.Math.BigInteger.ValueOf(509)); break; // a group in the middle
                case "times997": n = n.Multiply(Org.BouncyCastle.Math.BigInteger.ValueOf(997)); break; // the last prime below 1000
                case "e-even": e = Org.BouncyCastle.Math.BigInteger.ValueOf(65536); break;
                case "e-one": e = Org.BouncyCastle.Math.BigInteger.One; break;
            }
            var pkcs1 = new Org.BouncyCastle.Asn1.X509.RsaPublicKeyStructure(n, e);
            var spki = new Org.BouncyCastle.Asn1.X509.SubjectPublicKeyInfo(
                new Org.BouncyCastle.Asn1.X509.AlgorithmIdentifier(Org.BouncyCastle.Asn1.Pkcs.PkcsObjectIdentifiers.RsaEncryption, Org.BouncyCastle.Asn1.DerNull.Instance), pkcs1);
            foreach (var der in new[] { spki.GetEncoded(), pkcs1.GetEncoded() })
            {
                var info = Parse("v=DKIM1; k=rsa; p=" + System.Convert.ToBase64String(der));
                Assert.False(info.IsValid);
                var finding = Assert.Single(info.Findings, f => f.Code == DkimFindingCodes.KeyInvalid);
                Assert.Contains(reason, finding.Message);
            }
        }

        [Fact]
        public void Defaults_to_rsa_and_accepts_a_bare_RSAPublicKey()
        {
            var info = Parse("p=" + DkimTestKeys.Pkcs1(2048)); // v= and k= are optional
            Assert.Equal("rsa", info.KeyType);
            Assert.Equal(2048, info.KeyBits);
            Assert.True(info.IsValid);
            Assert.Null(info.Version);
        }

        [Fact]
        public void Allows_whitespace_inside_the_base64_key()
        {
            var p = DkimTestKeys.Spki(2048);
            var info = Parse("v=DKIM1; p=" + p.Substring(0, 100) + " \t " + p.Substring(100));
            Assert.Equal(2048, info.KeyBits);
            Assert.Equal(p, info.PublicKey);
        }

        [Theory]
        [InlineData(512, DkimFindingCodes.KeyTooShort, FindingSeverity.Critical, false)]
        [InlineData(768, DkimFindingCodes.KeyTooShort, FindingSeverity.Critical, false)]
        [InlineData(1024, DkimFindingCodes.KeyUnder2048, FindingSeverity.Warning, true)]
        [InlineData(1536, DkimFindingCodes.KeyUnder2048, FindingSeverity.Warning, true)]
        [InlineData(4104, DkimFindingCodes.KeyOver4096, FindingSeverity.Warning, true)]
        public void Judges_rsa_key_sizes_by_RFC_8301(int bits, string code, FindingSeverity severity, bool valid)
        {
            var info = Parse("v=DKIM1; k=rsa; p=" + DkimTestKeys.Spki(bits));
            Assert.Equal(bits, info.KeyBits);
            var f = Assert.Single(info.Findings);
            Assert.Equal(code, f.Code);
            Assert.Equal(severity, f.Severity);
            Assert.Equal(valid, info.IsValid);
        }

        [Fact]
        public void Accepts_4096_bits_without_a_finding()
        {
            var info = Parse("p=" + DkimTestKeys.Spki(4096));
            Assert.Equal(4096, info.KeyBits);
            Assert.Empty(info.Findings);
        }

        [Fact]
        public void Reads_an_ed25519_key_of_32_bytes()
        {
            var info = Parse("v=DKIM1; k=ed25519; p=" + DkimTestKeys.Ed25519());
            Assert.Equal("ed25519", info.KeyType);
            Assert.Equal(256, info.KeyBits);
            Assert.True(info.IsValid);
            Assert.Equal(new[] { DkimFindingCodes.Ed25519Only }, Codes(info));
        }

        [Theory]
        [InlineData(31)]
        [InlineData(33)]
        [InlineData(44)] // an RSA-looking length is still not an ed25519 key
        public void Rejects_an_ed25519_key_that_is_not_32_bytes(int bytes)
        {
            var info = Parse("k=ed25519; p=" + DkimTestKeys.Ed25519(bytes));
            Assert.False(info.IsValid);
            Assert.Equal(new[] { DkimFindingCodes.KeyInvalid }, Codes(info));
            Assert.Contains($"holds {bytes}", info.Findings[0].Message);
        }

        [Fact]
        public void Rejects_an_ed25519_key_published_as_rsa()
        {
            var info = Parse("v=DKIM1; p=" + DkimTestKeys.Ed25519());
            Assert.Equal(new[] { DkimFindingCodes.KeyInvalid }, Codes(info));
        }

        [Theory]
        [InlineData("p=MIIB*IjAN", "not a base64 character")]
        [InlineData("p=MIIBIjA", "length or padding")]
        [InlineData("p=AAAAAAAA", "neither an RSA SubjectPublicKeyInfo nor an RSAPublicKey")]
        public void Rejects_bad_base64_or_key_data(string record, string why)
        {
            var info = Parse(record);
            Assert.False(info.IsValid);
            Assert.Equal(new[] { DkimFindingCodes.KeyInvalid }, Codes(info));
            Assert.Contains(why, info.Findings[0].Message);
        }

        [Fact]
        public void Rejects_an_EC_key_under_k_rsa()
        {
            using var ec = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
            var info = Parse("p=" + System.Convert.ToBase64String(ec.ExportSubjectPublicKeyInfo()));
            Assert.Equal(new[] { DkimFindingCodes.KeyInvalid }, Codes(info));
            Assert.Contains("not RSA", info.Findings[0].Message);
        }

        [Theory]
        [InlineData("v=DKIM1; p=")]
        [InlineData("v=DKIM1; p= ;")]
        [InlineData("v=DKIM1; k=ed25519; p=")]
        public void Reports_an_empty_p_as_revoked(string record)
        {
            var info = Parse(record);
            Assert.True(info.Revoked);
            Assert.False(info.IsValid);
            Assert.Equal(new[] { DkimFindingCodes.KeyRevoked }, Codes(info));
            Assert.Equal(0, info.KeyBits);
        }

        [Fact]
        public void Requires_p()
        {
            Assert.Equal(new[] { DkimFindingCodes.NoPublicKey }, Codes(Parse("v=DKIM1; k=rsa")));
        }

        [Theory]
        [InlineData("v=DKIM2; p=")]
        [InlineData("v=dkim1; p=")]   // the value is case-sensitive
        [InlineData("k=rsa; v=DKIM1; p=")] // v= MUST be the first tag
        public void Discards_a_wrong_or_misplaced_version(string record)
        {
            var info = Parse(record);
            Assert.Equal(new[] { DkimFindingCodes.VersionInvalid }, Codes(info));
            Assert.False(info.IsValid);
        }

        [Theory]
        [InlineData("k=dsa")]
        [InlineData("k=RSA")] // key type names are case-sensitive tokens
        public void Rejects_unknown_key_types(string tag)
        {
            var info = Parse(tag + "; p=" + DkimTestKeys.Spki(2048));
            Assert.Equal(new[] { DkimFindingCodes.KeyTypeUnknown }, Codes(info));
            Assert.Equal(0, info.KeyBits);
        }

        [Fact]
        public void Reads_t_flags_and_ignores_unknown_ones()
        {
            var info = Parse("t=y:s:z; p=" + DkimTestKeys.Spki(2048));
            Assert.Equal(new[] { "y", "s", "z" }, info.Flags);
            Assert.True(info.Testing);
            Assert.True(info.NoSubdomains);
            Assert.True(info.IsValid); // testing is a warning, the key works
            Assert.Equal(new[] { DkimFindingCodes.Testing }, Codes(info));
        }

        [Fact]
        public void Strict_subdomain_flag_alone_is_no_finding()
        {
            var info = Parse("t=s; p=" + DkimTestKeys.Spki(2048));
            Assert.False(info.Testing);
            Assert.True(info.NoSubdomains);
            Assert.Empty(info.Findings);
        }

        [Theory]
        [InlineData("h=sha1", false)]
        [InlineData("h=sha1:sha256", true)]
        [InlineData("h=sha256:foo", true)] // unknown hashes are ignored
        [InlineData("h=foo", false)]
        public void Needs_sha256_in_h(string tag, bool valid)
        {
            var info = Parse(tag + "; p=" + DkimTestKeys.Spki(2048));
            Assert.Equal(valid, info.IsValid);
            Assert.Equal(valid ? new string[0] : new[] { DkimFindingCodes.NoSha256 }, Codes(info));
        }

        [Theory]
        [InlineData("s=email", true)]
        [InlineData("s=*", true)]
        [InlineData("s=email:tlsrpt", true)]
        [InlineData("s=tlsrpt", false)]
        [InlineData("s=other", false)]
        public void Needs_email_or_star_in_s(string tag, bool valid)
        {
            var info = Parse(tag + "; p=" + DkimTestKeys.Spki(2048));
            Assert.Equal(valid, info.IsValid);
            Assert.Equal(valid ? new string[0] : new[] { DkimFindingCodes.ServiceNotEmail }, Codes(info));
        }

        [Fact]
        public void Ignores_unknown_tags_and_keeps_notes()
        {
            var info = Parse("v=DKIM1; x=whatever; n=rotated=2024; p=" + DkimTestKeys.Spki(2048));
            Assert.True(info.IsValid);
            Assert.Equal("rotated=2024", info.Notes);
        }

        [Theory]
        [InlineData("v=DKIM1; p=abc; p=def")]
        [InlineData("v=DKIM1;; p=")]
        [InlineData("not a key record")]
        public void Reports_tag_list_syntax_errors(string record)
        {
            var info = Parse(record);
            Assert.Equal(new[] { DkimFindingCodes.SyntaxError }, Codes(info));
            Assert.False(info.IsValid);
        }
    }
}
