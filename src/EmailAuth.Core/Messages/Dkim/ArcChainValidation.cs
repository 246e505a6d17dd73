namespace EmailAuth.Core.Messages.Dkim
{
    /// <summary>The ARC chain validation status (RFC 8617 §4.4 cv= values, as a receiver computes it, §5.2).</summary>
    public enum ArcChainValidation
    {
        /// <summary>No ARC sets in the message.</summary>
        None,
        /// <summary>Every seal verified, the newest ARC-Message-Signature verified and the cv= values are right.</summary>
        Pass,
        /// <summary>The chain is broken: structure, cv=, a seal or the newest ARC-Message-Signature failed (see Reason).</summary>
        Fail,
    }
}
