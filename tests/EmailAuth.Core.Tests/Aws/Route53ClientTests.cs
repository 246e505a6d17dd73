using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using EmailAuth.Core.Aws;
using EmailAuth.Core.Aws.Route53;
using EmailAuth.Emulator;
using Xunit;

namespace EmailAuth.Core.Tests.Aws
{
    /// <summary>The Route 53 client against the emulator: paging, change batches, errors, retries and pacing.</summary>
    public sealed class Route53ClientTests : EmulatorTestBase
    {
        private static Route53RecordSet Txt(string name, params string[] values) =>
            new Route53RecordSet { Name = name, Type = "TXT", Ttl = 300, Values = values };

        [Fact]
        public async Task Lists_zones_over_pages_with_markers_and_by_name()
        {
            foreach (var name in new[] { "example.com", "example.org", "a.example.com", "example.net", "z.example.com" })
                Emulator.AddHostedZone(Emulator.AccountA, name);
            Emulator.AddHostedZone(Emulator.AccountB, "other.example");
            using var r53 = await Context(Emulator.AccountA).CreateRoute53ClientAsync();

            var zones = await r53.ListHostedZonesAsync();
            Assert.Equal(5, zones.Count);
            Assert.All(zones, z => Assert.DoesNotContain("/", z.Id));
            Assert.Contains(zones, z => z.Name == "a.example.com." && !z.PrivateZone && z.ResourceRecordSetCount == 2);
            Assert.Equal(2, Emulator.Requests.Count(r => r.RawPath == "/2013-04-01/hostedzone"));

            var byName = await r53.ListHostedZonesByNameAsync();
            Assert.Equal(new[] { "example.com.", "a.example.com.", "z.example.com.", "example.net.", "example.org." }, byName.Select(z => z.Name));
            var from = await r53.ListHostedZonesByNamePageAsync("example.net", null, 10);
            Assert.Equal(new[] { "example.net.", "example.org." }, from.HostedZones.Select(z => z.Name));
        }

        [Fact]
        public async Task Pages_record_sets_by_name_type_and_identifier()
        {
            var zone = Emulator.AddHostedZone(Emulator.AccountA, "example.com");
            using var r53 = await Context(Emulator.AccountA).CreateRoute53ClientAsync();
            var changes = Enumerable.Range(1, 8).Select(i => new Route53Change(Route53ChangeAction.Create, Txt($"t{i}.example.com.", $"\"v={i}\"")))
                .Append(new Route53Change(Route53ChangeAction.Create, Txt("u.example.com.", "\"u\"")))
                .Append(new Route53Change(Route53ChangeAction.Create, new Route53RecordSet
                {
                    Name = "w.example.com.", Type = "TXT", Ttl = 60, Values = new[] { "\"one\"" }, SetIdentifier = "one", Weight = 10,
                }))
                .Append(new Route53Change(Route53ChangeAction.Create, new Route53RecordSet
                {
                    Name = "w.example.com.", Type = "TXT", Ttl = 60, Values = new[] { "\"two\"" }, SetIdentifier = "two", Weight = 20,
                }))
                .ToList();
            await r53.ChangeResourceRecordSetsAsync(zone, "seed", changes);

            var all = await r53.ListResourceRecordSetsAsync("/hostedzone/" + zone);
            Assert.Equal(13, all.Count);
            Assert.Equal(new[] { "one", "two" }, all.Where(s => s.Name == "w.example.com.").Select(s => s.SetIdentifier));
            Assert.Equal(20, all.Single(s => s.SetIdentifier == "two").Weight);
            // Page size 3 (SOA, NS, t1 | t2-t4 | t5-t7 | t8, u, w one | w two): five pages, each after the
            // first starting at the name/type (and set identifier) the one before named.
            var lists = Emulator.Requests.Where(r => r.Method == "GET" && r.RawPath.EndsWith("/rrset", StringComparison.Ordinal)).ToList();
            Assert.Equal(5, lists.Count);
            Assert.All(lists.Skip(1), r => Assert.Contains("name=", r.RawQuery));
            Assert.Contains(lists, r => r.RawQuery.Contains("identifier=two", StringComparison.Ordinal));
        }

