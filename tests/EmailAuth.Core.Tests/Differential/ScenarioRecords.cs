using System;
using System.Collections.Generic;
using System.Linq;
using EmailAuth.Core.Dns;

namespace EmailAuth.Core.Tests.Differential
{
    /// <summary>The scenarios' records as <see cref="DnsRecord"/>s, for an in-memory <see cref="RecordSetResolver"/>.</summary>
    public static class ScenarioRecords
    {
        public static IEnumerable<DnsRecord> ToDnsRecords(IEnumerable<Scenario> scenarios) =>
            scenarios.SelectMany(s => s.Records).Select(r => r.Type switch
            {
                "TXT" => new DnsRecord(r.Owner, DnsRecordType.TXT, 3600, r.Text, r.Data),
                "SPF" => new DnsRecord(r.Owner, DnsRecordType.SPF, 3600, r.Text, r.Data),
                "MX" => new DnsRecord(r.Owner, DnsRecordType.MX, 3600, r.Data[0], preference: r.Preference),
                _ => new DnsRecord(r.Owner, Enum.Parse<DnsRecordType>(r.Type), 3600, r.Data[0]),
            });
    }
}
