using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Dkim;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Tests.Infrastructure;
using Xunit;

namespace EmailAuth.Core.Tests.Dkim
{
    /// <summary>Guessing selectors runs the lookups of one domain concurrently, bounded, and keeps the documented order.</summary>
    public sealed class DkimSelectorLookupsTests
    {
        [Fact]
        public async Task Guessing_holds_MaxConcurrent_lookups_in_flight_and_no_more_and_keeps_the_selector_order()
        {
            var selectors = DkimCommonSelectors.All;
            Assert.True(selectors.Count > DkimSelectorLookups.MaxConcurrent); // else the bound is never reached
            // Keys at three selectors spread over the list, published out of list order.
            var published = new[] { "pm", "selector2", "k1" };
            using var server = new HoldingDnsServer();
            foreach (var s in published) server.Txt($"{s}._domainkey.par.test", "v=DKIM1; k=ed25519; p=" + DkimTestKeys.Ed25519());
            // A generous timeout: the server holds every answer until the test has looked (no retries, so one query per name).
            var resolver = new LiveDnsResolver(new DnsResolverOptions { Servers = new[] { server.Endpoint }, Timeout = TimeSpan.FromSeconds(60), Retries = 0 });

            var run = DkimSelectorLookups.InspectAsync(new DkimKeyInspector(resolver), "par.test", selectors, guessed: true, CancellationToken.None);
            try
            {
                // One after another, only one query would ever be waiting here.
                Assert.Equal(DkimSelectorLookups.MaxConcurrent, TestTimeouts.WaitForCount(() => server.Outstanding, DkimSelectorLookups.MaxConcurrent));
                // The bound: while all of them are held, no further query comes (silence is the point here).
                Thread.Sleep(TestTimeouts.Silence);
                Assert.Equal(DkimSelectorLookups.MaxConcurrent, server.Received.Count);
            }
            finally { server.Release(); }

            var results = await run;
            Assert.Equal(selectors.Count, results.Length);
            Assert.Equal(DkimSelectorLookups.MaxConcurrent, server.MaxOutstanding);
            Assert.Equal(selectors.Count, server.Received.Count);
            // Found keys come back in the documented order, each at its own selector.
            var found = results.Where(r => r != null).Select(r => r!.Selector).ToArray();
            Assert.Equal(selectors.Where(published.Contains).ToArray(), found);
            for (var i = 0; i < selectors.Count; i++)
                Assert.Equal(published.Contains(selectors[i]), results[i] != null);
            Assert.All(results.Where(r => r != null), r => Assert.True(r!.Guessed));
        }

        [Fact]
        public async Task Results_keep_the_input_order_whatever_order_the_lookups_finish_in()
        {
            var items = Enumerable.Range(0, 20).Select(i => i.ToString()).ToArray();
            var gates = items.Select(_ => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
            var started = 0;
            var run = DkimSelectorLookups.RunAsync(items, async (s, ct) =>
            {
                Interlocked.Increment(ref started);
                await gates[int.Parse(s)].Task;
                return "r" + s;
            }, CancellationToken.None, maxConcurrent: 20);
            Assert.Equal(20, TestTimeouts.WaitForCount(() => Volatile.Read(ref started), 20));
            for (var i = items.Length - 1; i >= 0; i--) gates[i].SetResult(true); // finish in reverse
            Assert.Equal(items.Select(s => "r" + s), await run);
        }

        [Fact]
        public async Task Cancellation_stops_the_waiting_lookups()
        {
            using var cts = new CancellationTokenSource();
            var release = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var started = 0;
            var run = DkimSelectorLookups.RunAsync(Enumerable.Range(0, 10).Select(i => i.ToString()).ToArray(), async (s, ct) =>
            {
                Interlocked.Increment(ref started);
                await release.Task;
                return s;
            }, cts.Token, maxConcurrent: 2);
            Assert.Equal(2, TestTimeouts.WaitForCount(() => Volatile.Read(ref started), 2));
            cts.Cancel();
            release.SetResult(true);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
            Assert.Equal(2, Volatile.Read(ref started)); // the eight waiting for a slot never started
        }
    }
}