        [Fact]
        public async Task Applies_a_batch_and_polls_the_change_until_INSYNC()
        {
            var zone = Emulator.AddHostedZone(Emulator.AccountA, "example.com");
            using var r53 = await Context(Emulator.AccountA).CreateRoute53ClientAsync();
            var change = await r53.ChangeResourceRecordSetsAsync(zone, "EmailAuth test", new[]
            {
                new Route53Change(Route53ChangeAction.Create, new Route53RecordSet { Name = "tok1._domainkey.example.com.", Type = "CNAME", Ttl = 1800, Values = new[] { "tok1.dkim.amazonses.com" } }),
                new Route53Change(Route53ChangeAction.Upsert, new Route53RecordSet { Name = "bounce.example.com.", Type = "MX", Ttl = 300, Values = new[] { "10 feedback-smtp.eu-west-1.amazonses.com" } }),
                new Route53Change(Route53ChangeAction.Upsert, Txt("bounce.example.com.", "\"v=spf1 include:amazonses.com ~all\"")),
            });
            Assert.Equal("PENDING", change.Status);
            Assert.DoesNotContain("/", change.Id);
            Assert.Equal("EmailAuth test", change.Comment);
            Assert.False((await r53.GetChangeAsync(change.Id)).IsInSync);
            Assert.True((await r53.GetChangeAsync("/change/" + change.Id)).IsInSync);
            Assert.Contains("bounce.example.com. TXT 300 \"v=spf1 include:amazonses.com ~all\"", Emulator.DumpZone(Emulator.AccountA, zone));
        }

        [Fact]
        public async Task A_refused_batch_is_InvalidChangeBatch_with_the_reasons_and_changes_nothing()
        {
            var zone = Emulator.AddHostedZone(Emulator.AccountA, "example.com");
            using var r53 = await Context(Emulator.AccountA).CreateRoute53ClientAsync();
            await r53.ChangeResourceRecordSetsAsync(zone, null, new[] { new Route53Change(Route53ChangeAction.Create, Txt("_amazonses.example.com.", "\"a\"")) });
            var before = Emulator.DumpZone(Emulator.AccountA, zone);

            var e = await Assert.ThrowsAsync<AwsException>(() => r53.ChangeResourceRecordSetsAsync(zone, null, new[]
            {
                new Route53Change(Route53ChangeAction.Upsert, Txt("ok.example.com.", "\"fine\"")),
                new Route53Change(Route53ChangeAction.Create, Txt("_amazonses.example.com.", "\"b\"")),
                new Route53Change(Route53ChangeAction.Create, Txt("x._domainkey.example.com.example.org.", "\"doubled\"")),
                new Route53Change(Route53ChangeAction.Upsert, Txt("unquoted.example.com.", "v=spf1 -all")),
            }));
            Assert.Equal("InvalidChangeBatch", e.ErrorCode);
            Assert.Equal(400, e.StatusCode);
            Assert.Contains("already exists", e.Message);
            Assert.Contains("is not permitted in zone example.com.", e.Message);
            Assert.Contains("quotation marks", e.Message);
            Assert.Equal(before, Emulator.DumpZone(Emulator.AccountA, zone));
            // A client error is not retried.
            Assert.Single(Emulator.Requests, r => r.ErrorCode == "InvalidChangeBatch");
        }

        [Fact]
        public async Task Reads_InvalidChangeBatch_in_its_Messages_shape_too()
        {
            Emulator.Options.Route53InvalidChangeBatchAsMessages = true;
            var zone = Emulator.AddHostedZone(Emulator.AccountA, "example.com");
            using var r53 = await Context(Emulator.AccountA).CreateRoute53ClientAsync();
            var e = await Assert.ThrowsAsync<AwsException>(() => r53.ChangeResourceRecordSetsAsync(zone, null, new[]
            {
                new Route53Change(Route53ChangeAction.Delete, Txt("gone.example.com.", "\"x\"")),
                new Route53Change(Route53ChangeAction.Upsert, Txt("unquoted.example.com.", "v=spf1 -all")),
            }));
            Assert.Equal("InvalidChangeBatch", e.ErrorCode);
            Assert.Contains("was not found", e.Message);
            Assert.Contains("quotation marks", e.Message);
        }

        [Fact]
        public async Task An_unknown_zone_is_NoSuchHostedZone()
        {
            using var r53 = await Context(Emulator.AccountA).CreateRoute53ClientAsync();
            var e = await Assert.ThrowsAsync<AwsException>(() => r53.ListResourceRecordSetsAsync("ZNOTHERE"));
            Assert.Equal("NoSuchHostedZone", e.ErrorCode);
            Assert.Equal(404, e.StatusCode);
            Assert.True(e.IsNotFound);
            // Another account's zone is as unknown as a missing one.
            var other = Emulator.AddHostedZone(Emulator.AccountB, "example.com");
            Assert.Equal("NoSuchHostedZone", (await Assert.ThrowsAsync<AwsException>(() => r53.ListResourceRecordSetsAsync(other))).ErrorCode);
        }

