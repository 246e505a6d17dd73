using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Aws;
using EmailAuth.Core.Aws.DnsPlan;
using EmailAuth.Core.Aws.Route53;
using EmailAuth.Core.Aws.Ses;
using EmailAuth.Core.Dns;
using EmailAuth.Core.ZoneFiles;
using EmailAuth.Internal;

namespace EmailAuth.Commands
{
    /// <summary>
    /// Makes Route 53 hold the records of Get-SesDnsRecord: finds each record's public hosted zone (longest match)
    /// or uses -HostedZoneId, reads the zone, plans Create/Upsert/NoChange (Route53ChangePlanner: merges, never
    /// deletes), asks ShouldProcess per change, and sends one change batch per zone (split at Route 53's limits).
    /// Route 53 may be in another account: -DnsProfileName / -DnsRoleArn. Piped SES identities (Get-SesIdentity) are
    /// first planned exactly as Get-SesDnsRecord plans them (same planner and parameters), merged across accounts and regions.
    /// </summary>
    [Cmdlet(VerbsData.Sync, "SesDnsRecord", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = RecordSet)]
    [Alias("Sync-SesDnsRecords")]
    [OutputType(typeof(DnsRecordChange))]
    public sealed class SyncSesDnsRecordCommand : AwsCmdlet, IDynamicParameters
    {
        private const string Comment = "EmailAuth Sync-SesDnsRecord";
        /// <summary>Between GetChange polls: Route 53 usually reaches INSYNC within a minute.</summary>
        private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

        private const string RecordSet = "Record";
        private const string IdentitySet = "Identity";

        /// <summary>Records from Get-SesDnsRecord.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = RecordSet)]
        [ValidateNotNull]
        public SesDnsRecord[] InputObject { get; set; } = Array.Empty<SesDnsRecord>();

        /// <summary>Identities from Get-SesIdentity or New-SesDomainIdentity: their records are planned as Get-SesDnsRecord plans them.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = IdentitySet)]
        [ValidateNotNull]
        public SesIdentity[] Identity { get; set; } = Array.Empty<SesIdentity>();

        /// <summary>DNS servers for the DMARC policy discovery of piped identities (as Get-SesDnsRecord -Server).</summary>
        [Parameter(ParameterSetName = IdentitySet)]
        [ValidateNotNullOrEmpty]
        public string[]? Server { get; set; }

        /// <summary>Answer the DMARC policy discovery of piped identities from these master files (as Get-SesDnsRecord -ZoneFile).</summary>
        [Parameter(ParameterSetName = IdentitySet)]
        [ValidateNotNullOrEmpty]
        public string[]? ZoneFile { get; set; }

        /// <summary>Seconds to wait for one DNS answer of the DMARC discovery (live DNS only).</summary>
        [Parameter(ParameterSetName = IdentitySet)]
        [ValidateRange(1, 60)]
        public int TimeoutSec { get; set; } = 5;

        /// <summary>Use this hosted zone for every record instead of finding the public zone by longest match.</summary>
        [Parameter]
        [ValidatePattern(@"^(/hostedzone/)?[A-Z0-9]{1,32}$")]
        public string? HostedZoneId { get; set; }

        /// <summary>The profile whose account holds the hosted zones (when Route 53 is in another account).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Internal.AwsProfileCompleter))]
        public string? DnsProfileName { get; set; }

        /// <summary>
        /// A role in the account that holds the hosted zones, assumed with the base credentials (-Credential, -DnsProfileName,
        /// -ProfileName or the default chain), never through -RoleArn's session.
        /// </summary>
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
        private readonly List<SesDnsPlanInput> _identities = new List<SesDnsPlanInput>();
        private readonly SesDnsPlanParameters _plan = new SesDnsPlanParameters();

        /// <summary>Get-SesDnsRecord's planning parameters (-DmarcPolicy, -DmarcReportAddress, -NoDmarc, -Ttl, -PublicKey, -VerificationToken), for piped identities.</summary>
        public object GetDynamicParameters() => _plan;

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

        protected override void ProcessRecord()
        {
            if (ParameterSetName == IdentitySet) _identities.AddRange(_plan.Inputs(Identity));
            else _records.AddRange(InputObject.Where(r => r != null));
        }

        protected override void EndProcessing()
        {
            if (ParameterSetName == IdentitySet) PlanIdentities();
            else
            {
                var misplaced = SesDnsPlanParameters.Names.Where(n => MyInvocation.BoundParameters.ContainsKey(n) && n != nameof(SesDnsPlanParameters.VerificationToken)).ToList();
                if (misplaced.Count > 0)
                    ThrowTerminating($"-{string.Join(", -", misplaced)} apply only to piped SES identities; records from Get-SesDnsRecord are already planned.",
                        "SesDnsPlanParameterWithRecords", ErrorCategory.InvalidArgument, null);
            }
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

        /// <summary>
        /// Plans the piped identities' records as Get-SesDnsRecord does: all identities together, so one domain's identities
        /// in several accounts and regions merge into one set of records (issue 12 §3) before anything is synced.
        /// </summary>
        private void PlanIdentities()
        {
            if (_identities.Count == 0) return;
            SesDnsPlanOptions options;
            try { options = _plan.Options(_identities); }
            catch (ArgumentException e)
            {
                ThrowTerminating(e.Message, "InvalidDmarcReportAddress", ErrorCategory.InvalidArgument, _plan.DmarcReportAddress, e);
                return;
            }
            if (!_plan.NoDmarc)
            {
                var (resolver, description) = DmarcResolver();
                options.DomainsWithDmarc = SesDnsPlanParameters.FindDomainsWithDmarc(_identities, resolver, description, RunCore, WriteDnsTrace,
                    WriteVerbose, WriteWarning, IsFatal);
            }
            var plan = SesDnsPlanner.Plan(_identities, options);
            foreach (var w in plan.Warnings) WriteWarning(w);
            WriteVerbose($"{_identities.Count} identit{(_identities.Count == 1 ? "y" : "ies")} need {plan.Records.Count} record(s).");
            _records.AddRange(plan.Records);
        }

        /// <summary>The resolver of the DMARC discovery: -ZoneFile, -Server or the system's resolvers (the same session-wide caches as the DNS cmdlets).</summary>
        private (IDnsResolver Resolver, string Description) DmarcResolver()
        {
            if (ZoneFile != null && Server != null)
                ThrowTerminating("Give -Server or -ZoneFile, not both.", "AmbiguousDnsSource", ErrorCategory.InvalidArgument, null);
            var source = OpenDnsSource(ZoneFile, Server, TimeoutSec);
            return (source.Resolver, source.Description);
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
            // -DnsRoleArn is assumed with the base credentials, not chained through -RoleArn's session: the usual layout is a
            // central DNS account whose role trusts the operator's principal, and a role session cannot be assumed by another
            // role unless that trust names it (IAM role chaining, which also caps the session at one hour).
            if (RoleArn != null && DnsRoleArn != null)
                WriteVerbose($"-DnsRoleArn is assumed with the base credentials ({(Credential != null ? "-Credential" : ProfileName != null ? "-ProfileName" : "default chain")}), not through -RoleArn.");
            try
            {
                var context = AwsContext.Create(options);
                RequireSsoToken(context, options.ProfileName);
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
