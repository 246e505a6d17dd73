namespace EmailAuth.Core.Dmarc
{
    /// <summary>
    /// psd= (RFC 9989): Y, the record is a Public Suffix Operator's; N, the domain is an Organizational Domain
    /// (the tree walk stops there); U (default), neither is said.
    /// </summary>
    public enum DmarcPsd
    {
        U,
        Y,
        N,
    }
}
