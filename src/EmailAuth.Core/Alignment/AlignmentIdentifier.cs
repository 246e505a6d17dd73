namespace EmailAuth.Core.Alignment
{
    /// <summary>Which authenticated identifier is compared with the RFC5322.From domain (RFC 7489 §3.1.1, §3.1.2).</summary>
    public enum AlignmentIdentifier
    {
        /// <summary>The RFC5321.MailFrom domain that SPF authenticated.</summary>
        Spf,
        /// <summary>The d= domain of a DKIM signature that verified.</summary>
        Dkim,
    }
}
