using System;
using System.Linq;
using System.Threading.Tasks;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Spf;
using EmailAuth.Core.Tests.Infrastructure;
using Xunit;
using RecordType = ARSoft.Tools.Net.Dns.RecordType;

namespace EmailAuth.Core.Tests.Spf
{
    /// <summary>
    /// Get-SpfRecord's tree walk has a query budget (SpfInspectionBudget): past it the walk sends nothing more
    /// and says so. Counts are what a real server on 127.0.0.1 received.
    /// </summary>
    public class SpfInspectionBudgetTests
    {
        private const string Zone = "amp.test";

        private static SpfRecordInspector Inspector(LoggingZoneServer server) =>
            new SpfRecordInspector(new CachingDnsResolver(new LiveDnsResolver(new DnsResolverOptions
            {
                Servers = new[] { server.Endpoint },
                Timeout = TimeSpan.FromSeconds(10), // The server answers: generous.
            })));

        private static Finding Incomplete(SpfRecordInfo info) => Assert.Single(info.Findings, f => f.Code == SpfFindingCodes.InspectionIncomplete);

        private static int AddressQueries(LoggingZoneServer server) => server.Count(RecordType.A) + server.Count(RecordType.Aaaa);

        [Fact]
        public async Task Chained_records_of_names_that_do_not_exist_stop_at_the_budget()
        {
            // r1 → r2 → … → r5, each with 300 distinct a: names that do not exist: 1,500 names, 3,000 queries unbounded.
            using var server = new LoggingZoneServer(Zone);
            for (var r = 1; r <= 5; r++)
                server.Txt($"r{r}.{Zone}", "v=spf1 " + (r < 5 ? $"include:r{r + 1}.{Zone} " : string.Empty) +
                                           string.Join(" ", Enumerable.Range(1, 300).Select(i => $"a:n{i}.r{r}.{Zone}")) + " -all");
            var budget = new SpfInspectionBudget();
            var info = await Inspector(server).InspectAsync($"r1.{Zone}");

            // The walk reaches r5 first; each void a: name is asked as A, then AAAA; nothing after the tenth name.
            Assert.Equal(2 * budget.MaxNamesPerRecord, AddressQueries(server));
            Assert.InRange(server.Count(RecordType.Txt), 5, 10); // Five records (large answers are asked again over TCP).
            Assert.Equal(budget.MaxNamesPerRecord, info.VoidLookupCount);
            Assert.Equal(FindingSeverity.Error, Assert.Single(info.Findings, f => f.Code == SpfFindingCodes.TooManyVoidLookups).Severity);
            Assert.Equal(budget.MaxNamesPerRecord, info.Findings.Count(f => f.Code == SpfFindingCodes.VoidLookup));
            var f = Incomplete(info);
            Assert.Equal(FindingSeverity.Error, f.Severity);
            Assert.Contains($"limit of {budget.MaxNamesPerRecord} a/mx/exists names in one record at \"a:n{budget.MaxNamesPerRecord + 1}.r5.{Zone}\"", f.Message);
            Assert.Contains($"5 record(s), {5 * 300 + 4} DNS-querying terms, {budget.MaxNamesPerRecord} void lookups", f.Message);
            Assert.Equal(5 * 300 + 4, info.DnsLookupCount); // Every term of the five records fetched is counted.
            Assert.False(info.IsValid);
        }

