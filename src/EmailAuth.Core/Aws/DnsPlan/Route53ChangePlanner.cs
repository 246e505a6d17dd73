using System;
using System.Collections.Generic;
using System.Linq;
using EmailAuth.Core.Aws.Route53;

namespace EmailAuth.Core.Aws.DnsPlan
{
    /// <summary>
    /// Plans the changes that make one hosted zone hold the records SES identities need, from the zone's record
    /// sets as read: Create what is missing, Upsert a set that lacks a value (keeping every value and the TTL already
    /// there), NoChange when the zone already has it, and Skipped with a stable ErrorId for states it must not touch.
    /// It never plans a Delete and never drops a value. Pure: tests give it record sets, the cmdlet sends the batches.
    /// </summary>
    public static class Route53ChangePlanner
    {
        /// <summary>Bound on desired records planned for one zone.</summary>
        public const int MaxDesiredRecords = 100_000;

        public static Route53ChangePlan Plan(Route53HostedZone zone, IEnumerable<Route53RecordSet> existing, IEnumerable<SesDnsRecord> desired,
            Route53BatchLimits? limits = null)
        {
            if (zone == null) throw new ArgumentNullException(nameof(zone));
            limits ??= Route53BatchLimits.Default;
            var zoneName = DnsNames.Absolute(zone.Name);
            var sets = (existing ?? throw new ArgumentNullException(nameof(existing))).ToList();
            var byName = sets.GroupBy(s => DnsNames.Absolute(s.Name)).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            var wanted = Merge(desired ?? throw new ArgumentNullException(nameof(desired)));

            var changes = new List<DnsRecordChange>();
            foreach (var record in wanted)
            {
                var change = new DnsRecordChange
                {
                    HostedZoneId = zone.Id,
                    HostedZoneName = zoneName,
                    Name = record.Name,
                    Type = record.Type,
                    Purpose = record.Purpose,
                    After = record.Values,
                    Ttl = record.Ttl,
                };
                changes.Add(change);
                if (!DnsNames.IsInZone(record.Name, zoneName))
                {
                    Skip(change, "SesDnsNotInZone", $"{record.Name} is not in hosted zone {zoneName}.");
                    continue;
                }
                var atName = byName.TryGetValue(record.Name, out var list) ? list : new List<Route53RecordSet>();
                PlanOne(change, record, atName);
            }

            return new Route53ChangePlan
            {
                Changes = changes,
                Batches = Split(changes.Where(c => c.Action == DnsRecordChangeAction.Create || c.Action == DnsRecordChangeAction.Upsert).ToList(), limits),
                Warnings = Inspect(zoneName, sets, wanted),
            };
        }

        private static void PlanOne(DnsRecordChange change, SesDnsRecord record, List<Route53RecordSet> atName)
        {
            var same = atName.Where(s => string.Equals(s.Type, record.Type, StringComparison.OrdinalIgnoreCase)).ToList();
            var cname = atName.FirstOrDefault(s => string.Equals(s.Type, "CNAME", StringComparison.OrdinalIgnoreCase));
            if (same.Any(s => s.SetIdentifier != null || s.HasUnmodelledRouting || s.AliasTarget != null))
            {
                var s = same.First(x => x.SetIdentifier != null || x.HasUnmodelledRouting || x.AliasTarget != null);
                change.Before = s.Values;
                Skip(change, "SesDnsRoutingPolicy", $"{record.Name} {record.Type} is an alias or uses a routing policy ({s.SetIdentifier ?? s.AliasTarget?.DnsName ?? "geolocation/CIDR"}); EmailAuth does not change such record sets.");
                return;
            }

            if (record.Type == "CNAME")
            {
                var target = NormalizeHost(record.Values[0]);
                if (cname != null)
                {
                    change.Before = cname.Values;
                    change.BeforeTtl = cname.Ttl;
                    if (cname.Values.Count == 1 && NormalizeHost(cname.Values[0]) == target)
                        NoChange(change, cname, "the CNAME is in place");
                    else
                        Skip(change, "SesDnsCnameConflict", $"{record.Name} is a CNAME to {string.Join(", ", cname.Values)}, not {target} as SES needs; change or delete it first (a name holds one CNAME, RFC 1034 §3.6.2).");
                    return;
                }
                if (atName.Count > 0)
                {
                    Skip(change, "SesDnsCnameBesideData", $"{record.Name} already holds {string.Join(", ", atName.Select(s => s.Type).Distinct())} records: a CNAME cannot be added beside other data (RFC 1034 §3.6.2, RFC 2181 §10.1).");
                    return;
                }
                Create(change, record);
                return;
            }

            if (cname != null)
            {
                change.Before = cname.Values;
                Skip(change, "SesDnsCnameBesideData", $"{record.Name} is a CNAME to {string.Join(", ", cname.Values)}: no {record.Type} record can be added beside it (RFC 1034 §3.6.2).");
                return;
            }
            var current = same.FirstOrDefault();
            if (current == null)
            {
                Create(change, record);
                return;
            }
            change.Before = current.Values;
            change.BeforeTtl = current.Ttl;
            if (record.Type == "MX") PlanMx(change, record, current);
            else if (record.Type == "TXT") PlanTxt(change, record, current);
            else Skip(change, "SesDnsUnsupportedType", $"{record.Type} records are not planned by EmailAuth.");
        }

