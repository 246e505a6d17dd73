namespace EmailAuth.Core.ZoneFiles
{
    /// <summary>Bounds that keep the master-file reader safe on any input (hostile or truncated files).</summary>
    internal static class ZoneFileLimits
    {
        /// <summary>Largest file, and largest total of all files read through one top-level file's $INCLUDEs.</summary>
        public const long MaxTotalBytes = 64L * 1024 * 1024;

        /// <summary>Longest physical line.</summary>
        public const int MaxLineLength = 256 * 1024;

        /// <summary>Deepest $INCLUDE nesting.</summary>
        public const int MaxIncludeDepth = 8;

        /// <summary>Deepest parenthesis nesting (BIND accepts nested groups; RFC 1035 §5.1 does not forbid them).</summary>
        public const int MaxParenDepth = 8;

        /// <summary>RFC 1035 §3.3: a character-string is one length octet and at most 255 octets.</summary>
        public const int MaxCharacterString = 255;

        /// <summary>RFC 1035 §3.2.1: RDLENGTH is 16 bits.</summary>
        public const int MaxRdata = 65535;

        /// <summary>RFC 1035 §2.3.4.</summary>
        public const int MaxLabel = 63;

        /// <summary>RFC 1035 §2.3.4, in wire octets.</summary>
        public const int MaxName = 255;
    }
}
