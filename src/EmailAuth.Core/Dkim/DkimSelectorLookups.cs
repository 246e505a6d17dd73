using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace EmailAuth.Core.Dkim
{
    /// <summary>
    /// Looks up the selectors of one domain concurrently, at most <see cref="MaxConcurrent"/> at a time, and returns the
    /// results in the order the selectors were given (the documented order of <see cref="DkimCommonSelectors"/> when
    /// guessing). Guessing sends some 28 independent queries: one after another they cost 28 round trips.
    /// </summary>
    public static class DkimSelectorLookups
    {
        /// <summary>Lookups in flight at once for one domain: fast enough, and gentle with the resolver.</summary>
        public const int MaxConcurrent = 8;

        /// <summary>Runs <paramref name="lookup"/> for each selector, bounded; results[i] belongs to selectors[i].</summary>
        public static async Task<TResult[]> RunAsync<TResult>(IReadOnlyList<string> selectors, Func<string, CancellationToken, Task<TResult>> lookup,
                                                              CancellationToken cancellationToken, int maxConcurrent = MaxConcurrent)
        {
            if (selectors == null) throw new ArgumentNullException(nameof(selectors));
            if (lookup == null) throw new ArgumentNullException(nameof(lookup));
            if (maxConcurrent < 1) throw new ArgumentOutOfRangeException(nameof(maxConcurrent));
            var results = new TResult[selectors.Count];
            using var gate = new SemaphoreSlim(maxConcurrent, maxConcurrent);
            var tasks = selectors.Select(async (selector, i) =>
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    // SemaphoreSlim removes a cancelled async waiter in a continuation on the thread pool; a slot freed before
                    // that runs is handed to the waiter and its wait succeeds. A cancelled run starts no new lookup
                    // (DkimSelectorLookupsTests.Cancellation_stops_the_waiting_lookups saw a third start in a full run).
                    cancellationToken.ThrowIfCancellationRequested();
                    results[i] = await lookup(selector, cancellationToken).ConfigureAwait(false);
                }
                finally { gate.Release(); }
            }).ToArray();
            await Task.WhenAll(tasks).ConfigureAwait(false);
            return results;
        }

        /// <summary>
        /// Inspects every selector of <paramref name="domain"/> concurrently (see <see cref="RunAsync{TResult}"/>). With
        /// <paramref name="guessed"/>, entries for selectors with nothing published are null.
        /// </summary>
        public static Task<DkimKeyInfo?[]> InspectAsync(DkimKeyInspector inspector, string domain, IReadOnlyList<string> selectors, bool guessed,
                                                        CancellationToken cancellationToken, int maxConcurrent = MaxConcurrent)
        {
            if (inspector == null) throw new ArgumentNullException(nameof(inspector));
            return RunAsync(selectors, (s, ct) => inspector.InspectAsync(domain, s, guessed, ct), cancellationToken, maxConcurrent);
        }
    }
}
