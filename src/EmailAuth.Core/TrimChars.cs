namespace EmailAuth.Core
{
    /// <summary>
    /// The character sets Trim/TrimEnd/Split are called with on every audited domain. This library targets
    /// netstandard2.0, where Trim('.') binds to Trim(params char[]): a new array per call unless it is shared.
    /// </summary>
    internal static class TrimChars
    {
        public static readonly char[] Dot = { '.' };
        public static readonly char[] Comma = { ',' };
        /// <summary>Space and tab (WSP), around DMARC and TLS-RPT tags and URIs.</summary>
        public static readonly char[] Blanks = { ' ', '\t' };
        /// <summary>The brackets of an address literal ("[192.0.2.1]").</summary>
        public static readonly char[] Brackets = { '[', ']' };
        public static readonly char[] AngleClose = { '>' };
    }
}
