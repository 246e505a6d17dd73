namespace EmailAuth.Core.MtaSts
{
    /// <summary>The policy's mode (RFC 8461 §3.2, §5).</summary>
    public enum MtaStsMode
    {
        /// <summary>Senders MUST NOT deliver to an MX that fails the policy.</summary>
        Enforce,
        /// <summary>Senders report failures (TLS-RPT) but deliver anyway.</summary>
        Testing,
        /// <summary>No MTA-STS policy applies (used to withdraw a policy).</summary>
        None,
    }
}
