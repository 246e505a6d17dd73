using System;
using System.Threading;
using System.Threading.Tasks;

namespace EmailAuth.Core.Posture.Sections
{
    /// <summary>
    /// The one wait every section does: its inspector's task, then the result built from what it found. Generic code over
    /// reference types is compiled once and shared, where an async method per section is a state machine (and its
    /// builder's methods) each for a fresh process to compile before and during its first bulk audit.
    /// </summary>
    internal static class SectionTasks
    {
        public static async Task<PostureSectionResult?> Then<T>(Task<T> task, Func<T, PostureSectionResult> result) where T : class =>
            result(await task.ConfigureAwait(false));

        /// <summary>
        /// Two waits in a row: <paramref name="next"/> starts from what <paramref name="first"/> gave. The audit's context
        /// is passed along, so that the sections' functions are static (their delegates made once, no closure per domain).
        /// </summary>
        public static async Task<PostureSectionResult?> Then<T, U>(Task<T> first, PostureContext context, CancellationToken cancellationToken,
                                                                  Func<PostureContext, T, CancellationToken, Task<U>> next,
                                                                  Func<PostureContext, U, PostureSectionResult> result)
            where T : class where U : class =>
            result(context, await next(context, await first.ConfigureAwait(false), cancellationToken).ConfigureAwait(false));
    }
}
