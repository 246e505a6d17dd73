using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Aws;
using EmailAuth.Core.Aws.DnsPlan;
using EmailAuth.Core.Aws.Route53;

namespace EmailAuth.Commands
{
    /// <summary>
    /// Makes Route 53 hold the records of Get-SesDnsRecord: finds each record's public hosted zone (longest match)
    /// or uses -HostedZoneId, reads the zone, plans Create/Upsert/NoChange (Route53ChangePlanner: merges, never
    /// deletes), asks ShouldProcess per change, and sends one change batch per zone (split at Route 53's limits).
    /// Route 53 may be in another account: -DnsProfileName / -DnsRoleArn.
    /// </summary>
    [Cmdlet(VerbsData.Sync, "SesDnsRecord", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [Alias("Sync-SesDnsRecords")]
    [OutputType(typeof(DnsRecordChange))]
    public sealed class SyncSesDnsRecordCommand : AwsCmdlet
    {
        private const string Comment = "EmailAuth Sync-SesDnsRecord";
        /// <summary>Between GetChange polls: Route 53 usually reaches INSYNC within a minute.</summary>
        private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public SesDnsRecord[] InputObject { get; set; } = Array.Empty<SesDnsRecord>();

        /// <summary>Use this hosted zone for every record instead of finding the public zone by longest match.</summary>
        [Parameter]
        [ValidatePattern(@"^(/hostedzone/)?[A-Z0-9]{1,32}$")]
        public string? HostedZoneId { get; set; }

        /// <summary>The profile whose account holds the hosted zones (when Route 53 is in another account).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Internal.AwsProfileCompleter))]
        public string? DnsProfileName { get; set; }

        /// <summary>A role in the account that holds the hosted zones, assumed with the other credentials.</summary>
        [Parameter]
        [ValidatePattern(@"^arn:aws[a-z-]*:iam::\d{12}:role/.+$")]
        public string? DnsRoleArn { get; set; }

        /// <summary>The external id -DnsRoleArn's trust policy requires.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? DnsExternalId { get; set; }

        /// <summary>Poll GetChange until every sent batch is INSYNC.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>How long -Wait waits for INSYNC, in seconds.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int WaitTimeoutSec { get; set; } = 300;

        private readonly List<SesDnsRecord> _records = new List<SesDnsRecord>();

        /// <summary>Route 53 is global (it signs in us-east-1): without a configured region, us-east-1 serves for STS too.</summary>
        protected override void BeginProcessing()
        {
            if (Region == null && !HasConfiguredRegion()) Region = new[] { "us-east-1" };
            base.BeginProcessing();
        }

        private bool HasConfiguredRegion()
        {
            try
            {
                AwsContext.Create(new AwsContextOptions { ProfileName = ProfileName, EndpointUrl = EndpointUrl });
                return true;
            }
            catch (AwsException)
            {
                // No region (or a bad profile, which the base class reports with its own words).
                return false;
            }
        }

        protected override void ProcessRecord() => _records.AddRange(InputObject.Where(r => r != null));

        protected override void EndProcessing()
        {
            if (_records.Count == 0) return;
            if (DnsExternalId != null && DnsRoleArn == null)
                ThrowTerminating("-DnsExternalId applies only with -DnsRoleArn.", "AwsRoleParameterWithoutRole", ErrorCategory.InvalidArgument, null);
            var context = DnsContext();
            Route53Client route53;
            IReadOnlyList<Route53HostedZone> zones;
            try
            {
                route53 = RunCore(ct => context.CreateRoute53ClientAsync(ct));
                zones = RunCore(ct => route53.ListHostedZonesAsync(ct));
            }
            catch (AwsException e)
            {
                ThrowTerminating($"Route 53: {e.Message}", "Route53Unavailable", Category(e), null, e);
                return;
            }
            using (route53)
            {
                WriteVerbose($"Route 53 as {context}: {zones.Count} hosted zone(s).");
                foreach (var (zone, records) in Assign(zones))
                {
                    if (zone == null)
                    {
                        foreach (var r in records)
                        {
                            var skipped = new DnsRecordChange
                            {
                                Name = r.Name, Type = r.Type, Purpose = r.Purpose, After = r.Values, Ttl = r.Ttl, Action = DnsRecordChangeAction.Skipped,
                                ErrorId = "SesDnsNoHostedZone", Reason = $"No public hosted zone of this account holds {r.Name}.",
                            };
                            WriteItemError(skipped.Reason, skipped.ErrorId, ErrorCategory.ObjectNotFound, r.Name,
                                "Create the zone, pass -HostedZoneId, or use -DnsProfileName/-DnsRoleArn for the account that holds it.");
                            WriteObject(skipped);
                        }
                        continue;
                    }
                    SyncZone(route53, zone, records);
                }
            }
        }

        /// <summary>Records grouped by hosted zone (null: no zone holds them), zones in the order first needed.</summary>
        private IEnumerable<(Route53HostedZone? Zone, List<SesDnsRecord> Records)> Assign(IReadOnlyList<Route53HostedZone> zones)
        {
            if (HostedZoneId != null)
            {
                var id = HostedZoneId.StartsWith("/hostedzone/", StringComparison.OrdinalIgnoreCase) ? HostedZoneId.Substring(12) : HostedZoneId;
                var zone = zones.FirstOrDefault(z => string.Equals(z.Id, id, StringComparison.Ordinal));
                if (zone == null)
                    ThrowTerminating($"Route 53 has no hosted zone {id} in this account.", "SesDnsHostedZoneNotFound", ErrorCategory.ObjectNotFound, id,
                        null);
                if (zone!.PrivateZone) WriteWarning($"{zone} is a private hosted zone: receivers on the internet do not see its records.");
                return new[] { ((Route53HostedZone?)zone, _records.ToList()) };
            }
            var groups = new List<(Route53HostedZone?, List<SesDnsRecord>)>();
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var ambiguous = new HashSet<string>(StringComparer.Ordinal);
            foreach (var r in _records)
            {
                var zone = HostedZoneMatcher.Find(zones, r.Name);
                var key = zone?.Id ?? "";
                if (zone != null && HostedZoneMatcher.IsAmbiguous(zones, zone) && ambiguous.Add(zone.Name))
                    WriteWarning($"Several public hosted zones are named {zone.Name}; using {zone.Id}. Pass -HostedZoneId to choose.");
                if (!index.TryGetValue(key, out var i))
                {
                    index[key] = i = groups.Count;
                    groups.Add((zone, new List<SesDnsRecord>()));
                }
                groups[i].Item2.Add(r);
            }
            return groups;
        }

        private void SyncZone(Route53Client route53, Route53HostedZone zone, List<SesDnsRecord> records)
        {
            Route53ChangePlan plan;
            try
            {
                var existing = RunCore(ct => route53.ListResourceRecordSetsAsync(zone.Id, Route53Client.MaxRecordSetsPerPage, ct));
                plan = Route53ChangePlanner.Plan(zone, existing, records);
            }
            catch (AwsException e)
            {
                WriteError(NewError(new EmailAuthException($"{zone}: {e.Message}", e), "SesDnsZoneReadFailed", Category(e), zone.Id));
                return;
            }
            foreach (var w in plan.Warnings) WriteWarning(w);
            foreach (var c in plan.Changes.Where(c => c.Action == DnsRecordChangeAction.Skipped || c.Action == DnsRecordChangeAction.NoChange))
            {
                if (c.Action == DnsRecordChangeAction.Skipped)
                    WriteItemError(c.Reason ?? "Refused.", c.ErrorId ?? "SesDnsConflict", ErrorCategory.ResourceExists, c.Name);
                else WriteVerbose($"{c.Name} {c.Type}: no change ({c.Reason}).");
                WriteObject(c);
            }
            // Every batch is sent first; with -Wait they are then polled together, as Route 53 propagates them side by side.
            var sent = new List<(Route53ChangeInfo Info, List<DnsRecordChange> Changes)>();
            foreach (var batch in plan.Batches)
            {
                var accepted = batch.Where(c => ShouldProcess($"{c.Name} {c.Type} in hosted zone {zone.Name} ({zone.Id})", Describe(c))).ToList();
                if (accepted.Count == 0) continue;
                try
                {
                    var info = RunCore(ct => route53.ChangeResourceRecordSetsAsync(zone.Id, Comment, accepted.Select(c => c.ToRoute53Change()!), ct));
                    sent.Add((info, accepted));
                }
                catch (AwsException e)
                {
                    WriteError(NewError(new EmailAuthException($"{zone}: the change batch was refused: {e.Message}", e), "SesDnsChangeFailed", Category(e), zone.Id));
                    foreach (var c in accepted)
                    {
                        c.Action = DnsRecordChangeAction.Skipped;
                        c.ErrorId = "SesDnsChangeFailed";
                        c.Reason = e.Message;
                        WriteObject(c);
                    }
                }
            }
            var final = sent.Select(s => s.Info).ToList();
            if (Wait && final.Count > 0)
            {
                try { final = RunCore(ct => WaitAsync(route53, final, ct)); }
                catch (AwsException e)
                {
                    WriteError(NewError(new EmailAuthException($"{zone}: GetChange failed: {e.Message}", e), "SesDnsWaitFailed", Category(e), zone.Id));
                }
            }
            for (var i = 0; i < sent.Count; i++)
            {
                var info = final[i];
                if (Wait && !info.IsInSync)
                    WriteItemError($"{zone}: change {info.Id} was not INSYNC after {WaitTimeoutSec} s (status {info.Status}).", "SesDnsWaitTimeout",
                        ErrorCategory.OperationTimeout, info.Id, "Check later with the AWS CLI: aws route53 get-change --id " + info.Id);
                foreach (var c in sent[i].Changes)
                {
                    c.ChangeId = info.Id;
                    c.Status = info.Status;
                    WriteObject(c);
                }
            }
        }

        /// <summary>Polls GetChange for every change not yet INSYNC, every <see cref="PollInterval"/>, until all are or -WaitTimeoutSec passes.</summary>
        private async Task<List<Route53ChangeInfo>> WaitAsync(Route53Client route53, List<Route53ChangeInfo> changes, CancellationToken token)
        {
            var result = changes.ToList();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(WaitTimeoutSec);
            // Bounded by the deadline and by a count (a clock that jumps back cannot keep it polling).
            var maxRounds = (int)(WaitTimeoutSec / PollInterval.TotalSeconds) + 2;
            for (var round = 0; round < maxRounds && result.Any(c => !c.IsInSync) && DateTime.UtcNow < deadline; round++)
            {
                await Task.Delay(PollInterval, token).ConfigureAwait(false);
                for (var i = 0; i < result.Count; i++)
                    if (!result[i].IsInSync) result[i] = await route53.GetChangeAsync(result[i].Id, token).ConfigureAwait(false);
            }
            return result;
        }

        private static string Describe(DnsRecordChange c) =>
            c.Action == DnsRecordChangeAction.Create
                ? $"Create (TTL {c.Ttl}): {string.Join(" | ", c.After)}"
                : $"Upsert (TTL {c.Ttl}): [{string.Join(" | ", c.Before ?? Array.Empty<string>())}] → [{string.Join(" | ", c.After)}]";

        /// <summary>The credentials for Route 53: the cmdlet's, or -DnsProfileName / -DnsRoleArn (assumed with the cmdlet's credentials).</summary>
        private AwsContext DnsContext()
        {
            var first = Targets.FirstOrDefault(t => t.Context != null)?.Context;
            if (first == null)
            {
                ThrowTerminating("No usable AWS region for Route 53's signing context.", "AwsConfigurationInvalid", ErrorCategory.InvalidArgument, Region);
                return null!;
            }
            if (DnsProfileName == null && DnsRoleArn == null) return first;
            var options = new AwsContextOptions
            {
                ProfileName = DnsProfileName ?? ProfileName,
                RoleArn = DnsRoleArn,
                ExternalId = DnsExternalId,
                RoleSessionName = RoleSessionName,
                EndpointUrl = EndpointUrl,
                Region = first.Region,
            };
            if (DnsProfileName == null && Credential != null)
            {
                options.AccessKeyId = Credential.UserName;
                options.SecretAccessKey = Credential.GetNetworkCredential().Password;
            }
            // -DnsProfileName alone: that profile's own credentials (and any role the profile itself assumes).
            if (DnsProfileName == null && DnsRoleArn == null) options.RoleArn = RoleArn;
            try
            {
                var context = AwsContext.Create(options);
                WriteVerbose("Route 53 credentials: " + context);
                return context;
            }
            catch (AwsException e)
            {
                ThrowTerminating(e.Message, "AwsConfigurationInvalid", ErrorCategory.InvalidArgument, null, e);
                return null!;
            }
        }
    }
}