        /// <summary>MAIL FROM MX: SES hosts may be merged (one per region); a host elsewhere would take SES's bounces, so it is refused.</summary>
        private static void PlanMx(DnsRecordChange change, SesDnsRecord record, Route53RecordSet current)
        {
            var have = current.Values.Select(NormalizeMx).ToList();
            var foreign = current.Values.Where(v => !IsSesFeedbackHost(NormalizeMx(v))).ToList();
            if (foreign.Count > 0)
            {
                Skip(change, "SesDnsMxConflict", $"{record.Name} has MX {string.Join(", ", foreign)}: the MAIL FROM domain's MX must lead only to SES (feedback-smtp.<region>.amazonses.com) or bounces are lost; use another MAIL FROM subdomain or remove those MX records.");
                return;
            }
            var missing = record.Values.Where(v => !have.Contains(NormalizeMx(v))).ToList();
            if (missing.Count == 0) { NoChange(change, current, "the MX is in place"); return; }
            Upsert(change, current, current.Values.Concat(missing).ToList(), $"adds {string.Join(", ", missing)}");
        }

        private static void PlanTxt(DnsRecordChange change, SesDnsRecord record, Route53RecordSet current)
        {
            var texts = current.Values.Select(TxtPresentation.Unquote).ToList();
            switch (record.Purpose)
            {
                case SesDnsRecordPurpose.MailFromSpf:
                {
                    var spf = Enumerable.Range(0, texts.Count).Where(i => IsSpf(texts[i])).ToList();
                    if (spf.Count > 1)
                    {
                        Skip(change, "SesDnsSpfConflict", $"{record.Name} already has {spf.Count} v=spf1 records, a permerror (RFC 7208 §4.5); leave one and run again.");
                        return;
                    }
                    if (spf.Count == 0) break;
                    var merged = SpfAmazonSesMerge.TryMerge(texts[spf[0]], out var why);
                    if (merged == null)
                    {
                        Skip(change, "SesDnsSpfConflict", $"{record.Name} has the SPF record \"{texts[spf[0]]}\" without include:amazonses.com, and it cannot be merged safely: {why}. A name holds one SPF record (RFC 7208 §4.5): add include:amazonses.com yourself.");
                        return;
                    }
                    if (merged == texts[spf[0]]) { NoChange(change, current, "the SPF record already includes amazonses.com"); return; }
                    var values = current.Values.ToList();
                    values[spf[0]] = TxtPresentation.Quote(merged);
                    Upsert(change, current, values, "SPF merged: " + why);
                    return;
                }
                case SesDnsRecordPurpose.Dmarc:
                {
                    var dmarc = texts.FirstOrDefault(IsDmarc);
                    if (dmarc != null) { NoChange(change, current, "a DMARC record is published; it is not replaced (RFC 7489 §6.6.3: one record per name)"); return; }
                    break;
                }
                case SesDnsRecordPurpose.DkimTxt:
                {
                    var wantedKey = TxtPresentation.Unquote(record.Values[0]);
                    var keys = texts.Where(t => t.StartsWith("v=DKIM1", StringComparison.OrdinalIgnoreCase) || t.Contains("p=")).ToList();
                    if (keys.Any(k => !SameKeyRecord(k, wantedKey)))
                    {
                        Skip(change, "SesDnsDkimKeyConflict", $"{record.Name} holds another DKIM key; two key records at one selector make verification fail (RFC 6376 §3.6.2.2). Use another selector or replace the key yourself.");
                        return;
                    }
                    break;
                }
            }
            // Other TXT (verification tokens, SPF where none is, DMARC where none is): union, keeping every value present.
            var missing = record.Values.Where(v => !texts.Contains(TxtPresentation.Unquote(v), StringComparer.Ordinal)).ToList();
            if (missing.Count == 0) { NoChange(change, current, "the TXT value is in place"); return; }
            Upsert(change, current, current.Values.Concat(missing).ToList(), $"adds {string.Join(", ", missing)}; keeps {current.Values.Count} value(s)");
        }

