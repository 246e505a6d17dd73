using System;
using System.Collections.Generic;
using EmailAuth.Core.Aws.Route53;

namespace EmailAuth.Core.Aws.DnsPlan
{
    /// <summary>What Sync-SesDnsRecord did (or would do) to one record set of a hosted zone.</summary>
    public enum DnsRecordChangeAction
    {
        Create,
        Upsert,
        /// <summary>The zone already holds what the identities need.</summary>
        NoChange,
        /// <summary>Refused (a conflict the user must resolve) or outside every zone: see Reason.</summary>
        Skipped,
    }

    /// <summary>
    /// One planned change of a Route 53 record set, with the exact values before and after. ChangeId and
    /// Status are filled once the change batch was sent (and polled, with -Wait).
    /// </summary>
    public sealed class DnsRecordChange
    {
        public string HostedZoneId { get; set; } = "";
        public string HostedZoneName { get; set; } = "";
        public string Name { get; set; } = "";
        public string Type { get; set; } = "";
        public DnsRecordChangeAction Action { get; set; }
        /// <summary>The values in the zone before (null: no such record set).</summary>
        public IReadOnlyList<string>? Before { get; set; }
        /// <summary>The values after the change (for NoChange: as they are; for Skipped: what was wanted).</summary>
        public IReadOnlyList<string> After { get; set; } = Array.Empty<string>();
        public long? BeforeTtl { get; set; }
        public long Ttl { get; set; }
        public SesDnsRecordPurpose? Purpose { get; set; }
        /// <summary>Why NoChange or Skipped, or what was merged.</summary>
        public string? Reason { get; set; }
        /// <summary>A stable id of the refusal (e.g. SesDnsCnameConflict), for Skipped changes.</summary>
        public string? ErrorId { get; set; }
        public string? ChangeId { get; set; }
        /// <summary>PENDING or INSYNC once sent.</summary>
        public string? Status { get; set; }

        /// <summary>The record set to send (Create and Upsert only).</summary>
        internal Route53RecordSet? RecordSet { get; set; }

        /// <summary>The Route 53 change to send, or null for NoChange and Skipped.</summary>
        public Route53Change? ToRoute53Change() =>
            RecordSet == null ? null
            : Action == DnsRecordChangeAction.Create ? new Route53Change(Route53ChangeAction.Create, RecordSet)
            : Action == DnsRecordChangeAction.Upsert ? new Route53Change(Route53ChangeAction.Upsert, RecordSet)
            : null;

        public override string ToString() =>
            $"{Action} {Name} {Type}" + (Before != null && Action == DnsRecordChangeAction.Upsert ? $" [{string.Join(" | ", Before)}] →" : "") +
            $" [{string.Join(" | ", After)}]";
    }
}
