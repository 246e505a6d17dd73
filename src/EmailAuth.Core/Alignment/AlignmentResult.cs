using EmailAuth.Core.Dmarc;

namespace EmailAuth.Core.Alignment
{
    /// <summary>Whether an authenticated domain aligns with the From domain (Test-SpfAlignment, Test-DkimAlignment).</summary>
    public sealed class AlignmentResult
    {
        public AlignmentIdentifier Identifier { get; set; }
        /// <summary>The RFC5322.From domain (lower-case A-labels).</summary>
        public string FromDomain { get; set; } = string.Empty;
        /// <summary>The MAIL FROM domain (SPF) or the signing domain d= (DKIM).</summary>
        public string AuthenticatedDomain { get; set; } = string.Empty;
        public DmarcAlignmentMode Mode { get; set; }
        /// <summary>Where <see cref="Mode"/> came from: -Mode, the aspf=/adkim= of a DMARC record, or the default.</summary>
        public string ModeSource { get; set; } = string.Empty;
        public bool Aligned { get; set; }
        /// <summary>Why, in plain words.</summary>
        public string Reason { get; set; } = string.Empty;
        /// <summary>The From domain's Organizational Domain; null when not needed (identical names) or unknown.</summary>
        public string? FromOrganizationalDomain { get; set; }
        /// <summary>The authenticated domain's Organizational Domain; null when not needed or unknown.</summary>
        public string? AuthenticatedOrganizationalDomain { get; set; }
        /// <summary>A DNS failure that left an Organizational Domain unknown (then <see cref="Aligned"/> is false and undecided).</summary>
        public string? Error { get; set; }

        public override string ToString() => $"{Identifier} {AuthenticatedDomain} → {FromDomain}: {(Aligned ? "aligned" : "not aligned")} ({Mode})";
    }
}
