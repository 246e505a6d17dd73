namespace EmailAuth.Core.Spf
{
    /// <summary>The kinds of term in a record (RFC 7208 §5 mechanisms, §6 modifiers).</summary>
    internal enum SpfTermType
    {
        All,
        Include,
        A,
        Mx,
        Ptr,
        Ip4,
        Ip6,
        Exists,
        Redirect,
        Exp,
        /// <summary>An unrecognised modifier (name=macro-string): ignored by check_host (§6).</summary>
        UnknownModifier,
    }

    internal static class SpfTermTypeExtensions
    {
        public static bool IsMechanism(this SpfTermType t) => t <= SpfTermType.Exists;

        public static bool IsModifier(this SpfTermType t) => t >= SpfTermType.Redirect;

        /// <summary>Terms counted against the §4.6.4 limit of 10 DNS-querying terms.</summary>
        public static bool QueriesDns(this SpfTermType t) =>
            t == SpfTermType.Include || t == SpfTermType.A || t == SpfTermType.Mx || t == SpfTermType.Ptr ||
            t == SpfTermType.Exists || t == SpfTermType.Redirect;

        public static string Name(this SpfTermType t) => t switch
        {
            SpfTermType.All => "all",
            SpfTermType.Include => "include",
            SpfTermType.A => "a",
            SpfTermType.Mx => "mx",
            SpfTermType.Ptr => "ptr",
            SpfTermType.Ip4 => "ip4",
            SpfTermType.Ip6 => "ip6",
            SpfTermType.Exists => "exists",
            SpfTermType.Redirect => "redirect",
            SpfTermType.Exp => "exp",
            _ => "modifier",
        };
    }
}
