using System.Collections.Generic;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Dkim;
using Org.BouncyCastle.Crypto;

namespace EmailAuth.Core.Messages.Dkim
{
    /// <summary>What the key lookup for one (d=, s=) gave: a usable key, or the result and reason to report instead.</summary>
    internal sealed class DkimKeyLookup
    {
        public DkimKeyLookup(DkimKeyInfo info, AsymmetricKeyParameter? key, DkimVerificationResult failure, string? reason, List<Finding> findings)
        {
            Info = info;
            Key = key;
            Failure = failure;
            Reason = reason;
            Findings = findings;
        }

        public DkimKeyInfo Info { get; }
        /// <summary>The public key (RSA or Ed25519), or null when the lookup failed.</summary>
        public AsymmetricKeyParameter? Key { get; }
        /// <summary>TempError or PermError when <see cref="Key"/> is null.</summary>
        public DkimVerificationResult Failure { get; }
        public string? Reason { get; }
        /// <summary>Findings with <see cref="MessageDkimFindingCodes"/> about the key (the caller adds them to the signature's).</summary>
        public List<Finding> Findings { get; }
    }
}
