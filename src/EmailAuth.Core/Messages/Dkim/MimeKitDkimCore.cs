using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;

namespace EmailAuth.Core.Messages.Dkim
{
    /// <summary>
    /// MimeKit's DKIM canonicalization and signature checks (RFC 6376 §3.4, §3.7) as two separate steps, so that a body
    /// hash mismatch and a header signature mismatch are told apart; MimeKit's DkimVerifier only answers true/false.
    /// </summary>
    internal sealed class MimeKitDkimCore : DkimVerifierBase
    {
        public MimeKitDkimCore(IDkimPublicKeyLocator locator) : base(locator)
        {
            Enable(DkimSignatureAlgorithm.RsaSha256);
            Enable(DkimSignatureAlgorithm.Ed25519Sha256);
            // rsa-sha1 is rejected before this point (RFC 8301 §3.1); key sizes are checked by DkimKeyParser (RFC 8301 §3.2).
            MinimumRsaKeyLength = 1024;
        }

        /// <summary>RFC 6376 §3.7 step 1: the canonicalized body (first <paramref name="maxLength"/> octets, -1 for all) hashes to bh=.</summary>
        public bool BodyHashMatches(FormatOptions options, MimeMessage message, DkimSignatureAlgorithm algorithm,
                                    DkimCanonicalizationAlgorithm body, int maxLength, string bodyHash) =>
            VerifyBodyHash(options, message, algorithm, body, maxLength, bodyHash);

        /// <summary>
        /// RFC 6376 §3.5 l=: whether the canonicalized body is shorter than <paramref name="length"/> octets (l= "MUST NOT be
        /// larger than the actual number of octets in the canonicalized message body").
        /// </summary>
        /// <remarks>
        /// Measured with MimeKit's canonicalization (<see cref="CanonicalBodyLength"/>). Without that binding, or with
        /// <see cref="MeasureBodyLength"/> off, only what bh= shows is known: bh= matching both the first
        /// <paramref name="length"/> octets and one octet fewer means the body ends before l=; a body cut after signing
        /// then shows only as a body hash mismatch.
        /// </remarks>
        public bool BodyShorterThan(FormatOptions options, MimeMessage message, DkimSignatureAlgorithm algorithm,
                                    DkimCanonicalizationAlgorithm body, int length, string bodyHash)
        {
            if (MeasureBodyLength && CanonicalBodyLength.IsShorterThan(options, message, algorithm, body, length) is bool measured)
                return measured;
            return length > 0 && VerifyBodyHash(options, message, algorithm, body, length, bodyHash) &&
                   VerifyBodyHash(options, message, algorithm, body, length - 1, bodyHash);
        }

        /// <summary>False: <see cref="BodyShorterThan"/> only compares with bh= (the tests check both ways).</summary>
        public bool MeasureBodyLength { get; set; } = true;

        /// <summary>RFC 6376 §3.7 step 2: the h= fields and the signature field without b= verify against b= with the key.</summary>
        /// <remarks>RSA goes through <see cref="NativeRsaHeaderVerifier"/> (MimeKit's canonicalization, the platform's RSA); Ed25519 and the fallback through MimeKit.</remarks>
        public bool HeaderSignatureMatches(FormatOptions options, MimeMessage message, Header signature, DkimSignatureAlgorithm algorithm,
                                           AsymmetricKeyParameter key, string[] headers, DkimCanonicalizationAlgorithm canonicalization, string b)
        {
            if (UseNativeRsa && key is RsaKeyParameters rsa &&
                NativeRsaHeaderVerifier.Verify(options, message, signature, algorithm, rsa, headers, canonicalization, b) is bool native)
                return native;
            return VerifySignature(options, message, signature, algorithm, key, headers, canonicalization, b);
        }

        /// <summary>False: always MimeKit's VerifySignature (the tests compare both paths).</summary>
        public bool UseNativeRsa { get; set; } = true;
    }
}
