using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using EmailAuth.Core.Aws.Runtime;

namespace EmailAuth.Core.Aws.Route53
{
    /// <summary>
    /// Amazon Route 53 (global; signs in us-east-1): zones, record sets, changes. Every attempt,
    /// retries included, waits for the account's <see cref="RequestPacer"/> (5 requests/s);
    /// Throttling and PriorRequestNotComplete are retried by the SDK's retry policy.
    /// Get one from <see cref="AwsContext.CreateRoute53ClientAsync"/>.
    /// </summary>
    public sealed class Route53Client : IDisposable
    {
        /// <summary>Bound on pages read by the list-all methods.</summary>
        public const int MaxPages = 10_000;
        private const string Service = "Route 53";

        private readonly AwsRestClient _client;

        internal Route53Client(AWSCredentials credentials, string region, string? endpointUrl, RequestPacer? pacer, Action<AwsServiceConfig>? configure = null)
        {
            var config = new AwsServiceConfig(AwsServiceDescription.Route53, region, endpointUrl) { Pacer = pacer };
            configure?.Invoke(config);
            Pacer = pacer;
            _client = new AwsRestClient(credentials, config, RestXmlUnmarshaller.Instance);
        }

        public RequestPacer? Pacer { get; }

        public async Task<Route53HostedZonePage> ListHostedZonesPageAsync(string? marker, int? maxItems, CancellationToken cancellationToken = default)
        {
            var body = await Send(Route53Requests.ListHostedZones(marker, maxItems), cancellationToken).ConfigureAwait(false);
            return AnswerReader.Read(Service, "ListHostedZones", () => Route53Xml.HostedZones(body));
        }

        public async Task<IReadOnlyList<Route53HostedZone>> ListHostedZonesAsync(CancellationToken cancellationToken = default)
        {
            var all = new List<Route53HostedZone>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            string? marker = null;
            for (var page = 0; page < MaxPages; page++)
            {
                var result = await ListHostedZonesPageAsync(marker, null, cancellationToken).ConfigureAwait(false);
                all.AddRange(result.HostedZones);
                if (!result.IsTruncated || string.IsNullOrEmpty(result.NextMarker)) return all;
                marker = result.NextMarker!;
                if (!seen.Add(marker)) throw Loop("ListHostedZones");
            }
            throw Loop("ListHostedZones");
        }

        public async Task<Route53HostedZonePage> ListHostedZonesByNamePageAsync(string? dnsName, string? hostedZoneId, int? maxItems, CancellationToken cancellationToken = default)
        {
            var body = await Send(Route53Requests.ListHostedZonesByName(dnsName, hostedZoneId, maxItems), cancellationToken).ConfigureAwait(false);
            return AnswerReader.Read(Service, "ListHostedZonesByName", () => Route53Xml.HostedZones(body));
        }

        /// <summary>Zones in name order (labels reversed, as Route 53 sorts them) from <paramref name="dnsName"/> on, every page.</summary>
        public async Task<IReadOnlyList<Route53HostedZone>> ListHostedZonesByNameAsync(string? dnsName = null, CancellationToken cancellationToken = default)
        {
            var all = new List<Route53HostedZone>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            string? name = dnsName, id = null;
            for (var page = 0; page < MaxPages; page++)
            {
                var result = await ListHostedZonesByNamePageAsync(name, id, null, cancellationToken).ConfigureAwait(false);
                all.AddRange(result.HostedZones);
                if (!result.IsTruncated || string.IsNullOrEmpty(result.NextDnsName)) return all;
                name = result.NextDnsName;
                id = result.NextHostedZoneId;
                if (!seen.Add(name + "\n" + id)) throw Loop("ListHostedZonesByName");
            }
            throw Loop("ListHostedZonesByName");
        }

        public async Task<Route53RecordSetPage> ListResourceRecordSetsPageAsync(string hostedZoneId, string? startName, string? startType, string? startIdentifier, int? maxItems, CancellationToken cancellationToken = default)
        {
            var body = await Send(Route53Requests.ListResourceRecordSets(hostedZoneId, startName, startType, startIdentifier, maxItems), cancellationToken).ConfigureAwait(false);
            return AnswerReader.Read(Service, "ListResourceRecordSets", () => Route53Xml.RecordSets(body));
        }

        /// <summary>Every record set of a zone; pages continue at the answer's next name, type and set identifier.</summary>
        public Task<IReadOnlyList<Route53RecordSet>> ListResourceRecordSetsAsync(string hostedZoneId, CancellationToken cancellationToken = default) =>
            ListResourceRecordSetsAsync(hostedZoneId, null, cancellationToken);

        /// <summary>Route 53 returns at most 300 record sets per page, whatever maxitems asks.</summary>
        public const int MaxRecordSetsPerPage = 300;

        /// <summary>
        /// Every record set of a zone, asking <paramref name="pageSize"/> per page (null: the service's default):
        /// a sync reads whole zones, and 300 a page takes a third of the paced requests of the default 100.
        /// </summary>
        public async Task<IReadOnlyList<Route53RecordSet>> ListResourceRecordSetsAsync(string hostedZoneId, int? pageSize, CancellationToken cancellationToken)
        {
            if (pageSize != null && (pageSize < 1 || pageSize > MaxRecordSetsPerPage)) throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "1 to 300 record sets per page.");
            var all = new List<Route53RecordSet>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            string? name = null, type = null, identifier = null;
            for (var page = 0; page < MaxPages; page++)
            {
                var result = await ListResourceRecordSetsPageAsync(hostedZoneId, name, type, identifier, pageSize, cancellationToken).ConfigureAwait(false);
                all.AddRange(result.RecordSets);
                if (!result.IsTruncated || string.IsNullOrEmpty(result.NextRecordName)) return all;
                name = result.NextRecordName;
                type = result.NextRecordType;
                identifier = result.NextRecordIdentifier;
                if (!seen.Add(name + "\n" + type + "\n" + identifier)) throw Loop("ListResourceRecordSets");
            }
            throw Loop("ListResourceRecordSets");
        }

        public async Task<Route53ChangeInfo> ChangeResourceRecordSetsAsync(string hostedZoneId, string? comment, IEnumerable<Route53Change> changes, CancellationToken cancellationToken = default)
        {
            var body = await Send(Route53Requests.ChangeResourceRecordSets(hostedZoneId, comment, changes.ToList()), cancellationToken).ConfigureAwait(false);
            return AnswerReader.Read(Service, "ChangeResourceRecordSets", () => Route53Xml.ChangeInfo(body));
        }

        public async Task<Route53ChangeInfo> GetChangeAsync(string changeId, CancellationToken cancellationToken = default)
        {
            var body = await Send(Route53Requests.GetChange(changeId), cancellationToken).ConfigureAwait(false);
            return AnswerReader.Read(Service, "GetChange", () => Route53Xml.ChangeInfo(body));
        }

        internal Amazon.Runtime.Internal.IRequest Marshall(RestRequest request) => _client.Marshall(request);

        /// <summary>The endpoint override in force (explicit, AWS_ENDPOINT_URL_*, or a profile's endpoint_url), or null.</summary>
        internal string? ServiceUrl => _client.ServiceUrl;

        private async Task<byte[]> Send(RestRequest request, CancellationToken cancellationToken) =>
            (await _client.SendAsync(request, cancellationToken).ConfigureAwait(false)).Body;

        private static AwsException Loop(string operation) =>
            new AwsException(Service, operation, null, null, null, $"Route 53 {operation} kept returning pages (a repeated or endless marker); stopped paging.");

        public void Dispose() => _client.Dispose();

        public override string ToString() => "Route 53";
    }
}
