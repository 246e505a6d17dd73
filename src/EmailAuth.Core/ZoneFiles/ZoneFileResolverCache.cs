using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Dns;

namespace EmailAuth.Core.ZoneFiles
{
    /// <summary>
    /// One <see cref="CachingDnsResolver"/> per distinct set of zone files, shared by every caller in the
    /// process. Each set loads on its own task: the lock guards only the table, never file I/O, so a set
    /// stuck on a slow disk (or a huge file) does not hold up another set, and a caller waiting for a load
    /// can give up (cancellation) without waiting for it. A load is cancelled once no caller waits for it.
    /// Sets are keyed by the files' size and write time as well: a zone edited between two runs is read again.
    /// </summary>
    public sealed class ZoneFileResolverCache
    {
        private readonly object _gate = new object();
        private readonly Dictionary<string, Entry> _entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        private readonly Func<IReadOnlyList<string>, CancellationToken, ZoneFileResolver> _load;

        public ZoneFileResolverCache() : this((paths, token) => ZoneFileResolver.Load(paths, token)) { }

        /// <param name="load">Reads a set of files (tests substitute a loader that blocks).</param>
        internal ZoneFileResolverCache(Func<IReadOnlyList<string>, CancellationToken, ZoneFileResolver> load) => _load = load;

        /// <summary>
        /// The loaded set (read now, joined while another caller reads it, or reused). Throws what the loader
        /// throws (<see cref="ZoneFileException"/>; a failed load is not kept) and <see cref="OperationCanceledException"/>
        /// when <paramref name="cancellationToken"/> is cancelled, even while the files are still being read.
        /// </summary>
        public async Task<ZoneFileLoad> GetAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken = default)
        {
            if (paths == null) throw new ArgumentNullException(nameof(paths));
            cancellationToken.ThrowIfCancellationRequested();
            var sorted = paths.OrderBy(p => p, StringComparer.Ordinal).ToList();
            var key = string.Join("\n", sorted);
            var stamp = Stamp(sorted); // file-system calls, outside the lock
            Entry entry;
            lock (_gate)
            {
                if (!_entries.TryGetValue(key, out entry!) || entry.Stamp != stamp || entry.Task.IsFaulted || entry.Task.IsCanceled)
                {
                    entry = new Entry(stamp);
                    var token = entry.Cancel.Token;
                    // Task.Run only queues the load: nothing is read while the lock is held.
                    entry.Task = Task.Run(() =>
                    {
                        var zones = _load(paths, token);
                        return (zones, (IDnsResolver)new CachingDnsResolver(zones));
                    }, token);
                    _entries[key] = entry;
                }
                entry.Waiters++;
            }

            var done = false;
            try
            {
                var (zones, resolver) = await WaitAsync(entry.Task, cancellationToken).ConfigureAwait(false);
                done = true;
                return new ZoneFileLoad(zones, resolver, Interlocked.Exchange(ref entry.Used, 1) == 0);
            }
            finally
            {
                lock (_gate)
                {
                    // The last caller to give up on a load still running ends it and forgets it.
                    if (--entry.Waiters == 0 && !done && !entry.Task.IsCompleted)
                    {
                        entry.Cancel.Cancel();
                        if (_entries.TryGetValue(key, out var current) && ReferenceEquals(current, entry)) _entries.Remove(key);
                    }
                }
            }
        }

        private static string Stamp(IEnumerable<string> paths) => string.Join("\n", paths.Select(p =>
        {
            try
            {
                var f = new FileInfo(p);
                return f.Exists ? $"{f.Length}:{f.LastWriteTimeUtc.Ticks}" : "missing";
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
            {
                return "unreadable"; // the loader reports it
            }
        }));

        /// <summary>The task's result, or OperationCanceledException as soon as <paramref name="token"/> is cancelled (netstandard2.0 has no WaitAsync).</summary>
        private static async Task<T> WaitAsync<T>(Task<T> task, CancellationToken token)
        {
            if (!token.CanBeCanceled || task.IsCompleted) return await task.ConfigureAwait(false);
            var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (token.Register(() => cancelled.TrySetResult(true)))
            {
                if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
                    throw new OperationCanceledException(token);
            }
            return await task.ConfigureAwait(false);
        }

        private sealed class Entry
        {
            public Entry(string stamp) => Stamp = stamp;

            public string Stamp { get; }
            public CancellationTokenSource Cancel { get; } = new CancellationTokenSource();
            public Task<(ZoneFileResolver Zones, IDnsResolver Resolver)> Task { get; set; } = null!;
            public int Waiters;  // under _gate
            public int Used;     // 0 until the first caller received the load
        }
    }
}
