using System.Collections.Generic;

namespace EmailAuth.Core.ZoneFiles
{
    /// <summary>
    /// One logical entry (RFC 1035 §5.1): a line, extended across newlines by parentheses.
    /// <see cref="BlankOwner"/> is true when the line starts with white space (the owner is the previous one).
    /// </summary>
    internal sealed class ZoneFileEntry
    {
        public ZoneFileEntry(int line, bool blankOwner, IReadOnlyList<ZoneFileToken> tokens)
        {
            Line = line;
            BlankOwner = blankOwner;
            Tokens = tokens;
        }

        public int Line { get; }
        public bool BlankOwner { get; }
        public IReadOnlyList<ZoneFileToken> Tokens { get; }
    }
}
