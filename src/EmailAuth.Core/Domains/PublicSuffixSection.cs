namespace EmailAuth.Core.Domains
{
    /// <summary>The part of the Public Suffix List a rule comes from (both apply; PRIVATE holds suffixes companies run, e.g. blogspot.com).</summary>
    public enum PublicSuffixSection
    {
        /// <summary>Outside both sections, or the implicit rule "*".</summary>
        None,
        Icann,
        Private,
    }
}
