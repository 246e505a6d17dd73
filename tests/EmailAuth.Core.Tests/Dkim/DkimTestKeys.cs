using System;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace EmailAuth.Core.Tests.Dkim
{
    /// <summary>RSA public keys of given sizes, made once per test run (no key material is checked in).</summary>
    public static class DkimTestKeys
    {
        private static readonly ConcurrentDictionary<int, RSA> Keys = new ConcurrentDictionary<int, RSA>();

        private static RSA Key(int bits) => Keys.GetOrAdd(bits, b => RSA.Create(b));

        /// <summary>base64 of the DER SubjectPublicKeyInfo, as signers publish it.</summary>
        public static string Spki(int bits) => Convert.ToBase64String(Key(bits).ExportSubjectPublicKeyInfo());

        /// <summary>base64 of a bare PKCS#1 RSAPublicKey (RFC 6376 §3.6.1's wording; verifiers accept it).</summary>
        public static string Pkcs1(int bits) => Convert.ToBase64String(Key(bits).ExportRSAPublicKey());

        /// <summary>A 32-byte Ed25519 public key (RFC 8463 §4.2: the raw key, base64); any 32 bytes decode.</summary>
        public static string Ed25519(int bytes = 32)
        {
            var b = new byte[bytes];
            for (var i = 0; i < b.Length; i++) b[i] = (byte)(i * 7 + 1);
            return Convert.ToBase64String(b);
        }
    }
}
