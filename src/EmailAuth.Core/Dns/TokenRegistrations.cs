using System.Threading;

namespace EmailAuth.Core.Dns
{
    /// <summary>
    /// The waiters of the query path (<see cref="CacheWaiter"/>, Wire.UdpPendingQuery, Spf.SpfDeadlineWait) keep one token
    /// registration in a field, guarded by their own lock, because their task can end before or after they register.
    /// </summary>
    internal static class TokenRegistrations
    {
        /// <summary>
        /// Takes the registration out of <paramref name="slot"/> under <paramref name="gate"/> and disposes it outside the
        /// lock (Dispose may wait for a callback running on another thread): exactly once, whoever comes first.
        /// </summary>
        public static void Release(object gate, ref CancellationTokenRegistration slot)
        {
            CancellationTokenRegistration registration;
            lock (gate)
            {
                registration = slot;
                slot = default;
            }
            registration.Dispose();
        }
    }
}
