namespace EmailAuth.Core.Domains
{
    /// <summary>How the Organizational Domain is found.</summary>
    public enum OrganizationalDomainMethod
    {
        /// <summary>RFC 9989: walk up the _dmarc records of the name (at most 8 queries), guided by psd=.</summary>
        TreeWalk,
        /// <summary>RFC 7489 §3.2: the registrable domain by the Public Suffix List; no DNS.</summary>
        PublicSuffixList,
    }
}
