namespace EmailAuth.Core.Dmarc
{
    /// <summary>One tag=value pair of a DMARC record as written (RFC 7489 §6.3), with its place in the record.</summary>
    public sealed class DmarcTag
    {
        public DmarcTag(int position, string name, string value, bool isKnown)
        {
            Position = position;
            Name = name;
            Value = value;
            IsKnown = isKnown;
        }

        /// <summary>1 for v=, 2 for the tag after it, and so on.</summary>
        public int Position { get; }
        public string Name { get; }
        public string Value { get; }
        /// <summary>A tag of RFC 7489 or RFC 9989; unknown tags are ignored by receivers.</summary>
        public bool IsKnown { get; }

        public override string ToString() => Name + "=" + Value;
    }
}
