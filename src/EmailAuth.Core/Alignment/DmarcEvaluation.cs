using System;
using System.Collections.Generic;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Dmarc;
using EmailAuth.Core.Spf;

namespace EmailAuth.Core.Alignment
{
    /// <summary>The DMARC verdict for one message's identifiers (Test-DmarcCompliance), with the reasons in plain words.</summary>
    public sealed class DmarcEvaluation
    {
        /// <summary>The RFC5322.From domain.</summary>
        public string FromDomain { get; set; } = string.Empty;
        public DmarcResult Result { get; set; }
        /// <summary>SPF passed and the MAIL FROM domain aligns with the From domain.</summary>
        public bool SpfAligned { get; set; }
        /// <summary>At least one passing DKIM signature has a d= that aligns with the From domain.</summary>
        public bool DkimAligned { get; set; }
        /// <summary>The policy that applies to the From domain (p=, or sp=/np= below the policy domain); null when none applies.</summary>
        public DmarcPolicy? Policy { get; set; }
        /// <summary>What the Domain Owner asks receivers to do with this message (None when it passes or in testing mode).</summary>
        public DmarcDisposition Disposition { get; set; }
        /// <summary>Why, in plain words, one sentence per step.</summary>
        public IReadOnlyList<string> Reasons { get; set; } = Array.Empty<string>();
        /// <summary>What to change so that DMARC passes; null when it passes.</summary>
        public string? Fix { get; set; }
        /// <summary>
        /// The reasons as findings with stable codes (<see cref="DmarcVerdictFindingCodes"/>): each identifier that did not
        /// pass aligned (Info when DMARC passed through the other), no policy, temperror, and on failure what the policy asks.
        /// </summary>
        public IReadOnlyList<Finding> Findings { get; set; } = Array.Empty<Finding>();

        public string? MailFromDomain { get; set; }
        public SpfResult SpfResult { get; set; }
        /// <summary>The d= of each passing DKIM signature, as given.</summary>
        public IReadOnlyList<string> DkimSigningDomains { get; set; } = Array.Empty<string>();
        /// <summary>The MAIL FROM alignment check; null without a MAIL FROM domain.</summary>
        public AlignmentResult? SpfAlignment { get; set; }
        /// <summary>One alignment check per signing domain.</summary>
        public IReadOnlyList<AlignmentResult> DkimAlignments { get; set; } = Array.Empty<AlignmentResult>();
        /// <summary>Where the policy record was found; null when none applies.</summary>
        public string? PolicyDomain { get; set; }
        /// <summary>The DMARC record that applies; null when none.</summary>
        public string? Record { get; set; }
        /// <summary>t=y (RFC 9989) or pct=0: receivers are asked not to apply the policy.</summary>
        public bool Testing { get; set; }
        public int? Pct { get; set; }

        public override string ToString() => $"dmarc={Result.ToString().ToLowerInvariant()} ({FromDomain}, disposition {Disposition})";
    }
}
