namespace EmailAuth.Core.Alignment
{
    /// <summary>What the Domain Owner asks a receiver to do with the message (RFC 7489 §6.6.4, RFC 9989).</summary>
    public enum DmarcDisposition
    {
        None,
        Quarantine,
        Reject,
    }
}
