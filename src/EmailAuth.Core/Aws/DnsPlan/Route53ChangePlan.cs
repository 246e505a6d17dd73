using System;
using System.Collections.Generic;

namespace EmailAuth.Core.Aws.DnsPlan
{
    /// <summary>The changes for one hosted zone: every record's outcome, the batches to send, and warnings about the zone.</summary>
    public sealed class Route53ChangePlan
    {
        /// <summary>One entry per desired record set, in plan order (Create, Upsert, NoChange or Skipped).</summary>
        public IReadOnlyList<DnsRecordChange> Changes { get; set; } = Array.Empty<DnsRecordChange>();
        /// <summary>The Create and Upsert changes split in batches within Route 53's limits.</summary>
        public IReadOnlyList<IReadOnlyList<DnsRecordChange>> Batches { get; set; } = Array.Empty<IReadOnlyList<DnsRecordChange>>();
        /// <summary>Doubled-suffix and dangling records found in the zone; never changed by the plan.</summary>
        public IReadOnlyList<string> Warnings { get; set; } = Array.Empty<string>();
    }
}
