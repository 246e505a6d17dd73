namespace EmailAuth.Core.Aws.Route53
{
    /// <summary>A hosted zone; <see cref="Id"/> without the "/hostedzone/" prefix, <see cref="Name"/> absolute (trailing dot).</summary>
    public sealed class Route53HostedZone
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string? CallerReference { get; set; }
        public string? Comment { get; set; }
        public bool PrivateZone { get; set; }
        public long ResourceRecordSetCount { get; set; }

        public override string ToString() => $"{Name} ({Id}{(PrivateZone ? ", private" : "")})";
    }

    /// <summary>A page of ListHostedZones (marker paging) or ListHostedZonesByName (name/id paging).</summary>
    public sealed class Route53HostedZonePage
    {
        public System.Collections.Generic.IReadOnlyList<Route53HostedZone> HostedZones { get; set; } = System.Array.Empty<Route53HostedZone>();
        public bool IsTruncated { get; set; }
        /// <summary>ListHostedZones: the marker of the next page.</summary>
        public string? NextMarker { get; set; }
        /// <summary>ListHostedZonesByName: where the next page starts.</summary>
        public string? NextDnsName { get; set; }
        public string? NextHostedZoneId { get; set; }
    }
}
