using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Dns.Wire;
using EmailAuth.Core.Tests.Infrastructure;
using Xunit;

namespace EmailAuth.Core.Tests.Dns
{
    /// <summary>
    /// Many callers of one <see cref="CachingDnsResolver"/> over a <see cref="LiveDnsResolver"/> and a UDP server on
    /// 127.0.0.1 that answers late, twice or never, with every kind of caller: patient, traced, cancelled before, at
    /// once from another thread, or at a random moment. Nothing is timed: every task must end (answer or cancellation,
    /// never a fault or a hang), a traced caller's answer is in its trace exactly when it got one, and afterwards the
    /// cache's in-flight table and the sockets' pending tables are empty and every socket closes.
    /// </summary>
    public class DnsConcurrencyStressTests
    {
        private enum Caller { Patient, CancelledBefore, CancelledAtRandom, CancelledAtOnce, TracedCancelledAtRandom, TracedPatient }

        private sealed class Call
        {
            public Caller Kind;
            public string Name = "";
            public Task<DnsAnswer> Task = null!;
            public TracingDnsResolver? Tracer;
        }

        [Fact]
        public async Task Concurrent_callers_with_random_cancellation_all_end_and_leave_no_flight_query_or_socket_behind()
        {
            var seed = Environment.TickCount;
            var random = new Random(seed);
            // Names n0..n5 of each round: n3 is never answered, n0 and n4 twice (a late duplicate), the others once, late.
            using var server = new DelayingUdpDnsServer(query =>
            {
                var label = Encoding.ASCII.GetString(query, 13, query[12]);
                var k = label[1] - '0';
                if (k == 3) return null;
                lock (random) return (TimeSpan.FromMilliseconds(random.Next(0, 40)), k % 4 == 0);
            });
            var live = new LiveDnsResolver(new DnsResolverOptions
            {
                Servers = new[] { server.Endpoint }, Timeout = TestTimeouts.Silence, Retries = 1,
            });
            var cache = new CachingDnsResolver(live);
            var calls = new List<Call>();
            var sources = new List<CancellationTokenSource>();

            for (var round = 0; round < 8; round++)
            {
                for (var i = 0; i < 64; i++)
                {
                    Caller kind;
                    int name, delayMs;
                    lock (random)
                    {
                        kind = (Caller)random.Next(6);
                        name = random.Next(6);
                        delayMs = random.Next(0, 60);
                    }
                    var call = new Call { Kind = kind, Name = $"n{name}-r{round}.stress.test" };
                    var cts = new CancellationTokenSource();
                    sources.Add(cts);
                    if (kind == Caller.CancelledBefore) cts.Cancel();
                    if (kind == Caller.CancelledAtRandom || kind == Caller.TracedCancelledAtRandom) cts.CancelAfter(delayMs);
                    IDnsResolver resolver = cache;
                    if (kind == Caller.TracedCancelledAtRandom || kind == Caller.TracedPatient) resolver = call.Tracer = new TracingDnsResolver(cache);
                    var token = kind == Caller.Patient || kind == Caller.TracedPatient ? CancellationToken.None : cts.Token;
                    try
                    {
                        call.Task = resolver.QueryAsync(call.Name, DnsRecordType.A, token);
                    }
                    catch (OperationCanceledException e)
                    {
                        call.Task = Task.FromCanceled<DnsAnswer>(e.CancellationToken);
                    }
                    if (kind == Caller.CancelledAtOnce) ThreadPool.QueueUserWorkItem(s => ((CancellationTokenSource)s!).Cancel(), cts);
                    calls.Add(call);
                }
                await Task.Delay(random.Next(0, 30));
            }

            // Bounded: every answer comes within the resolver's 2 × Silence (plus a loaded machine's delays).
            await Task.WhenAny(Task.WhenAll(calls.Select(c => c.Task.ContinueWith(_ => { }, TaskScheduler.Default))), Task.Delay(TimeSpan.FromSeconds(60)));
            var unfinished = calls.Where(c => !c.Task.IsCompleted).ToList();
            Assert.True(unfinished.Count == 0, $"seed {seed}: {unfinished.Count} of {calls.Count} callers never ended, e.g. {unfinished.FirstOrDefault()?.Kind} {unfinished.FirstOrDefault()?.Name}");

            foreach (var call in calls)
            {
                Assert.False(call.Task.IsFaulted, $"seed {seed}: {call.Kind} {call.Name}: {call.Task.Exception}");
                if (call.Kind == Caller.Patient || call.Kind == Caller.TracedPatient)
                    Assert.True(call.Task.Status == TaskStatus.RanToCompletion, $"seed {seed}: {call.Kind} {call.Name} ended {call.Task.Status}");
                if (call.Kind == Caller.CancelledBefore) Assert.True(call.Task.IsCanceled, $"seed {seed}: {call.Name}");
                if (call.Tracer != null)
                {
                    var entries = call.Tracer.Entries;
                    if (call.Task.Status == TaskStatus.RanToCompletion)
                        Assert.Same(call.Task.Result, Assert.Single(entries).Answer);
                    else
                        Assert.Empty(entries); // a cancelled caller leaves no entry
                }
            }

            // A caller's task ends before its flight and its socket's table let go of it: wait for both (bounded).
            Assert.Equal(0, await Eventually(() => cache.InFlightCount));
            Assert.Equal(0, await Eventually(() => live.PendingUdpQueries));
            Assert.Equal(0, await Eventually(() => live.OpenUdpSockets)); // each closes after its idle time
            Assert.True(server.QueriesReceived > 0);
            foreach (var cts in sources) cts.Dispose();
        }

        /// <summary>Polls <paramref name="count"/> until it is 0 or <see cref="TestTimeouts.Answering"/> has passed; returns it.</summary>
        internal static async Task<int> Eventually(Func<int> count)
        {
            var watch = Stopwatch.StartNew();
            int n;
            while ((n = count()) != 0 && watch.Elapsed < TestTimeouts.Answering) await Task.Delay(20);
            return n;
        }
    }
}
