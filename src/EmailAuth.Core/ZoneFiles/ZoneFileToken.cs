namespace EmailAuth.Core.ZoneFiles
{
    /// <summary>
    /// One token of a master-file entry. <see cref="Text"/> keeps backslash escapes as written (they are
    /// decoded by the name or character-string reader); each char is one octet of the file (0-255).
    /// </summary>
    internal sealed class ZoneFileToken
    {
        public ZoneFileToken(string text, bool quoted, int line)
        {
            Text = text;
            Quoted = quoted;
            Line = line;
        }

        public string Text { get; }
        public bool Quoted { get; }
        public int Line { get; }
    }
}
