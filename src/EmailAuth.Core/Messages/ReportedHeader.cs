using EmailAuth.Core.Messages.AuthenticationResults;

namespace EmailAuth.Core.Messages
{
    /// <summary>One parsed Authentication-Results or ARC-Authentication-Results field, with where it sits.</summary>
    internal sealed class ReportedHeader
    {
        public ReportedHeader(int index, AuthenticationResultInfo info)
        {
            Index = index;
            IsArc = info.HeaderName == AuthenticationResultsParser.ArcHeaderName;
            Info = info;
        }

        /// <summary>0 for the topmost field of its kind.</summary>
        public int Index { get; }
        public bool IsArc { get; }
        public AuthenticationResultInfo Info { get; }
        public string FieldName => IsArc ? "ARC-Authentication-Results" : "Authentication-Results";
    }
}
