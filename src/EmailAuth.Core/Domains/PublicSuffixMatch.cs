namespace EmailAuth.Core.Domains
{
    /// <summary>The outcome of the Public Suffix List algorithm for one name (all names lower-case A-labels).</summary>
    public sealed class PublicSuffixMatch
    {
        public PublicSuffixMatch(string domain, string publicSuffix, string? registrableDomain, string rule, PublicSuffixSection section)
        {
            Domain = domain;
            PublicSuffix = publicSuffix;
            RegistrableDomain = registrableDomain;
            Rule = rule;
            Section = section;
        }

        public string Domain { get; }
        public string PublicSuffix { get; }
        /// <summary>Public suffix plus one label; null when the name is a public suffix itself.</summary>
        public string? RegistrableDomain { get; }
        /// <summary>The prevailing rule as the list writes it in A-labels ("*.ck", "!www.ck"), or "*" for the implicit rule.</summary>
        public string Rule { get; }
        public PublicSuffixSection Section { get; }
    }
}
