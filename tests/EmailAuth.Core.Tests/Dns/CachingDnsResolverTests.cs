using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Dns;
using Xunit;

namespace EmailAuth.Core.Tests.Dns
{
    public class CachingDnsResolverTests
    {
        private DateTime _now = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        private CachingDnsResolver Cache(IDnsResolver inner, int maxEntries = CachingDnsResolver.DefaultMaxEntries) =>
            new CachingDnsResolver(inner, maxEntries, () => _now);

        private static FakeDnsResolver Answering(params int[] ttls) =>
            new FakeDnsResolver((name, type) => FakeDnsResolver.Records(name, type, ttls));

        [Fact]
        public async Task Second_query_is_served_from_the_cache_and_marked()
        {
            var inner = Answering(300);
            var cache = Cache(inner);
            var first = await cache.QueryAsync("example.test", DnsRecordType.TXT);
            var second = await cache.QueryAsync("example.test", DnsRecordType.TXT);
            Assert.False(first.FromCache);
            Assert.True(second.FromCache);
            Assert.Equal(first.Records, second.Records);
            Assert.Equal(1, inner.Calls);
        }

        [Fact]
        public async Task Keys_are_case_insensitive_names_and_types()
        {
            var inner = Answering(300);
            var cache = Cache(inner);
            await cache.QueryAsync("Example.TEST", DnsRecordType.TXT);
            Assert.True((await cache.QueryAsync("example.test.", DnsRecordType.TXT)).FromCache);
            Assert.False((await cache.QueryAsync("example.test", DnsRecordType.A)).FromCache);
            Assert.False((await cache.QueryAsync("other.test", DnsRecordType.TXT)).FromCache);
            Assert.Equal(3, inner.Calls);
        }

        [Fact]
        public async Task Answers_expire_after_the_smallest_record_TTL()
        {
            var inner = Answering(300, 120, 600);
            var cache = Cache(inner);
            await cache.QueryAsync("example.test", DnsRecordType.A);
            _now += TimeSpan.FromSeconds(119);
            Assert.True((await cache.QueryAsync("example.test", DnsRecordType.A)).FromCache);
            _now += TimeSpan.FromSeconds(1);
            Assert.False((await cache.QueryAsync("example.test", DnsRecordType.A)).FromCache);
            Assert.Equal(2, inner.Calls);
        }

        [Fact]
        public async Task TTL_zero_is_not_cached_and_long_TTLs_are_capped()
        {
            var zero = Answering(0);
            var cache = Cache(zero);
            await cache.QueryAsync("example.test", DnsRecordType.A);
            await cache.QueryAsync("example.test", DnsRecordType.A);
            Assert.Equal(2, zero.Calls);

            var week = Answering(7 * 86400);
            cache = Cache(week);
            cache.MaxTtl = TimeSpan.FromMinutes(10);
            await cache.QueryAsync("example.test", DnsRecordType.A);
            _now += TimeSpan.FromMinutes(10);
            Assert.False((await cache.QueryAsync("example.test", DnsRecordType.A)).FromCache);
        }

        [Fact]
        public async Task The_TTL_reported_by_the_resolver_wins_over_the_records()
        {
            // LiveDnsResolver attaches the shortest TTL along a CNAME chain.
            var inner = new FakeDnsResolver((n, t) => FakeDnsResolver.Records(n, t, 3600).WithCacheTtl(TimeSpan.FromSeconds(30)));
            var cache = Cache(inner);
            await cache.QueryAsync("alias.test", DnsRecordType.A);
            _now += TimeSpan.FromSeconds(30);
            Assert.False((await cache.QueryAsync("alias.test", DnsRecordType.A)).FromCache);
        }

        [Theory]
        [InlineData(DnsAnswerStatus.NxDomain)]
        [InlineData(DnsAnswerStatus.NoData)]
        public async Task Negative_answers_are_cached_for_the_SOA_negative_TTL(DnsAnswerStatus status)
        {
            var inner = new FakeDnsResolver((n, t) => new DnsAnswer(n, t, status, server: "fake:53").WithCacheTtl(TimeSpan.FromSeconds(120)));
            var cache = Cache(inner);
            await cache.QueryAsync("nope.test", DnsRecordType.TXT);
            _now += TimeSpan.FromSeconds(119);
            var cached = await cache.QueryAsync("nope.test", DnsRecordType.TXT);
            Assert.True(cached.FromCache);
            Assert.Equal(status, cached.Status);
            _now += TimeSpan.FromSeconds(1);
            Assert.False((await cache.QueryAsync("nope.test", DnsRecordType.TXT)).FromCache);
        }

