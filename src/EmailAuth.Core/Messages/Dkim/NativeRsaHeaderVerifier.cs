using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Security.Cryptography;
using MimeKit;
using MimeKit.Cryptography;
using MimeKit.IO;
using MimeKit.IO.Filters;
using Org.BouncyCastle.Crypto.Parameters;

namespace EmailAuth.Core.Messages.Dkim
{
    /// <summary>
    /// The header-signature step of RFC 6376 §3.7 for RSA with MimeKit's own header canonicalization (its internal
    /// WriteHeaders / GetSignedSignatureHeader / WriteHeaderRelaxed|Simple, bound once by reflection on the pinned
    /// MimeKit 4.18.2) and the platform's RSA (OpenSSL, CNG) instead of BouncyCastle's managed big integers, which are
    /// about ten times slower and were most of a verification's cost. Only canonicalization is borrowed; no crypto is
    /// written here. When the binding is unavailable (another MimeKit), callers fall back to MimeKit's VerifySignature;
    /// the peer tests check that both paths agree on every generated signature.
    /// </summary>
    internal static class NativeRsaHeaderVerifier
    {
        private delegate void WriteHeadersFn(FormatOptions options, MimeMessage message, IList<string> fields, DkimCanonicalizationAlgorithm c, Stream stream);
        private delegate Header SignedHeaderFn(Header header);
        private delegate void WriteHeaderFn(FormatOptions options, Stream stream, Header header, bool isDkimSignature);

        private static readonly WriteHeadersFn? WriteHeaders = Bind<WriteHeadersFn>("WriteHeaders");
        private static readonly SignedHeaderFn? GetSignedSignatureHeader = Bind<SignedHeaderFn>("GetSignedSignatureHeader");
        private static readonly WriteHeaderFn? WriteHeaderRelaxed = Bind<WriteHeaderFn>("WriteHeaderRelaxed");
        private static readonly WriteHeaderFn? WriteHeaderSimple = Bind<WriteHeaderFn>("WriteHeaderSimple");

        public static bool Available => WriteHeaders != null && GetSignedSignatureHeader != null && WriteHeaderRelaxed != null && WriteHeaderSimple != null;

        private static T? Bind<T>(string name) where T : Delegate
        {
            try
            {
                var invoke = typeof(T).GetMethod("Invoke")!;
                var types = Array.ConvertAll(invoke.GetParameters(), p => p.ParameterType);
                var method = typeof(DkimVerifierBase).GetMethod(name, BindingFlags.Static | BindingFlags.NonPublic, null, types, null);
                return method != null && method.ReturnType == invoke.ReturnType ? (T)method.CreateDelegate(typeof(T)) : null;
            }
            catch (Exception e) when (e is ArgumentException || e is MemberAccessException || e is AmbiguousMatchException)
            {
                return null;
            }
        }

        /// <summary>
        /// Whether b= verifies over the h= fields and the signature field without b= (RFC 6376 §3.7), or null when this
        /// path cannot be used (no binding, or not rsa-sha256/rsa-sha1): the caller then uses MimeKit's VerifySignature.
        /// </summary>
        public static bool? Verify(FormatOptions options, MimeMessage message, Header signature, DkimSignatureAlgorithm algorithm,
                                   RsaKeyParameters key, string[] headers, DkimCanonicalizationAlgorithm canonicalization, string b)
        {
            if (!Available) return null;
            HashAlgorithmName hash;
            if (algorithm == DkimSignatureAlgorithm.RsaSha256) hash = HashAlgorithmName.SHA256;
            else if (algorithm == DkimSignatureAlgorithm.RsaSha1) hash = HashAlgorithmName.SHA1;
            else return null;

            // Malformed base64 throws FormatException, as on MimeKit's path: the signature is unprocessable, not failed.
            var signatureBytes = Convert.FromBase64String(b);

            using var hasher = IncrementalHash.CreateHash(hash);
            using (var sink = new HashingStream(hasher))
            using (var filtered = new FilteredStream(sink))
            {
                // The same steps as MimeKit's DkimVerifierBase.VerifySignature, in the same order.
                filtered.Add(new Unix2DosFilter());
                WriteHeaders!(options, message, headers, canonicalization, filtered);
                var unsigned = GetSignedSignatureHeader!(signature);
                if (canonicalization == DkimCanonicalizationAlgorithm.Relaxed) WriteHeaderRelaxed!(options, filtered, unsigned, true);
                else WriteHeaderSimple!(options, filtered, unsigned, true);
                filtered.Flush();
            }
            var digest = hasher.GetHashAndReset();
            var rsa = PlatformKey(key);
            // One RSA object per key is shared (importing costs several times the verification); instances are not
            // documented as thread-safe, so verifications with the same key take turns.
            lock (rsa)
            {
                try { return rsa.VerifyHash(digest, signatureBytes, hash, RSASignaturePadding.Pkcs1); }
                catch (CryptographicException) { return false; } // e.g. a signature longer than the modulus
            }
        }

        private const int MaxCachedKeys = 256;
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<RsaKeyParameters, RSA> PlatformKeys =
            new System.Collections.Concurrent.ConcurrentDictionary<RsaKeyParameters, RSA>();

        // Keyed by the BouncyCastle key object, which DnsDkimPublicKeyLocator caches per p= text (bounded the same way).
        private static RSA PlatformKey(RsaKeyParameters key)
        {
            if (PlatformKeys.TryGetValue(key, out var rsa)) return rsa;
            rsa = RSA.Create();
            rsa.ImportParameters(new RSAParameters { Modulus = key.Modulus.ToByteArrayUnsigned(), Exponent = key.Exponent.ToByteArrayUnsigned() });
            if (PlatformKeys.Count >= MaxCachedKeys) PlatformKeys.Clear(); // dropped objects are left to the GC: another thread may hold one
            return PlatformKeys.GetOrAdd(key, rsa);
        }

        /// <summary>A write-only stream feeding an incremental hash.</summary>
        private sealed class HashingStream : Stream
        {
            private readonly IncrementalHash _hash;
            public HashingStream(IncrementalHash hash) => _hash = hash;
            public override bool CanRead => false;
            public override bool CanSeek => false;
            public override bool CanWrite => true;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
            public override void Flush() { }
            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => _hash.AppendData(buffer, offset, count);
        }
    }
}
