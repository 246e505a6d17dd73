using System.Linq;
using System.Threading.Tasks;
using EmailAuth.Core.Aws.DnsPlan;
using EmailAuth.Core.Aws.Route53;
using EmailAuth.Core.Tests.Aws;
using Xunit;

namespace EmailAuth.Core.Tests.Aws.DnsPlan
{
    /// <summary>The planner's batches sent through the Route 53 client to the emulator, which validates them as Route 53 does.</summary>
    public sealed class Route53SyncEmulatorTests : EmulatorTestBase
    {
        [Fact]
        public async Task Planned_batches_are_accepted_and_a_re_plan_of_the_result_changes_nothing()
        {
            var zoneId = Emulator.AddHostedZone(Emulator.AccountA, "example.com");
            Emulator.PutRecordSet(Emulator.AccountA, zoneId, "_amazonses.example.com.", "TXT", 600, "\"tokenFromB\"");
            Emulator.PutRecordSet(Emulator.AccountA, zoneId, "mail.example.com.", "TXT", 300, "\"v=spf1 mx -all\"");
            var ids = Enumerable.Range(1, 40).Select(i => new SesDnsPlanInput(SesDnsPlannerTests.Domain(i == 1 ? "example.com" : $"d{i}.example.com", mailFrom: i == 1 ? "mail.example.com" : $"mail.d{i}.example.com",
                tokens: new[] { $"a{i}", $"b{i}", $"c{i}" }), i == 1 ? "tokenFromA" : null));
            // DKIM key of 600+ characters: TXT strings split at 255 bytes must pass Route 53's check.
            var records = SesDnsPlanner.Plan(ids).Records.ToList();
            records.Add(new SesDnsRecord { Name = "sel._domainkey.example.com.", Type = "TXT", Ttl = 300, Purpose = SesDnsRecordPurpose.DkimTxt, Domain = "example.com",
                Values = new[] { TxtPresentation.Quote("v=DKIM1; k=rsa; p=" + new string('A', 600)) } });
            using var r53 = await Context(Emulator.AccountA).CreateRoute53ClientAsync();
            var zone = (await r53.ListHostedZonesAsync()).Single();

            var existing = await r53.ListResourceRecordSetsAsync(zone.Id, Route53Client.MaxRecordSetsPerPage, default);
            Assert.Single(Emulator.Requests, r => r.RawPath.EndsWith("/rrset"));
            // Small batches force several requests: each must be valid on its own.
            var plan = Route53ChangePlanner.Plan(zone, existing, records, new Route53BatchLimits(60, 32000));
            Assert.True(plan.Batches.Count > 3);
            Assert.DoesNotContain(plan.Changes, c => c.Action == DnsRecordChangeAction.Skipped);
            foreach (var batch in plan.Batches)
                await r53.ChangeResourceRecordSetsAsync(zone.Id, "test", batch.Select(c => c.ToRoute53Change()!));

            var dump = Emulator.DumpZone(Emulator.AccountA, zoneId);
            Assert.Contains("_amazonses.example.com. TXT 600 \"tokenFromB\"|\"tokenFromA\"", dump);
            Assert.Contains("mail.example.com. TXT 300 \"v=spf1 mx include:amazonses.com -all\"", dump);
            var after = await r53.ListResourceRecordSetsAsync(zone.Id, Route53Client.MaxRecordSetsPerPage, default);
            var again = Route53ChangePlanner.Plan(zone, after, records);
            Assert.All(again.Changes, c => Assert.Equal(DnsRecordChangeAction.NoChange, c.Action));
            Assert.Empty(again.Batches);
        }
    }
}