        [Fact]
        public async Task Negative_answers_without_an_SOA_are_cached_for_the_default()
        {
            var inner = new FakeDnsResolver((n, t) => new DnsAnswer(n, t, DnsAnswerStatus.NxDomain));
            var cache = Cache(inner);
            await cache.QueryAsync("nope.test", DnsRecordType.TXT);
            _now += cache.DefaultNegativeTtl - TimeSpan.FromSeconds(1);
            Assert.True((await cache.QueryAsync("nope.test", DnsRecordType.TXT)).FromCache);
            _now += TimeSpan.FromSeconds(1);
            Assert.False((await cache.QueryAsync("nope.test", DnsRecordType.TXT)).FromCache);
        }

        [Theory]
        [InlineData(DnsAnswerStatus.Timeout)]
        [InlineData(DnsAnswerStatus.ServerFailure)]
        [InlineData(DnsAnswerStatus.Refused)]
        [InlineData(DnsAnswerStatus.Error)]
        public async Task Failures_are_cached_only_briefly(DnsAnswerStatus status)
        {
            var inner = new FakeDnsResolver((n, t) => new DnsAnswer(n, t, status, server: "192.0.2.53:53", errorMessage: "boom"));
            var cache = Cache(inner);
            await cache.QueryAsync("example.test", DnsRecordType.TXT);
            Assert.True((await cache.QueryAsync("example.test", DnsRecordType.TXT)).FromCache);
            _now += cache.ErrorTtl;
            Assert.False((await cache.QueryAsync("example.test", DnsRecordType.TXT)).FromCache);

            cache.ErrorTtl = TimeSpan.Zero;
            await cache.QueryAsync("example.test", DnsRecordType.A);
            Assert.False((await cache.QueryAsync("example.test", DnsRecordType.A)).FromCache);
        }

        [Fact]
        public async Task Concurrent_identical_queries_share_one_upstream_query()
        {
            var inner = Answering(300);
            inner.Gate = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var cache = Cache(inner);
            var waiting = Enumerable.Range(0, 20).Select(i => cache.QueryAsync(i % 2 == 0 ? "example.test" : "EXAMPLE.test", DnsRecordType.TXT)).ToList();
            Assert.Equal(1, inner.Calls);
            Assert.All(waiting, t => Assert.False(t.IsCompleted));
            inner.Gate.SetResult(true);
            var answers = await Task.WhenAll(waiting);
            Assert.All(answers, a => Assert.Equal("example.test/TXT/300", Assert.Single(a.Records).Data));
            Assert.Equal(1, inner.Calls);
        }

        [Fact]
        public async Task A_cancelled_caller_does_not_cancel_the_shared_query()
        {
            var inner = Answering(300);
            inner.Gate = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var cache = Cache(inner);
            using var impatient = new CancellationTokenSource();
            using var patient = new CancellationTokenSource();
            var first = cache.QueryAsync("example.test", DnsRecordType.A, impatient.Token);
            var second = cache.QueryAsync("example.test", DnsRecordType.A, patient.Token);
            var third = cache.QueryAsync("example.test", DnsRecordType.A);

            impatient.Cancel();
            var e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
            Assert.Equal(impatient.Token, e.CancellationToken);
            Assert.False(inner.Tokens.Single().IsCancellationRequested);

            inner.Gate.SetResult(true);
            Assert.Equal(DnsAnswerStatus.Success, (await second).Status);
            Assert.Equal(DnsAnswerStatus.Success, (await third).Status);
            Assert.Equal(1, inner.Calls);
            Assert.True((await cache.QueryAsync("example.test", DnsRecordType.A)).FromCache);
        }

        [Fact]
        public async Task When_every_caller_has_cancelled_the_upstream_query_is_cancelled_and_not_reused()
        {
            var inner = Answering(300);
            inner.Gate = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var cache = Cache(inner);
            using var a = new CancellationTokenSource();
            using var b = new CancellationTokenSource();
            var first = cache.QueryAsync("example.test", DnsRecordType.A, a.Token);
            var second = cache.QueryAsync("example.test", DnsRecordType.A, b.Token);
            a.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
            Assert.False(inner.Tokens.Single().IsCancellationRequested);
            b.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
            Assert.True(inner.Tokens.Single().IsCancellationRequested);

            inner.Gate = null;
            var fresh = await cache.QueryAsync("example.test", DnsRecordType.A);
            Assert.False(fresh.FromCache);
            Assert.Equal(2, inner.Calls);
        }

