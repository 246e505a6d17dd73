using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Posture;
using EmailAuth.Core.Tests.Infrastructure;
using Xunit;

namespace EmailAuth.Core.Tests.Posture
{
    /// <summary>Many domains at once: bounded concurrency, streaming, isolation of failures, cancellation.</summary>
    public sealed class PostureRunnerTests
    {
        private static readonly PostureOptions Options = new PostureOptions { Selectors = new[] { "s1" } };
        private static readonly string[] Labels = { "good", "monitor", "nodkim", "nodmarc", "bare" };

        private static List<EmailAuthReport> Drain(PostureRunner runner)
        {
            var list = new List<EmailAuthReport>();
            EmailAuthReport? r;
            while ((r = runner.Take()) != null) list.Add(r);
            return list;
        }

        [Fact]
        public void A_domain_whose_DNS_times_out_gets_a_TempError_report_and_the_others_are_graded()
        {
            var resolver = new FailingDomainResolver(PostureZone.Resolver(), "nodkim.posture.test");
            using var runner = new PostureRunner(new PostureAuditor(resolver, Options), Labels.Length, CancellationToken.None);
            foreach (var l in Labels) runner.Start(PostureZone.Name(l));
            var reports = Drain(runner).ToDictionary(r => r.Domain);

            Assert.Equal(Labels.Length, reports.Count);
            var failed = reports["nodkim.posture.test"];
            Assert.Equal(PostureGrade.TempError, failed.Grade);
            Assert.Contains(failed.Findings, f => f.Code == PostureFindingCodes.TempError && f.Subject == "nodkim.posture.test" && f.Message.Contains("Timeout"));
            Assert.Equal(PostureGrade.A, reports["good.test"].Grade);
            Assert.Equal(PostureGrade.C, reports["monitor.posture.test"].Grade);
            Assert.All(reports.Values.Where(r => r.Domain != "nodkim.posture.test"),
                       r => Assert.DoesNotContain(r.Findings, f => f.Code == PostureFindingCodes.TempError));
        }

        [Fact]
        public async Task A_section_that_throws_costs_only_its_own_part_of_the_report()
        {
            var sections = PostureSections.Default.Concat(new[] { new ThrowingSection() }).ToList();
            var report = await new PostureAuditor(PostureZone.Resolver(), Options, sections).AuditAsync("good.test");
            Assert.Contains(report.Findings, f => f.Code == PostureFindingCodes.SectionFailed && f.Message.Contains("boom"));
            Assert.NotNull(report.Spf?.Record);
            Assert.NotNull(report.Dmarc?.Record);
            Assert.Equal(PostureGrade.D, report.Grade); // an Error finding
        }

        [Fact]
        public void Reports_stream_in_the_order_domains_finish_not_the_order_given()
        {
            var gate = new GateResolver(PostureZone.Resolver(), held: "monitor.posture.test");
            using var runner = new PostureRunner(new PostureAuditor(gate, Options), 4, CancellationToken.None);
            runner.Start("monitor.posture.test");
            runner.Start("good.test");
            var first = runner.Take(); // monitor is held: good.test must come out first
            Assert.Equal("good.test", first!.Domain);
            Assert.False(runner.TryTake(out _));
            gate.Release();
            Assert.Equal("monitor.posture.test", runner.Take()!.Domain);
            Assert.Null(runner.Take());
        }

        [Fact]
        public void No_more_than_ThrottleLimit_domains_are_audited_at_once()
        {
            var gate = new GateResolver(PostureZone.Resolver(), held: null)
            {
                HoldAll = true, Audited = new HashSet<string>(Labels.Select(PostureZone.Name)),
            };
            using var runner = new PostureRunner(new PostureAuditor(gate, Options), 2, CancellationToken.None);
            runner.Start(PostureZone.Name("monitor"));
            runner.Start(PostureZone.Name("nodkim"));
            Assert.False(runner.HasFreeSlot);
            Assert.Throws<InvalidOperationException>(() => runner.Start(PostureZone.Name("bare")));
            // Both held domains have queries waiting at the resolver, a third has none.
            TestTimeouts.WaitForCount(() => gate.MaxDomainsInFlight, 2);
            gate.Release();
            var done = new List<EmailAuthReport>();
            foreach (var l in new[] { "bare", "nodmarc", "good" })
            {
                while (!runner.HasFreeSlot) done.Add(runner.Take()!);
                runner.Start(PostureZone.Name(l));
            }
            done.AddRange(Drain(runner));
            Assert.Equal(5, done.Count);
            Assert.Equal(2, gate.MaxDomainsInFlight);
        }

        [Fact]
        public void Cancelling_ends_the_wait_for_held_domains()
        {
            var gate = new GateResolver(PostureZone.Resolver(), held: null) { HoldAll = true };
            using var cts = new CancellationTokenSource();
            using var runner = new PostureRunner(new PostureAuditor(gate, Options), 4, cts.Token);
            runner.Start(PostureZone.Name("monitor"));
            TestTimeouts.WaitForCount(() => gate.HeldQueries, 1);
            var taking = Task.Run(() => runner.Take());
            cts.Cancel();
            // Never released: only the cancellation can end Take (the wait is bounded so a regression fails, not hangs).
            var ex = Assert.Throws<AggregateException>(() => taking.Wait(TestTimeouts.Answering));
            Assert.IsAssignableFrom<OperationCanceledException>(ex.InnerException);
        }

        [Fact]
        public void An_include_shared_by_many_domains_is_asked_once_through_the_shared_cache()
        {
            using var server = new LoggingZoneServer("shared.test");
            const int domains = 12;
            server.Txt("_spf.shared.test", "v=spf1 ip4:198.51.100.0/24 -all");
            for (var i = 0; i < domains; i++)
            {
                server.Txt($"d{i}.shared.test", "v=spf1 include:_spf.shared.test -all");
                server.Txt($"_dmarc.d{i}.shared.test", "v=DMARC1; p=reject");
            }
            var live = new LiveDnsResolver(new DnsResolverOptions { Servers = new[] { server.Endpoint }, Timeout = TestTimeouts.Answering });
            using var runner = new PostureRunner(new PostureAuditor(new CachingDnsResolver(live), Options), 8, CancellationToken.None);
            var reports = new List<EmailAuthReport>();
            for (var i = 0; i < domains; i++)
            {
                while (!runner.HasFreeSlot) reports.Add(runner.Take()!);
                runner.Start($"d{i}.shared.test");
            }
            reports.AddRange(Drain(runner));

            Assert.Equal(domains, reports.Count);
            Assert.All(reports, r => Assert.True(r.Spf!.IsValid));
            // Every domain's tree includes _spf.shared.test, but the server hears of it once.
            Assert.Equal(1, server.Received.Count(q => q.Name.TrimEnd('.') == "_spf.shared.test"));
            // And each domain's own record once, although DMARC discovery and the alignment check both read _dmarc.
            Assert.Equal(1, server.Received.Count(q => q.Name.TrimEnd('.') == "_dmarc.d3.shared.test"));
        }

        private sealed class ThrowingSection : IPostureSection
        {
            public string Name => "Broken";
            public Task<PostureSectionResult?> RunAsync(PostureContext context, CancellationToken cancellationToken) =>
                throw new InvalidOperationException("boom");
        }
    }
}
