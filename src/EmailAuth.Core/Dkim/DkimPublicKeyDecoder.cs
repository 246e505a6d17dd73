using System;
using System.Collections.Generic;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace EmailAuth.Core.Dkim
{
    /// <summary>
    /// Decodes p= key data with BouncyCastle (no hand-written ASN.1). RSA: a DER SubjectPublicKeyInfo, which is what
    /// signers publish, or a bare RSAPublicKey, which RFC 6376 §3.6.1's text describes (errata 3017) and verifiers
    /// accept too. ed25519: exactly 32 raw bytes (RFC 8463 §4.2).
    /// </summary>
    internal static class DkimPublicKeyDecoder
    {
        public const int Ed25519KeyBytes = 32;

        /// <summary>The RSA modulus size in bits, or 0 with the reason.</summary>
        public static int RsaModulusBits(byte[] der, out string? error)
        {
            error = null;
            try
            {
                var spki = SubjectPublicKeyInfo.GetInstance(Asn1Object.FromByteArray(der));
                // rsaEncryption: read the RSAPublicKey structure directly. PublicKeyFactory would build RsaKeyParameters,
                // whose modulus validation costs about 15 ms per key, which bulk audits (Test-EmailAuth) pay per domain.
                if (spki.Algorithm.Algorithm.Equals(PkcsObjectIdentifiers.RsaEncryption))
                {
                    return CheckedModulusBits(RsaPublicKeyStructure.GetInstance(spki.ParsePublicKey()), out error);
                }
                var key = PublicKeyFactory.CreateKey(spki);
                if (key is RsaKeyParameters rsa) return rsa.Modulus.BitLength;
                error = $"the key is a {key.GetType().Name.Replace("KeyParameters", "")} key, not RSA";
                return 0;
            }
            catch (Exception e) when (IsDecodeFailure(e))
            {
                // Not a SubjectPublicKeyInfo: try the bare PKCS#1 RSAPublicKey.
            }
            try
            {
                return CheckedModulusBits(RsaPublicKeyStructure.GetInstance(Asn1Object.FromByteArray(der)), out error);
            }
            catch (Exception e) when (IsDecodeFailure(e))
            {
                error = "p= is neither an RSA SubjectPublicKeyInfo nor an RSAPublicKey in DER";
                return 0;
            }
        }

        /// <summary>
        /// The cheap checks BouncyCastle's RsaKeyParameters makes (a positive, odd modulus without a small prime factor;
        /// an odd exponent above 1), without its Miller-Rabin compositeness test, which costs some 15 ms per key: a
        /// key that fails these can never verify a signature (RFC 8017 §3.1), so it is reported as a bad key.
        /// </summary>
        private static int CheckedModulusBits(RsaPublicKeyStructure key, out string? error)
        {
            error = null;
            var n = key.Modulus;
            var e = key.PublicExponent;
            if (n.SignValue <= 0) error = "the RSA modulus is not positive";
            else if (!n.TestBit(0)) error = "the RSA modulus is even";
            else if (HasSmallPrimeFactor(n)) error = "the RSA modulus has a small prime factor";
            else if (e.SignValue <= 0 || !e.TestBit(0) || e.Equals(BigInteger.One)) error = "the RSA public exponent is not an odd number above 1";
            return error == null ? n.BitLength : 0;
        }

        // The odd primes below 1000 in groups whose product stays under 2^32, so that the remainder of the modulus by a
        // group's product is computed 32 bits at a time in a ulong (r * 2^32 + word < 2^64); then one machine-word test
        // per prime. BigInteger.Gcd with the product of all of them, BouncyCastle's way, costs about a millisecond per
        // 2048-bit key, which was most of a bulk posture audit's CPU; octet by octet (products under 2^55) this took
        // about 0.1 ms per key, a word at a time about half that.
        private const long MaxGroupProduct = 1L << 32;
        private static readonly (long Product, int[] Primes)[] SmallPrimeGroups = GroupPrimesBelow(1000);

        private const int MaxStackWords = 256;

        private static bool HasSmallPrimeFactor(BigInteger n)
        {
            var bytes = n.ToByteArrayUnsigned(); // big-endian magnitude
            // Big-endian 32-bit words, the first one short when the length is not a multiple of 4.
            // On the stack up to 8,192 bits (every key a verifier accepts, RFC 8301 §3.2): no array per key audited.
            var count = (bytes.Length + 3) / 4;
            Span<uint> words = count <= MaxStackWords ? stackalloc uint[MaxStackWords] : new uint[count];
            words = words.Slice(0, count);
            for (int i = 0, w = 0, first = bytes.Length % 4 == 0 ? 4 : bytes.Length % 4; i < bytes.Length; w++)
            {
                uint word = 0;
                for (var k = w == 0 ? first : 4; k > 0; k--) word = (word << 8) | bytes[i++];
                words[w] = word;
            }
            foreach (var (product, primes) in SmallPrimeGroups)
            {
                var m = (ulong)product;
                ulong r = 0;
                foreach (var word in words) r = ((r << 32) | word) % m;
                foreach (var p in primes)
                    if (r % (ulong)p == 0) return true;
            }
            return false;
        }

        private static (long, int[])[] GroupPrimesBelow(int limit)
        {
            var groups = new List<(long, int[])>();
            var current = new List<int>();
            long product = 1;
            for (var candidate = 3; candidate < limit; candidate += 2)
            {
                var prime = true;
                for (var d = 3; d * d <= candidate && prime; d += 2) prime = candidate % d != 0;
                if (!prime) continue;
                if (product > MaxGroupProduct / candidate)
                {
                    groups.Add((product, current.ToArray()));
                    current.Clear();
                    product = 1;
                }
                product *= candidate;
                current.Add(candidate);
            }
            if (current.Count > 0) groups.Add((product, current.ToArray()));
            return groups.ToArray();
        }

        // BouncyCastle reports malformed DER through several exception types.
        private static bool IsDecodeFailure(Exception e) =>
            e is ArgumentException || e is InvalidOperationException || e is System.IO.IOException ||
            e is FormatException || e is InvalidCastException || e is SecurityUtilityException ||
            e is IndexOutOfRangeException || e is OverflowException || e is NullReferenceException;

        /// <summary>
        /// Decodes base64 as RFC 6376 §3.6.1 allows it in p= (whitespace between characters, §2.4 base64string), or
        /// null with the reason.
        /// </summary>
        public static byte[]? DecodeBase64(string value, out string? error)
        {
            error = null;
            var spaces = 0;
            foreach (var c in value)
            {
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n') { spaces++; continue; }
                if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '='))
                {
                    error = $"p= holds '{c}', which is not a base64 character";
                    return null;
                }
            }
            // Usually nothing to remove (the key parser passes p= without its whitespace): decode the text itself.
            var compact = value;
            if (spaces > 0)
            {
                var builder = new System.Text.StringBuilder(value.Length - spaces);
                foreach (var c in value)
                    if (!(c == ' ' || c == '\t' || c == '\r' || c == '\n')) builder.Append(c);
                compact = builder.ToString();
            }
            try { return Convert.FromBase64String(compact); }
            catch (FormatException) { error = "p= is not valid base64 (length or padding)"; return null; }
        }
    }
}
