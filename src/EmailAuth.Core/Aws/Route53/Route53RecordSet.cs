using System;
using System.Collections.Generic;
using System.Linq;

namespace EmailAuth.Core.Aws.Route53
{
    /// <summary>
    /// A resource record set as Route 53 holds it: absolute name, type, TTL and the values in
    /// presentation form (TXT values quoted, split in 255-byte strings). Routing-policy members are
    /// kept so that a change never drops them.
    /// </summary>
    public sealed class Route53RecordSet
    {
        public string Name { get; set; } = "";
        public string Type { get; set; } = "";
        public long? Ttl { get; set; }
        public IReadOnlyList<string> Values { get; set; } = Array.Empty<string>();
        public string? SetIdentifier { get; set; }
        public long? Weight { get; set; }
        public string? Region { get; set; }
        public string? Failover { get; set; }
        public bool? MultiValueAnswer { get; set; }
        public string? HealthCheckId { get; set; }
        public Route53AliasTarget? AliasTarget { get; set; }
        /// <summary>GeoLocation, CIDR or traffic-policy routing that this type does not model; such sets are read-only for us.</summary>
        public bool HasUnmodelledRouting { get; set; }

        public override string ToString() =>
            $"{Name} {Ttl?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} {Type} " +
            (AliasTarget != null ? "ALIAS " + AliasTarget.DnsName : string.Join(" ", Values.Take(5)) + (Values.Count > 5 ? " …" : ""));
    }

    public sealed class Route53AliasTarget
    {
        public string HostedZoneId { get; set; } = "";
        public string DnsName { get; set; } = "";
        public bool EvaluateTargetHealth { get; set; }
    }

    /// <summary>A page of ListResourceRecordSets: the next page starts at name/type/identifier.</summary>
    public sealed class Route53RecordSetPage
    {
        public IReadOnlyList<Route53RecordSet> RecordSets { get; set; } = Array.Empty<Route53RecordSet>();
        public bool IsTruncated { get; set; }
        public string? NextRecordName { get; set; }
        public string? NextRecordType { get; set; }
        public string? NextRecordIdentifier { get; set; }
    }
}