        private static bool SameKeyRecord(string a, string b) =>
            string.Equals(Compact(a), Compact(b), StringComparison.Ordinal);

        private static string Compact(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c))).TrimEnd(';');

        private static bool IsSpf(string text) =>
            text.Length >= 6 && text.StartsWith("v=spf1", StringComparison.OrdinalIgnoreCase) && (text.Length == 6 || text[6] == ' ');

        private static bool IsDmarc(string text) =>
            text.TrimStart().StartsWith("v=DMARC1", StringComparison.Ordinal) && (text.Trim().Length == 8 || text.TrimStart()[8] == ';' || char.IsWhiteSpace(text.TrimStart()[8]));

        private static string NormalizeHost(string host) => DnsNames.Absolute(host);

        private static string NormalizeMx(string value)
        {
            var parts = value.Trim().Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            return parts.Length == 2 ? parts[0].TrimStart('0').PadLeft(1, '0') + " " + DnsNames.Absolute(parts[1]) : value.Trim().ToLowerInvariant();
        }

        private static bool IsSesFeedbackHost(string normalizedMx)
        {
            var host = normalizedMx.Split(' ').Last();
            return host.StartsWith("feedback-smtp.", StringComparison.Ordinal) && host.EndsWith(".amazonses.com.", StringComparison.Ordinal);
        }

        private static void Create(DnsRecordChange change, SesDnsRecord record)
        {
            change.Action = DnsRecordChangeAction.Create;
            change.RecordSet = new Route53RecordSet { Name = record.Name, Type = record.Type, Ttl = record.Ttl, Values = record.Values };
        }

        /// <summary>An UPSERT replaces the whole set: it carries every value already there, and keeps the TTL.</summary>
        private static void Upsert(DnsRecordChange change, Route53RecordSet current, IReadOnlyList<string> values, string reason)
        {
            change.Action = DnsRecordChangeAction.Upsert;
            change.After = values;
            change.Ttl = current.Ttl ?? change.Ttl;
            change.Reason = reason;
            change.RecordSet = new Route53RecordSet
            {
                Name = current.Name,
                Type = current.Type,
                Ttl = change.Ttl,
                Values = values,
                MultiValueAnswer = current.MultiValueAnswer,
                HealthCheckId = current.HealthCheckId,
            };
        }

        private static void NoChange(DnsRecordChange change, Route53RecordSet current, string reason)
        {
            change.Action = DnsRecordChangeAction.NoChange;
            change.After = current.Values;
            change.Ttl = current.Ttl ?? change.Ttl;
            change.Reason = reason;
        }

        private static void Skip(DnsRecordChange change, string errorId, string reason)
        {
            change.Action = DnsRecordChangeAction.Skipped;
            change.ErrorId = errorId;
            change.Reason = reason;
        }

        /// <summary>Records of one name and type from several plans become one (values unioned, first TTL and purpose).</summary>
        private static List<SesDnsRecord> Merge(IEnumerable<SesDnsRecord> desired)
        {
            var result = new List<SesDnsRecord>();
            var index = new Dictionary<(string, string), int>();
            var n = 0;
            foreach (var r in desired)
            {
                if (++n > MaxDesiredRecords) throw new ArgumentException($"At most {MaxDesiredRecords} records can be planned for one zone.", nameof(desired));
                if (r == null || r.Values.Count == 0) continue;
                var name = DnsNames.Absolute(r.Name);
                var type = r.Type.ToUpperInvariant();
                if (index.TryGetValue((name, type), out var i))
                {
                    var prior = result[i];
                    var values = prior.Values.ToList();
                    var priorTexts = values.Select(v => type == "TXT" ? TxtPresentation.Unquote(v) : v.ToLowerInvariant()).ToList();
                    foreach (var v in r.Values)
                        if (!priorTexts.Contains(type == "TXT" ? TxtPresentation.Unquote(v) : v.ToLowerInvariant())) values.Add(v);
                    result[i] = Copy(prior, name, type, type == "CNAME" ? values.Take(1).ToList() : values,
                        prior.Identities.Union(r.Identities).ToArray(), prior.Accounts.Union(r.Accounts).ToArray(), prior.Regions.Union(r.Regions).ToArray());
                }
                else
                {
                    index[(name, type)] = result.Count;
                    result.Add(Copy(r, name, type, r.Values, r.Identities, r.Accounts, r.Regions));
                }
            }
            return result;
        }

        private static SesDnsRecord Copy(SesDnsRecord r, string name, string type, IReadOnlyList<string> values, IReadOnlyList<string> ids, IReadOnlyList<string> accounts, IReadOnlyList<string> regions) =>
            new SesDnsRecord { Name = name, Type = type, Values = values, Ttl = r.Ttl, Purpose = r.Purpose, Domain = r.Domain, Identities = ids, Accounts = accounts, Regions = regions };

        /// <summary>Greedy split in request order; an UPSERT counts twice toward both limits.</summary>
        private static IReadOnlyList<IReadOnlyList<DnsRecordChange>> Split(List<DnsRecordChange> send, Route53BatchLimits limits)
        {
            var batches = new List<IReadOnlyList<DnsRecordChange>>();
            var current = new List<DnsRecordChange>();
            int records = 0, chars = 0;
            foreach (var c in send)
            {
                var factor = c.Action == DnsRecordChangeAction.Upsert ? 2 : 1;
                var r = c.RecordSet!.Values.Count * factor;
                var ch = c.RecordSet.Values.Sum(v => v.Length) * factor;
                if (r > limits.MaxRecords || ch > limits.MaxValueCharacters)
                {
                    Skip(c, "SesDnsChangeTooLarge", $"{c.Name} {c.Type}: {r} records / {ch} value characters exceed one Route 53 change batch ({limits.MaxRecords} / {limits.MaxValueCharacters}).");
                    c.RecordSet = null;
                    continue;
                }
                if (current.Count > 0 && (records + r > limits.MaxRecords || chars + ch > limits.MaxValueCharacters))
                {
                    batches.Add(current);
                    current = new List<DnsRecordChange>();
                    records = chars = 0;
                }
                current.Add(c);
                records += r;
                chars += ch;
            }
            if (current.Count > 0) batches.Add(current);
            return batches;
        }

        /// <summary>Warnings about what is already in the zone: doubled-suffix names and dangling SES DKIM CNAMEs.</summary>
        private static IReadOnlyList<string> Inspect(string zoneName, List<Route53RecordSet> sets, List<SesDnsRecord> wanted)
        {
            var warnings = new List<string>();
            var bareZone = zoneName.TrimEnd('.');
            var domains = wanted.Select(w => DnsNames.Absolute(w.Domain.Length > 0 ? w.Domain : w.Name)).Distinct().ToList();
            var wantedNames = new HashSet<string>(wanted.Select(w => w.Name), StringComparer.Ordinal);
            foreach (var s in sets)
            {
                var name = DnsNames.Absolute(s.Name);
                // A relative name typed where an absolute one was wanted: x._domainkey.example.com.example.com.
                if (name.EndsWith("." + bareZone + "." + zoneName, StringComparison.Ordinal) || name == bareZone + "." + zoneName)
                    warnings.Add($"{name} {s.Type} repeats the zone name ({bareZone}.{bareZone}): it was probably meant as {name.Substring(0, name.Length - zoneName.Length)} and nobody queries it. Delete it once the right record is in place.");
                else if (string.Equals(s.Type, "CNAME", StringComparison.OrdinalIgnoreCase) && s.Values.Count == 1 && !wantedNames.Contains(name)
                    && s.Values[0].TrimEnd('.').EndsWith(".amazonses.com", StringComparison.OrdinalIgnoreCase)
                    && domains.Any(d => name.EndsWith("._domainkey." + d, StringComparison.Ordinal)))
                    warnings.Add($"{name} CNAME {s.Values[0]} points into SES but no identity given here uses it: a dangling DKIM record (a deleted identity, or one in an account or region not piped in). It is left alone.");
            }
            return warnings;
        }
    }
}
