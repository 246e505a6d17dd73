namespace EmailAuth.Core.Dmarc
{
    /// <summary>The Domain Owner Assessment Policy of p=, sp= and np= (RFC 7489 §6.3, RFC 9989), weakest first.</summary>
    public enum DmarcPolicy
    {
        None,
        Quarantine,
        Reject,
    }
}