        [Fact]
        public async Task Void_lookups_across_records_stop_at_the_void_budget()
        {
            // r1 → … → r5, each with four names that do not exist (within the names of one record): 40 queries unbounded.
            using var server = new LoggingZoneServer(Zone);
            for (var r = 1; r <= 5; r++)
                server.Txt($"r{r}.{Zone}", "v=spf1 " + (r < 5 ? $"include:r{r + 1}.{Zone} " : string.Empty) +
                                           string.Join(" ", Enumerable.Range(1, 4).Select(i => $"a:n{i}.r{r}.{Zone}")) + " -all");
            var budget = new SpfInspectionBudget();
            var info = await Inspector(server).InspectAsync($"r1.{Zone}");

            Assert.Equal(2 * budget.MaxVoidNames, AddressQueries(server)); // r5, r4, then two names of r3.
            Assert.Equal(budget.MaxVoidNames, info.VoidLookupCount);
            Assert.Contains($"limit of {budget.MaxVoidNames} void lookups before A n3.r3.{Zone}", Incomplete(info).Message);
            Assert.Equal(4, info.Includes[0].Includes[0].Includes[0].Includes[0].VoidLookupCount);
        }

        [Fact]
        public async Task A_record_naming_more_hosts_than_the_name_budget_stops_there()
        {
            using var server = new LoggingZoneServer(Zone)
                .Txt(Zone, "v=spf1 " + string.Join(" ", Enumerable.Range(1, 300).Select(i => $"a:h{i}.{Zone}")) + " -all");
            for (var i = 1; i <= 300; i++) server.A($"h{i}.{Zone}", "192.0.2.1");
            var budget = new SpfInspectionBudget();
            var info = await Inspector(server).InspectAsync(Zone);

            Assert.Equal(budget.MaxNamesPerRecord, server.Count(RecordType.A));
            Assert.Equal(0, server.Count(RecordType.Aaaa));
            Assert.Contains($"limit of {budget.MaxNamesPerRecord} a/mx/exists names in one record at \"a:h{budget.MaxNamesPerRecord + 1}.{Zone}\"", Incomplete(info).Message);
            Assert.Equal(300, info.DnsLookupCount);
            Assert.Single(info.Findings, f => f.Code == SpfFindingCodes.TooManyLookups);
        }

        [Fact]
        public async Task A_deep_tree_stops_at_the_total_query_budget()
        {
            // r1 → … → r30, each with ten names that exist: 27 records are fetched (the walk descends until 25
            // DNS-querying terms), then 10 names each: 288 queries unbounded.
            using var server = new LoggingZoneServer(Zone);
            for (var r = 1; r <= 30; r++)
            {
                server.Txt($"r{r}.{Zone}", $"v=spf1 include:r{r + 1}.{Zone} " + string.Join(" ", Enumerable.Range(1, 10).Select(i => $"a:h{i}.r{r}.{Zone}")) + " -all");
                for (var i = 1; i <= 10; i++) server.A($"h{i}.r{r}.{Zone}", "192.0.2.1");
            }
            var budget = new SpfInspectionBudget();
            var info = await Inspector(server).InspectAsync($"r1.{Zone}");

            Assert.Equal(budget.MaxQueries, server.Received.Count);
            var f = Incomplete(info);
            Assert.Contains($"limit of {budget.MaxQueries} DNS queries", f.Message);
            Assert.Contains($"{budget.MaxQueries} DNS queries, 26 record(s)", f.Message);
            Assert.Contains("1 include/redirect target(s) not followed", f.Message);
        }

        [Fact]
        public async Task A_tree_within_the_limits_is_not_reported_incomplete()
        {
            using var server = new LoggingZoneServer(Zone)
                .Txt(Zone, $"v=spf1 include:_spf.{Zone} a:gone.{Zone} mx -all")
                .Txt($"_spf.{Zone}", "v=spf1 ip4:192.0.2.0/24 -all")
                .Mx(Zone, 10, $"mx.{Zone}").A($"mx.{Zone}", "192.0.2.25");
            var info = await Inspector(server).InspectAsync(Zone);
            Assert.DoesNotContain(info.Findings, f => f.Code == SpfFindingCodes.InspectionIncomplete);
            Assert.Equal(1, info.VoidLookupCount);
            Assert.Equal(3, info.DnsLookupCount);
            // TXT and type 99 at the top, the include's TXT, A and AAAA of the void name, MX.
            Assert.Equal(6, server.Received.Count);
        }
    }
}
