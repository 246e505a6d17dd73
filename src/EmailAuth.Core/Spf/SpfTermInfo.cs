namespace EmailAuth.Core.Spf
{
    /// <summary>One mechanism or modifier of a published record, for display and scripts.</summary>
    public sealed class SpfTermInfo
    {
        public SpfTermInfo(string text, string qualifier, string mechanism, string? value, int lookups, int position)
        {
            Text = text;
            Qualifier = qualifier;
            Mechanism = mechanism;
            Value = value;
            Lookups = lookups;
            Position = position;
        }

        /// <summary>The term as written, e.g. "~all" or "include:amazonses.com".</summary>
        public string Text { get; }
        /// <summary>"+", "-", "~" or "?" for mechanisms; empty for modifiers.</summary>
        public string Qualifier { get; }
        /// <summary>Mechanism or modifier name in lower case: all, include, a, mx, ptr, ip4, ip6, exists, redirect, exp, or an unknown modifier's name.</summary>
        public string Mechanism { get; }
        /// <summary>The domain-spec, network or modifier value with any CIDR suffix; null when absent.</summary>
        public string? Value { get; }
        /// <summary>DNS-querying terms this term itself costs (§4.6.4): 1 for include, a, mx, ptr, exists, redirect; else 0.</summary>
        public int Lookups { get; }
        /// <summary>0-based character offset of the term in the record.</summary>
        public int Position { get; }

        public override string ToString() => Text;
    }
}
