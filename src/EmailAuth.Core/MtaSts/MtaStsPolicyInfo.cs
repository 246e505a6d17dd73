using System;
using System.Collections.Generic;
using EmailAuth.Core.Audit;

namespace EmailAuth.Core.MtaSts
{
    /// <summary>A domain's MTA-STS: the _mta-sts TXT record, the policy (fetched or read from a file) and how it fits the MX hosts.</summary>
    public sealed class MtaStsPolicyInfo
    {
        public string? Domain { get; set; }
        /// <summary>The STS TXT record text (strings joined); with several, the first in text order; null when none.</summary>
        public string? TxtRecord { get; set; }
        /// <summary>CNAME targets followed from _mta-sts.&lt;domain&gt; (RFC 8461 §3.1 allows a CNAME there).</summary>
        public IReadOnlyList<string> TxtCnameChain { get; set; } = Array.Empty<string>();
        /// <summary>id= of the TXT record; null when missing or invalid.</summary>
        public string? Id { get; set; }
        /// <summary>https://mta-sts.&lt;domain&gt;/.well-known/mta-sts.txt</summary>
        public string? PolicyUrl { get; set; }
        /// <summary>Where the policy came from: the URL (fetched), the file (-PolicyPath), or null when there is none.</summary>
        public string? PolicySource { get; set; }
        /// <summary>The policy was fetched over HTTPS in this run.</summary>
        public bool Fetched { get; set; }
        /// <summary>The address the policy host resolved to and was fetched from, "ip:port".</summary>
        public string? PolicyAddress { get; set; }
        /// <summary>How the fetch ended; null when no fetch was attempted.</summary>
        public MtaStsFetchOutcome? FetchOutcome { get; set; }
        /// <summary>The policy text; null when none was obtained.</summary>
        public string? Policy { get; set; }
        public string? Version { get; set; }
        public MtaStsMode? Mode { get; set; }
        public long? MaxAge { get; set; }
        /// <summary>The policy's mx patterns.</summary>
        public IReadOnlyList<string> Mx { get; set; } = Array.Empty<string>();
        /// <summary>The domain's MX hosts from DNS (the domain itself for an implicit MX, RFC 5321 §5.1).</summary>
        public IReadOnlyList<string> MxHosts { get; set; } = Array.Empty<string>();
        /// <summary>MX hosts that match no mx pattern (RFC 8461 §4.1).</summary>
        public IReadOnlyList<string> UnmatchedMxHosts { get; set; } = Array.Empty<string>();
        /// <summary>mx patterns that match no MX host.</summary>
        public IReadOnlyList<string> UnusedPatterns { get; set; } = Array.Empty<string>();
        /// <summary>A valid TXT record and a valid policy, and no error-level finding.</summary>
        public bool IsValid { get; set; }
        public IReadOnlyList<Finding> Findings { get; set; } = Array.Empty<Finding>();
        /// <summary>The DNS server or zone file that answered the TXT query.</summary>
        public string? Server { get; set; }

        public override string ToString() => $"{Domain}: {(Mode?.ToString() ?? "no policy")}";
    }
}
