using System;
using System.Collections.Generic;
using EmailAuth.Core.Dns;

namespace EmailAuth.Core.Dmarc
{
    /// <summary>RFC 7489 §6.6.3 step 3, RFC 9989 (DNS Tree Walk): TXT records that do not start with v=DMARC1 are discarded.</summary>
    internal static class DmarcRecordSelection
    {
        public static IReadOnlyList<DnsRecord> Candidates(DnsAnswer answer)
        {
            // Every step of every tree walk comes here, most of them with no record at all (NXDOMAIN).
            if (answer.Records.Count == 0) return Array.Empty<DnsRecord>();
            var candidates = new List<DnsRecord>(1);
            for (var i = 0; i < answer.Records.Count; i++)
            {
                var r = answer.Records[i];
                if (r.Type == DnsRecordType.TXT && DmarcParser.IsDmarcRecord(r.Data)) candidates.Add(r);
            }
            return candidates;
        }
    }
}
