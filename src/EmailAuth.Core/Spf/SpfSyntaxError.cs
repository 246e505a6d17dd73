namespace EmailAuth.Core.Spf
{
    /// <summary>Why a record does not follow the RFC 7208 §12 ABNF: a permerror for check_host (§4.6).</summary>
    internal sealed class SpfSyntaxError
    {
        public SpfSyntaxError(string message, int position, string offendingText)
        {
            Message = message;
            Position = position;
            OffendingText = offendingText;
        }

        /// <summary>What is wrong, e.g. "unknown mechanism".</summary>
        public string Message { get; }
        /// <summary>0-based character offset in the record of the offending term.</summary>
        public int Position { get; }
        /// <summary>The offending term as written.</summary>
        public string OffendingText { get; }

        /// <summary>E.g. "permerror: unknown mechanism 'inlcude:x.com' at position 7".</summary>
        public override string ToString() => $"permerror: {Message} '{OffendingText}' at position {Position}";
    }
}
