using System;
using System.Collections.Generic;
using EmailAuth.Core.Dmarc;

namespace EmailAuth.Core.Aws.DnsPlan
{
    /// <summary>Choices for <see cref="SesDnsPlanner"/>.</summary>
    public sealed class SesDnsPlanOptions
    {
        /// <summary>TTL of every planned record (SES's console suggests 1800 s).</summary>
        public long Ttl { get; set; } = 1800;
        /// <summary>Plan a DMARC record for domains not in <see cref="DomainsWithDmarc"/>.</summary>
        public bool IncludeDmarc { get; set; } = true;
        /// <summary>p= of a planned DMARC record (RFC 7489 §6.3); none only monitors.</summary>
        public DmarcPolicy DmarcPolicy { get; set; } = DmarcPolicy.None;
        /// <summary>Address for aggregate reports (rua=mailto:, RFC 7489 §6.3); none: a record without rua.</summary>
        public string? DmarcReportAddress { get; set; }
        /// <summary>Domains where a DMARC policy is already found (lower case, no trailing dot): no record is planned for them.</summary>
        public ISet<string> DomainsWithDmarc { get; set; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        /// <summary>BYODKIM public keys (base64 of the DER SubjectPublicKeyInfo) by selector, for the p= of the TXT.</summary>
        public IDictionary<string, string> PublicKeys { get; set; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    }
}
