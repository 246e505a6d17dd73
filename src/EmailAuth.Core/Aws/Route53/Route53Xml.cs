using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml.Linq;
using EmailAuth.Core.Aws.Runtime;

namespace EmailAuth.Core.Aws.Route53
{
    /// <summary>Reads Route 53 answers (DTDs prohibited); unknown elements are ignored.</summary>
    internal static class Route53Xml
    {
        private static readonly XNamespace Ns = Route53Requests.Namespace;

        public static Route53HostedZonePage HostedZones(byte[] body)
        {
            var root = SafeXml.Load(body).Root ?? throw new FormatException("Empty Route 53 answer.");
            return new Route53HostedZonePage
            {
                HostedZones = root.Element(Ns + "HostedZones")?.Elements(Ns + "HostedZone").Select(Zone).ToList() ?? new List<Route53HostedZone>(),
                IsTruncated = Bool(root, "IsTruncated"),
                NextMarker = Text(root, "NextMarker"),
                NextDnsName = Text(root, "NextDNSName"),
                NextHostedZoneId = Text(root, "NextHostedZoneId"),
            };
        }

        public static Route53RecordSetPage RecordSets(byte[] body)
        {
            var root = SafeXml.Load(body).Root ?? throw new FormatException("Empty Route 53 answer.");
            return new Route53RecordSetPage
            {
                RecordSets = root.Element(Ns + "ResourceRecordSets")?.Elements(Ns + "ResourceRecordSet").Select(RecordSet).ToList() ?? new List<Route53RecordSet>(),
                IsTruncated = Bool(root, "IsTruncated"),
                NextRecordName = Text(root, "NextRecordName"),
                NextRecordType = Text(root, "NextRecordType"),
                NextRecordIdentifier = Text(root, "NextRecordIdentifier"),
            };
        }

        public static Route53ChangeInfo ChangeInfo(byte[] body)
        {
            var root = SafeXml.Load(body).Root ?? throw new FormatException("Empty Route 53 answer.");
            var info = root.Element(Ns + "ChangeInfo") ?? throw new FormatException("The Route 53 answer has no ChangeInfo.");
            var id = Text(info, "Id") ?? "";
            return new Route53ChangeInfo
            {
                Id = id.StartsWith("/change/", StringComparison.Ordinal) ? id.Substring("/change/".Length) : id,
                Status = Text(info, "Status") ?? "",
                SubmittedAt = DateTimeOffset.TryParse(Text(info, "SubmittedAt"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : (DateTimeOffset?)null,
                Comment = Text(info, "Comment"),
            };
        }

        private static Route53HostedZone Zone(XElement e)
        {
            var config = e.Element(Ns + "Config");
            return new Route53HostedZone
            {
                Id = Route53Requests.ZoneId(Text(e, "Id") ?? "?"),
                Name = Text(e, "Name") ?? "",
                CallerReference = Text(e, "CallerReference"),
                Comment = config == null ? null : Text(config, "Comment"),
                PrivateZone = config != null && Bool(config, "PrivateZone"),
                ResourceRecordSetCount = long.TryParse(Text(e, "ResourceRecordSetCount"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0,
            };
        }

        private static Route53RecordSet RecordSet(XElement e)
        {
            var alias = e.Element(Ns + "AliasTarget");
            return new Route53RecordSet
            {
                Name = Text(e, "Name") ?? "",
                Type = Text(e, "Type") ?? "",
                Ttl = Long(e, "TTL"),
                Values = e.Element(Ns + "ResourceRecords")?.Elements(Ns + "ResourceRecord").Select(r => Text(r, "Value") ?? "").ToList() ?? new List<string>(),
                SetIdentifier = Text(e, "SetIdentifier"),
                Weight = Long(e, "Weight"),
                Region = Text(e, "Region"),
                Failover = Text(e, "Failover"),
                MultiValueAnswer = e.Element(Ns + "MultiValueAnswer") == null ? (bool?)null : Bool(e, "MultiValueAnswer"),
                HealthCheckId = Text(e, "HealthCheckId"),
                AliasTarget = alias == null ? null : new Route53AliasTarget
                {
                    HostedZoneId = Text(alias, "HostedZoneId") ?? "",
                    DnsName = Text(alias, "DNSName") ?? "",
                    EvaluateTargetHealth = Bool(alias, "EvaluateTargetHealth"),
                },
                HasUnmodelledRouting = e.Element(Ns + "GeoLocation") != null || e.Element(Ns + "CidrRoutingConfig") != null
                    || e.Element(Ns + "TrafficPolicyInstanceId") != null || e.Element(Ns + "GeoProximityLocation") != null,
            };
        }

        private static string? Text(XElement parent, string name) => parent.Element(Ns + name)?.Value;

        private static bool Bool(XElement parent, string name) => string.Equals(Text(parent, name), "true", StringComparison.OrdinalIgnoreCase);

        private static long? Long(XElement parent, string name) =>
            long.TryParse(Text(parent, name), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : (long?)null;
    }
}
