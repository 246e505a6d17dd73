using System.Collections.Generic;
using EmailAuth.Core.Audit;

namespace EmailAuth.Core.Messages
{
    /// <summary>The RFC5322.From address DMARC protects, or why there is none (<see cref="FromHeaderReader"/>).</summary>
    internal sealed class FromIdentity
    {
        /// <summary>The address as written (display name and address), or the raw field value when unparsable; null when absent.</summary>
        public string? From { get; set; }
        /// <summary>The domain DMARC is evaluated for (A-labels, lower case); null when none can be.</summary>
        public string? Domain { get; set; }
        public List<Finding> Findings { get; } = new List<Finding>();
    }
}
