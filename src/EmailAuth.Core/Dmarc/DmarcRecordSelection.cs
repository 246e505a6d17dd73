using System.Collections.Generic;
using System.Linq;
using EmailAuth.Core.Dns;

namespace EmailAuth.Core.Dmarc
{
    /// <summary>RFC 7489 §6.6.3 step 3, RFC 9989 (DNS Tree Walk): TXT records that do not start with v=DMARC1 are discarded.</summary>
    internal static class DmarcRecordSelection
    {
        public static IReadOnlyList<DnsRecord> Candidates(DnsAnswer answer) =>
            answer.Records.Where(r => r.Type == DnsRecordType.TXT && DmarcParser.IsDmarcRecord(r.Data)).ToList();
    }
}
