using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Xml;
using EmailAuth.Core.Aws.Runtime;

namespace EmailAuth.Core.Aws.Route53
{
    /// <summary>
    /// The Route 53 requests we send, shaped as the service model (route53 2013-04-01) says;
    /// a test checks each against botocore's copy of the model.
    /// </summary>
    internal static class Route53Requests
    {
        public const string Namespace = "https://route53.amazonaws.com/doc/2013-04-01/";
        /// <summary>Route 53 takes at most 1000 changes (and 32,000 value characters) in one batch.</summary>
        public const int MaxChangesPerBatch = 1000;

        public static RestRequest ListHostedZones(string? marker, int? maxItems) =>
            new RestRequest("ListHostedZones", "GET", "/2013-04-01/hostedzone")
                .WithQuery("marker", marker)
                .WithQuery("maxitems", maxItems?.ToString(CultureInfo.InvariantCulture));

        public static RestRequest ListHostedZonesByName(string? dnsName, string? hostedZoneId, int? maxItems) =>
            new RestRequest("ListHostedZonesByName", "GET", "/2013-04-01/hostedzonesbyname")
                .WithQuery("dnsname", dnsName)
                .WithQuery("hostedzoneid", hostedZoneId == null ? null : ZoneId(hostedZoneId))
                .WithQuery("maxitems", maxItems?.ToString(CultureInfo.InvariantCulture));

        public static RestRequest ListResourceRecordSets(string hostedZoneId, string? startName, string? startType, string? startIdentifier, int? maxItems) =>
            new RestRequest("ListResourceRecordSets", "GET", "/2013-04-01/hostedzone/{Id}/rrset")
                .WithLabel("Id", ZoneId(hostedZoneId))
                .WithQuery("name", startName)
                .WithQuery("type", startType)
                .WithQuery("identifier", startIdentifier)
                .WithQuery("maxitems", maxItems?.ToString(CultureInfo.InvariantCulture));

        public static RestRequest GetChange(string changeId) =>
            new RestRequest("GetChange", "GET", "/2013-04-01/change/{Id}").WithLabel("Id", StripPrefix(changeId, "/change/"));

        public static RestRequest ChangeResourceRecordSets(string hostedZoneId, string? comment, IReadOnlyCollection<Route53Change> changes)
        {
            if (changes.Count == 0) throw new ArgumentException("A change batch needs at least one change.", nameof(changes));
            if (changes.Count > MaxChangesPerBatch) throw new ArgumentException($"Route 53 takes at most {MaxChangesPerBatch} changes in one batch.", nameof(changes));
            var request = new RestRequest("ChangeResourceRecordSets", "POST", "/2013-04-01/hostedzone/{Id}/rrset/")
                .WithLabel("Id", ZoneId(hostedZoneId));
            using var buffer = new MemoryStream();
            // No XML declaration, as the AWS CLI sends it; the model's xmlNamespace on the root.
            using (var w = XmlWriter.Create(buffer, new XmlWriterSettings { OmitXmlDeclaration = true, Encoding = new UTF8Encoding(false) }))
            {
                w.WriteStartElement("ChangeResourceRecordSetsRequest", Namespace);
                w.WriteStartElement("ChangeBatch", Namespace);
                if (comment != null) w.WriteElementString("Comment", Namespace, comment);
                w.WriteStartElement("Changes", Namespace);
                foreach (var change in changes)
                {
                    w.WriteStartElement("Change", Namespace);
                    w.WriteElementString("Action", Namespace, change.Action.ToString().ToUpperInvariant());
                    WriteRecordSet(w, change.RecordSet);
                    w.WriteEndElement();
                }
                w.WriteEndElement();
                w.WriteEndElement();
                w.WriteEndElement();
            }
            request.Body = buffer.ToArray();
            request.ContentType = "application/xml";
            return request;
        }

        /// <summary>Members in the model's order: Route 53 validates the body against an XSD sequence.</summary>
        private static void WriteRecordSet(XmlWriter w, Route53RecordSet set)
        {
            if (set.HasUnmodelledRouting)
                throw new ArgumentException($"{set.Name} {set.Type} uses a routing policy EmailAuth does not change (geolocation, CIDR or traffic policy).");
            w.WriteStartElement("ResourceRecordSet", Namespace);
            w.WriteElementString("Name", Namespace, set.Name);
            w.WriteElementString("Type", Namespace, set.Type);
            if (set.SetIdentifier != null) w.WriteElementString("SetIdentifier", Namespace, set.SetIdentifier);
            if (set.Weight != null) w.WriteElementString("Weight", Namespace, set.Weight.Value.ToString(CultureInfo.InvariantCulture));
            if (set.Region != null) w.WriteElementString("Region", Namespace, set.Region);
            if (set.Failover != null) w.WriteElementString("Failover", Namespace, set.Failover);
            if (set.MultiValueAnswer != null) w.WriteElementString("MultiValueAnswer", Namespace, set.MultiValueAnswer.Value ? "true" : "false");
            if (set.Ttl != null) w.WriteElementString("TTL", Namespace, set.Ttl.Value.ToString(CultureInfo.InvariantCulture));
            if (set.Values.Count > 0)
            {
                w.WriteStartElement("ResourceRecords", Namespace);
                foreach (var value in set.Values)
                {
                    w.WriteStartElement("ResourceRecord", Namespace);
                    w.WriteElementString("Value", Namespace, value);
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            }
            if (set.AliasTarget != null)
            {
                w.WriteStartElement("AliasTarget", Namespace);
                w.WriteElementString("HostedZoneId", Namespace, set.AliasTarget.HostedZoneId);
                w.WriteElementString("DNSName", Namespace, set.AliasTarget.DnsName);
                w.WriteElementString("EvaluateTargetHealth", Namespace, set.AliasTarget.EvaluateTargetHealth ? "true" : "false");
                w.WriteEndElement();
            }
            if (set.HealthCheckId != null) w.WriteElementString("HealthCheckId", Namespace, set.HealthCheckId);
            w.WriteEndElement();
        }

        /// <summary>"/hostedzone/Z123" (as ListHostedZones returns it) or "Z123" → "Z123".</summary>
        public static string ZoneId(string id) => StripPrefix(id, "/hostedzone/");

        private static string StripPrefix(string id, string prefix)
        {
            if (string.IsNullOrWhiteSpace(id)) throw new ArgumentException("The id must not be empty.", nameof(id));
            var trimmed = id.Trim();
            return trimmed.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? trimmed.Substring(prefix.Length) : trimmed;
        }
    }
}