        [Theory]
        [InlineData(FaultKind.Throttle, "Throttling")]
        [InlineData(FaultKind.PriorRequestNotComplete, "PriorRequestNotComplete")]
        [InlineData(FaultKind.ServerError, "InternalFailure")]
        public async Task Throttling_PriorRequestNotComplete_and_5xx_are_retried(FaultKind fault, string code)
        {
            var zone = Emulator.AddHostedZone(Emulator.AccountA, "example.com");
            using var r53 = await Context(Emulator.AccountA).CreateRoute53ClientAsync();
            Emulator.Faults.Enqueue("route53", fault, 2);
            var change = await r53.ChangeResourceRecordSetsAsync(zone, null, new[] { new Route53Change(Route53ChangeAction.Upsert, Txt("a.example.com.", "\"x\"")) });
            Assert.Equal("PENDING", change.Status);
            var attempts = Emulator.Requests.Where(r => r.Service == "route53").ToList();
            Assert.Equal(new[] { code, code, null }, attempts.Select(r => r.ErrorCode));
        }

        // These two once were one test that counted Throttling answers against the emulator's wall-clock token bucket
        // (5 per second): on a busy machine a stall of a second released several paced requests together (paced sends,
        // bunched arrivals), and a slow unpaced burst could arrive too spread out to be throttled. Neither outcome is
        // deterministic; what is: every attempt passes the pacer, and a burst into a bucket that cannot refill is throttled.

        [Fact]
        public async Task Every_attempt_goes_through_the_pacer_and_a_paced_burst_completes()
        {
            var zone = Emulator.AddHostedZone(Emulator.AccountA, "example.com");
            var pacer = new RequestPacer(RequestPacer.Route53RequestsPerSecond);
            using (var paced = Context(Emulator.AccountA).CreateRoute53Client(pacer))
            {
                await paced.ListResourceRecordSetsPageAsync(zone, null, null, null, null);
                // A machine stall can still bunch paced sends into a throttle: the SDK's retries (paced too) absorb it.
                await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => paced.ListResourceRecordSetsPageAsync(zone, null, null, null, null)));
            }
            // Retries included: the pacer granted exactly the attempts the service saw (the pacer sits after the retry handler).
            Assert.Equal(Emulator.Requests.Count(r => r.Service == "route53"), pacer.Granted);
            Assert.True(pacer.Granted >= 13);
        }

        [Fact]
        public async Task An_unpaced_burst_beyond_the_bucket_is_throttled_without_retries()
        {
            var zone = Emulator.AddHostedZone(Emulator.AccountA, "example.com");
            // The bucket's clock stands still: 5 tokens and no refill, however slowly the 12 requests arrive.
            var frozen = DateTimeOffset.UtcNow;
            Emulator.Options.Clock = () => frozen;
            var options = Options(Emulator.AccountA);
            options.MaxErrorRetry = 0;   // a throttled request must show as a failure, not be hidden by the retry loop
            using var unpaced = AwsContext.Create(options).CreateRoute53Client(null);
            var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ =>
            {
                try { await unpaced.ListResourceRecordSetsPageAsync(zone, null, null, null, null); return null; }
                catch (AwsException e) { return e.ErrorCode; }
            }));
            Assert.Equal(5, results.Count(r => r == null));
            Assert.Equal(7, results.Count(r => r == "Throttling"));
        }

        [Fact]
        public async Task Clients_of_one_account_share_one_pacer()
        {
            var context = Context(Emulator.AccountA);
            using var first = await context.CreateRoute53ClientAsync();
            using var second = await Context(Emulator.AccountA).CreateRoute53ClientAsync();
            using var other = await Context(Emulator.AccountB).CreateRoute53ClientAsync();
            Assert.Same(first.Pacer, second.Pacer);
            Assert.NotSame(first.Pacer, other.Pacer);
        }

        [Fact]
        public void A_batch_over_Route_53s_limit_is_refused_before_sending()
        {
            var changes = Enumerable.Range(0, 1001).Select(i => new Route53Change(Route53ChangeAction.Upsert, Txt($"n{i}.example.com.", "\"x\""))).ToList();
            Assert.Throws<ArgumentException>(() => EmailAuth.Core.Aws.Route53.Route53Requests.ChangeResourceRecordSets("Z1", null, changes));
        }
    }
}
