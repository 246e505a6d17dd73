using System.Collections.Generic;
using EmailAuth.Core.Alignment;
using EmailAuth.Core.Messages.Dkim;
using EmailAuth.Core.Spf;

namespace EmailAuth.Core.Messages
{
    /// <summary>What EmailAuth computed for a message, as the comparison with its Authentication-Results needs it.</summary>
    internal sealed class ComputedResults
    {
        public SpfResult? Spf { get; set; }
        public string? MailFromDomain { get; set; }
        public IReadOnlyList<DkimSignatureResult> Dkim { get; set; } = new DkimSignatureResult[0];
        public DmarcEvaluation? Dmarc { get; set; }
        public ArcChainResult? Arc { get; set; }
    }
}