        [Fact]
        public async Task An_already_cancelled_token_throws_without_a_query()
        {
            var inner = Answering(300);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Cache(inner).QueryAsync("example.test", DnsRecordType.A, new CancellationToken(true)));
            Assert.Equal(0, inner.Calls);
        }

        [Fact]
        public async Task Exceptions_reach_every_waiter_and_are_not_cached()
        {
            var fail = true;
            var inner = new FakeDnsResolver((n, t) => fail ? throw new InvalidOperationException("bug") : FakeDnsResolver.Records(n, t, 60));
            inner.Gate = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var cache = Cache(inner);
            var waiting = new[] { cache.QueryAsync("example.test", DnsRecordType.A), cache.QueryAsync("example.test", DnsRecordType.A) };
            inner.Gate.SetResult(true);
            foreach (var t in waiting) Assert.Equal("bug", (await Assert.ThrowsAsync<InvalidOperationException>(() => t)).Message);
            fail = false;
            inner.Gate = null;
            Assert.Equal(DnsAnswerStatus.Success, (await cache.QueryAsync("example.test", DnsRecordType.A)).Status);
            Assert.Equal(2, inner.Calls);
        }

        [Fact]
        public async Task Size_is_bounded_evicting_the_least_recently_used()
        {
            var inner = Answering(300);
            var cache = Cache(inner, maxEntries: 3);
            foreach (var n in new[] { "a.test", "b.test", "c.test" }) await cache.QueryAsync(n, DnsRecordType.A);
            await cache.QueryAsync("a.test", DnsRecordType.A); // a is now the most recently used.
            await cache.QueryAsync("d.test", DnsRecordType.A); // Evicts b.
            Assert.Equal(3, cache.Count);
            Assert.True((await cache.QueryAsync("a.test", DnsRecordType.A)).FromCache);
            Assert.True((await cache.QueryAsync("c.test", DnsRecordType.A)).FromCache);
            Assert.False((await cache.QueryAsync("b.test", DnsRecordType.A)).FromCache);
            Assert.Equal(3, cache.Count);

            cache.Clear();
            Assert.Equal(0, cache.Count);
        }

        [Fact]
        public async Task Many_concurrent_callers_get_correct_answers_with_one_upstream_query_per_question()
        {
            var inner = Answering(300);
            var cache = Cache(inner);
            var questions = Enumerable.Range(0, 40).SelectMany(i => new[] { ($"host{i}.test", DnsRecordType.A), ($"HOST{i}.test", DnsRecordType.TXT) }).ToList();
            var tasks = Enumerable.Range(0, 4000).Select(i => Task.Run(async () =>
            {
                var (name, type) = questions[i % questions.Count];
                var answer = await cache.QueryAsync(name, type);
                return (name, type, answer);
            })).ToList();
            foreach (var (name, type, answer) in await Task.WhenAll(tasks))
            {
                Assert.Equal(DnsAnswerStatus.Success, answer.Status);
                Assert.Equal(type, answer.QueryType);
                Assert.Equal($"{name}/{type}/300", Assert.Single(answer.Records).Data, ignoreCase: true);
            }
            Assert.Equal(questions.Count, inner.Calls);
        }
    
        [Fact]
        public async Task A_query_first_asked_by_a_caller_that_cannot_cancel_goes_upstream_without_a_cancellable_token()
        {
            // It runs to its end whoever joins later, so no cancellation source is made (nor registered on upstream).
            var inner = Answering(300);
            inner.Gate = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var cache = Cache(inner);
            var patient = cache.QueryAsync("example.test", DnsRecordType.A);
            using var later = new CancellationTokenSource();
            var cancelled = cache.QueryAsync("example.test", DnsRecordType.A, later.Token);
            later.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
            Assert.False(inner.Tokens.Single().CanBeCanceled);
            inner.Gate.SetResult(true);
            Assert.Equal(DnsAnswerStatus.Success, (await patient).Status);

            // A caller that can cancel asking first still gives the upstream query a token of its own.
            using var first = new CancellationTokenSource();
            Assert.Equal(DnsAnswerStatus.Success, (await cache.QueryAsync("other.test", DnsRecordType.A, first.Token)).Status);
            Assert.True(inner.Tokens.Last().CanBeCanceled);
            Assert.Equal(2, inner.Calls);
        }
    }
}
