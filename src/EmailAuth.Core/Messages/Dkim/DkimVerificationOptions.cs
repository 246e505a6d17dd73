using System;

namespace EmailAuth.Core.Messages.Dkim
{
    /// <summary>Bounds and clock for <c>DkimSignatureVerifier</c>.</summary>
    public sealed class DkimVerificationOptions
    {
        /// <summary>DKIM-Signature fields verified per message, top first; the rest are None with a finding (bounded work).</summary>
        public int MaxSignatures { get; set; } = 10;

        /// <summary>The verification time for x= and t=; null: the current time.</summary>
        public DateTimeOffset? Now { get; set; }

        /// <summary>
        /// Verify rsa-sha1 signatures instead of rejecting them (RFC 8301 §3.1 says verifiers MUST NOT accept them): for
        /// diagnosis only, e.g. to tell an old signer's rsa-sha1 signature that would verify from a broken one. A finding stays.
        /// </summary>
        public bool AllowRsaSha1 { get; set; }

        /// <summary>Clock difference allowed between signer and verifier for x= and t= (RFC 6376 §3.5 leaves it to the verifier).</summary>
        public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);
    }
}
