using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.ZoneFiles;
using Xunit;

namespace EmailAuth.Core.Tests.ZoneFiles
{
    /// <summary>
    /// The process-wide zone-set cache behind -ZoneFile: one load per set, sets independent of each
    /// other, waits cancellable. A "blocked" set stands for a FIFO, a slow disk or a huge file.
    /// </summary>
    public sealed class ZoneFileResolverCacheTests : IDisposable
    {
        /// <summary>Generous: only for things that must happen; never a bound on speed.</summary>
        private static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);

        private readonly TempZoneDir _dir = new TempZoneDir();
        private readonly string _plain;
        private readonly string _slow;
        private readonly TaskCompletionSource<bool> _slowStarted = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<bool> _slowCancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ManualResetEventSlim _release = new ManualResetEventSlim();
        private int _loads;

        public ZoneFileResolverCacheTests()
        {
            _plain = _dir.Write("example.com.zone", "$TTL 60", "@ TXT \"v=spf1 -all\"");
            _slow = _dir.Write("slow.example.zone", "$TTL 60", "@ TXT \"v=spf1 ~all\"");
        }

        public void Dispose()
        {
            _release.Set();
            _dir.Dispose();
        }

        /// <summary>Reads the files for real, but the slow set first waits for <see cref="_release"/> or its token.</summary>
        private ZoneFileResolver Load(IReadOnlyList<string> paths, CancellationToken token)
        {
            Interlocked.Increment(ref _loads);
            if (paths.Contains(_slow))
            {
                _slowStarted.TrySetResult(true);
                try { _release.Wait(token); }
                catch (OperationCanceledException) { _slowCancelled.TrySetResult(true); throw; }
            }
            return ZoneFileResolver.Load(paths, token);
        }

        /// <summary>The single owner name of the set's records (the files hold no SOA, so no zone apex).</summary>
        private static string Owner(ZoneFileLoad load) => load.Zones.Records.Select(r => r.Name).Distinct().Single();

        /// <summary>A caller on its own thread, as a cmdlet in another runspace would be.</summary>
        private static Task<ZoneFileLoad> Get(ZoneFileResolverCache cache, string path, CancellationToken token = default) =>
            Task.Run(() => cache.GetAsync(new[] { path }, token));

        private static async Task<T> Within<T>(Task<T> task) => await task.WaitAsync(Generous);

        [Fact]
        public async Task A_blocked_zone_set_does_not_hold_up_another_set()
        {
            var cache = new ZoneFileResolverCache(Load);
            var slow = Get(cache, _slow);
            await _slowStarted.Task.WaitAsync(Generous);

            var plain = await Within(Get(cache, _plain)); // old code: waited on the global lock
            Assert.Equal("example.com", Owner(plain));
            Assert.False(slow.IsCompleted);

            _release.Set();
            Assert.Equal("slow.example", Owner(await Within(slow)));
        }

        [Fact]
        public async Task Cancelling_the_only_waiter_ends_the_load()
        {
            var cache = new ZoneFileResolverCache(Load);
            using var stop = new CancellationTokenSource();
            var waiting = Get(cache, _slow, stop.Token);
            await _slowStarted.Task.WaitAsync(Generous);

            stop.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Generous));
            await _slowCancelled.Task.WaitAsync(Generous); // the loader's token was cancelled too

            // Forgotten, not cached as cancelled: the next caller loads again.
            _release.Set();
            Assert.Equal("slow.example", Owner(await Within(Get(cache, _slow))));
            Assert.Equal(2, _loads);
        }

        [Fact]
        public async Task One_waiter_giving_up_leaves_the_load_to_the_others()
        {
            var cache = new ZoneFileResolverCache(Load);
            using var stop = new CancellationTokenSource();
            // Called here, not on pool threads: GetAsync counts its caller as a waiter before it first awaits, so both
            // are waiting when one gives up (on a busy machine a queued caller could join only after the cancel, and
            // the one that left would have been the only waiter, which rightly ends the load).
            var leaving = cache.GetAsync(new[] { _slow }, stop.Token);
            var staying = cache.GetAsync(new[] { _slow });
            await _slowStarted.Task.WaitAsync(Generous);

            stop.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leaving.WaitAsync(Generous));
            Assert.False(_slowCancelled.Task.IsCompleted);

            _release.Set();
            var load = await Within(staying);
            Assert.True(load.IsFirstUse);
            Assert.Equal(1, _loads);
        }

        [Fact]
        public async Task Concurrent_callers_share_one_load_and_exactly_one_sees_it_first()
        {
            var cache = new ZoneFileResolverCache(Load);
            var callers = Enumerable.Range(0, 4).Select(_ => Get(cache, _slow)).ToList();
            await _slowStarted.Task.WaitAsync(Generous);
            _release.Set();
            var loads = await Task.WhenAll(callers).WaitAsync(Generous);
            Assert.Equal(1, _loads);
            Assert.Single(loads, l => l.IsFirstUse);
            Assert.Single(loads.Select(l => l.Resolver).Distinct());
        }

        [Fact]
        public async Task Unchanged_files_are_reused_and_edited_files_read_again()
        {
            var cache = new ZoneFileResolverCache(Load);
            var first = await Within(Get(cache, _plain));
            var again = await Within(Get(cache, _plain));
            Assert.Same(first.Resolver, again.Resolver);
            Assert.False(again.IsFirstUse);

            File.AppendAllText(_plain, "www A 192.0.2.1\n"); // size changes
            var edited = await Within(Get(cache, _plain));
            Assert.NotSame(first.Resolver, edited.Resolver);
            Assert.True(edited.IsFirstUse);
            Assert.Equal(2, _loads);
        }

        [Fact]
        public async Task A_failed_load_is_not_kept()
        {
            var cache = new ZoneFileResolverCache(Load);
            var missing = Path.Combine(_dir.Root, "later.example.zone");
            await Assert.ThrowsAsync<ZoneFileException>(() => Get(cache, missing).WaitAsync(Generous));
            File.WriteAllText(missing, "$TTL 60\n@ TXT \"x\"\n");
            Assert.Equal("later.example", Owner(await Within(Get(cache, missing))));
        }

        [Fact]
        public async Task Empty_file_warning_reaches_the_first_caller()
        {
            var empty = Path.Combine(_dir.Root, "empty.example.zone");
            File.WriteAllText(empty, "");
            var cache = new ZoneFileResolverCache();
            var load = await Within(Get(cache, empty));
            Assert.True(load.IsFirstUse);
            Assert.Contains(load.Zones.Warnings, w => w.StartsWith(empty + ": no records", StringComparison.Ordinal));
        }
    }
}
