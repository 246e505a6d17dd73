using System;
using System.Collections.Generic;
using EmailAuth.Core.Audit;

namespace EmailAuth.Core.Messages.Dkim
{
    /// <summary>One DKIM-Signature of a message and what verifying it gave (RFC 6376 §6.1).</summary>
    public sealed class DkimSignatureResult
    {
        /// <summary>0 for the topmost DKIM-Signature field, then 1, 2, … in header order.</summary>
        public int SignatureIndex { get; set; }
        /// <summary>d=: the signing domain (SDID, RFC 6376 §3.5), lower-case; null when missing.</summary>
        public string? Domain { get; set; }
        /// <summary>s=: the selector.</summary>
        public string? Selector { get; set; }
        /// <summary>a=: rsa-sha256, ed25519-sha256 (RFC 8463) or rsa-sha1, as written (lower-case).</summary>
        public string? Algorithm { get; set; }
        /// <summary>Header canonicalization from c= (simple when absent, RFC 6376 §3.5).</summary>
        public string? HeaderCanonicalization { get; set; }
        /// <summary>Body canonicalization from c= (simple when absent).</summary>
        public string? BodyCanonicalization { get; set; }
        /// <summary>h=: the signed header field names, lower-case, in h= order (repeats kept).</summary>
        public string[] SignedHeaders { get; set; } = Array.Empty<string>();
        /// <summary>i=: the agent or user identifier (AUID); null when absent (then "@" + d=, RFC 6376 §3.5).</summary>
        public string? Identity { get; set; }
        /// <summary>l=: the body length signed; null when the whole body is signed.</summary>
        public long? BodyLength { get; set; }
        /// <summary>t=: signature time (UTC); null when absent.</summary>
        public DateTimeOffset? Timestamp { get; set; }
        /// <summary>x=: expiration time (UTC); null when absent.</summary>
        public DateTimeOffset? Expiration { get; set; }
        /// <summary>Whether the body hash bh= matches the body; null when it was not computed (unprocessable signature).</summary>
        public bool? BodyHashMatches { get; set; }
        /// <summary>Key size: RSA modulus bits, 256 for ed25519; null when no key was found.</summary>
        public int? KeyBits { get; set; }
        /// <summary>The key record text found at &lt;s&gt;._domainkey.&lt;d&gt;; null when none.</summary>
        public string? KeyRecord { get; set; }
        public DkimVerificationResult Result { get; set; }
        /// <summary>Why, in plain words ("body hash did not verify", "key revoked", …); null on pass.</summary>
        public string? Reason { get; set; }
        /// <summary>Findings with stable <see cref="MessageDkimFindingCodes"/>.</summary>
        public IReadOnlyList<Finding> Findings { get; set; } = Array.Empty<Finding>();

        public override string ToString() =>
            $"d={Domain} s={Selector} a={Algorithm}: {Result}" + (Reason != null ? $" ({Reason})" : "");
    }
}
