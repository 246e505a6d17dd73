using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Dns;
using Xunit;

namespace EmailAuth.Core.Tests.Dns
{
    /// <summary>
    /// A tracer over a <see cref="CachingDnsResolver"/>: a miss is recorded by the cache's waiter as it completes the
    /// caller's task (no continuation of the tracer's own). Every answer a caller gets is in the trace once, when the
    /// caller sees it; a caller that cancelled or got an exception leaves no entry, as before.
    /// </summary>
    public class TracingOverCacheTests
    {
        private static FakeDnsResolver Gated() => new FakeDnsResolver((n, t) => FakeDnsResolver.Records(n, t, 300))
        {
            Gate = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously),
        };

        [Fact]
        public async Task A_miss_is_in_the_trace_once_when_its_caller_sees_the_answer_and_a_hit_after_it()
        {
            var inner = Gated();
            var tracer = new TracingDnsResolver(new CachingDnsResolver(inner));
            using var cts = new CancellationTokenSource();
            var miss = tracer.QueryAsync("example.test", DnsRecordType.TXT, cts.Token);
            Assert.Empty(tracer.Entries);
            inner.Gate!.SetResult(true);
            var answer = await miss;
            var entry = Assert.Single(tracer.Entries);
            Assert.Same(answer, entry.Answer);
            Assert.False(entry.Answer.FromCache);

            var hit = await tracer.QueryAsync("example.test", DnsRecordType.TXT, cts.Token);
            Assert.True(hit.FromCache);
            Assert.Equal(new[] { false, true }, tracer.Entries.Select(e => e.Answer.FromCache));
        }

        [Fact]
        public async Task Callers_without_a_token_are_traced_too()
        {
            var inner = Gated();
            var tracer = new TracingDnsResolver(new CachingDnsResolver(inner));
            var miss = tracer.QueryAsync("example.test", DnsRecordType.A);
            inner.Gate!.SetResult(true);
            Assert.Same(await miss, Assert.Single(tracer.Entries).Answer);
        }

        [Fact]
        public async Task A_cancelled_caller_leaves_no_entry_while_another_tracers_caller_gets_its_own()
        {
            var inner = Gated();
            var cache = new CachingDnsResolver(inner);
            var cancelledTracer = new TracingDnsResolver(cache);
            var waitingTracer = new TracingDnsResolver(cache);
            using var impatient = new CancellationTokenSource();
            using var patient = new CancellationTokenSource();
            var first = cancelledTracer.QueryAsync("example.test", DnsRecordType.A, impatient.Token);
            var second = waitingTracer.QueryAsync("example.test", DnsRecordType.A, patient.Token);
            impatient.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
            inner.Gate!.SetResult(true);
            var answer = await second;
            Assert.Empty(cancelledTracer.Entries);
            Assert.Same(answer, Assert.Single(waitingTracer.Entries).Answer);
            Assert.Equal(1, inner.Calls);
        }

        [Fact]
        public async Task An_exception_reaches_the_caller_and_leaves_no_entry()
        {
            var inner = new FakeDnsResolver((n, t) => throw new InvalidOperationException("bug"))
            {
                Gate = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously),
            };
            var tracer = new TracingDnsResolver(new CachingDnsResolver(inner));
            using var cts = new CancellationTokenSource();
            var query = tracer.QueryAsync("example.test", DnsRecordType.A, cts.Token);
            inner.Gate!.SetResult(true);
            Assert.Equal("bug", (await Assert.ThrowsAsync<InvalidOperationException>(() => query)).Message);
            Assert.Empty(tracer.Entries);
        }
    
        [Fact]
        public async Task A_traced_caller_that_cannot_cancel_keeps_the_shared_query_running_when_the_others_cancel()
        {
            var inner = Gated();
            var cache = new CachingDnsResolver(inner);
            using var impatient = new CancellationTokenSource();
            var cancelled = cache.QueryAsync("example.test", DnsRecordType.A, impatient.Token);
            var tracer = new TracingDnsResolver(cache);
            var traced = tracer.QueryAsync("example.test", DnsRecordType.A);
            impatient.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
            Assert.False(inner.Tokens.Single().IsCancellationRequested);
            inner.Gate!.SetResult(true);
            Assert.Same(await traced, Assert.Single(tracer.Entries).Answer);
            Assert.Equal(1, inner.Calls);
        }
    }
}
