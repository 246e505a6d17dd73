namespace EmailAuth.Core.Spf
{
    /// <summary>One parsed mechanism or modifier of a record.</summary>
    internal sealed class SpfTerm
    {
        public SpfTerm(SpfTermType type, SpfQualifier qualifier, string text, int position)
        {
            Type = type;
            Qualifier = qualifier;
            Text = text;
            Position = position;
        }

        public SpfTermType Type { get; }
        public SpfQualifier Qualifier { get; }
        /// <summary>As written, e.g. "-ip4:192.0.2.0/24".</summary>
        public string Text { get; }
        /// <summary>0-based offset in the record.</summary>
        public int Position { get; }
        /// <summary>The domain-spec (include, a, mx, ptr, exists, redirect, exp); null when omitted (a, mx, ptr: &lt;domain&gt;).</summary>
        public SpfMacroString? DomainSpec { get; set; }
        /// <summary>a/mx ip4-cidr-length (default 32).</summary>
        public int Cidr4 { get; set; } = 32;
        /// <summary>a/mx ip6-cidr-length (default 128).</summary>
        public int Cidr6 { get; set; } = 128;
        /// <summary>ip4/ip6 network.</summary>
        public IpNetwork? Network { get; set; }
        /// <summary>Modifier name in lower case (modifiers only).</summary>
        public string? ModifierName { get; set; }
        /// <summary>Unknown modifier's macro-string.</summary>
        public SpfMacroString? ModifierValue { get; set; }
        /// <summary>Everything after the mechanism name's ':' or the modifier's '=', CIDR included; null when absent.</summary>
        public string? Value { get; set; }
        /// <summary>Mechanism or modifier name in lower case.</summary>
        public string Name => Type == SpfTermType.UnknownModifier ? ModifierName ?? string.Empty : Type.Name();

        public override string ToString() => Text;
    }
}
