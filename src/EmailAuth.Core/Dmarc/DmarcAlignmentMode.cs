namespace EmailAuth.Core.Dmarc
{
    /// <summary>adkim= and aspf= (RFC 7489 §3.1): relaxed compares Organizational Domains, strict the exact names.</summary>
    public enum DmarcAlignmentMode
    {
        Relaxed,
        Strict,
    }
}
