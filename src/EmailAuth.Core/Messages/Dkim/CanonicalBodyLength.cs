using System;
using System.Reflection;
using MimeKit;
using MimeKit.Cryptography;

namespace EmailAuth.Core.Messages.Dkim
{
    /// <summary>
    /// Whether a message's canonicalized body (RFC 6376 §3.4.3, §3.4.4) is shorter than an l= value, measured with MimeKit's
    /// own body canonicalization: its internal MimeMessage.HashBody (the method VerifyBodyHash uses), bound once by
    /// reflection on the pinned MimeKit 4.18.2. No MIME is parsed and no canonicalization is written here.
    /// </summary>
    internal static class CanonicalBodyLength
    {
        private delegate byte[] HashBodyFn(MimeMessage message, FormatOptions options, DkimSignatureAlgorithm algorithm,
                                           DkimCanonicalizationAlgorithm canonicalization, int maxLength);

        private static readonly HashBodyFn? HashBody = Bind();

        public static bool Available => HashBody != null;

        private static HashBodyFn? Bind()
        {
            try
            {
                var types = new[] { typeof(FormatOptions), typeof(DkimSignatureAlgorithm), typeof(DkimCanonicalizationAlgorithm), typeof(int) };
                var method = typeof(MimeMessage).GetMethod("HashBody", BindingFlags.Instance | BindingFlags.NonPublic, null, types, null);
                return method != null && method.ReturnType == typeof(byte[]) ? (HashBodyFn)method.CreateDelegate(typeof(HashBodyFn)) : null;
            }
            catch (Exception e) when (e is ArgumentException || e is MemberAccessException || e is AmbiguousMatchException)
            {
                return null;
            }
        }

        /// <summary>
        /// True when the canonicalized body has fewer than <paramref name="length"/> octets; null when MimeKit's method could
        /// not be bound (the caller then falls back to comparing with bh=).
        /// </summary>
        /// <remarks>
        /// The digest of the first n octets covers min(n, body) octets, so the digests of the first <paramref name="length"/>
        /// and <paramref name="length"/> − 1 octets are equal exactly when the body ends before octet <paramref name="length"/>.
        /// </remarks>
        public static bool? IsShorterThan(FormatOptions options, MimeMessage message, DkimSignatureAlgorithm algorithm,
                                          DkimCanonicalizationAlgorithm canonicalization, int length)
        {
            if (HashBody == null) return null;
            if (length <= 0) return false; // no body is shorter than 0 octets; and -1 means "all" to MimeKit
            var upTo = HashBody(message, options, algorithm, canonicalization, length);
            var upToPrevious = HashBody(message, options, algorithm, canonicalization, length - 1);
            return upTo.AsSpan().SequenceEqual(upToPrevious);
        }
    }
}
