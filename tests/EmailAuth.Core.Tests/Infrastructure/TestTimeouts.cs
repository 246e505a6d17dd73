using System;
using System.Threading;

namespace EmailAuth.Core.Tests.Infrastructure
{
    /// <summary>
    /// Timeouts for tests against real servers on loopback. A server that answers gets <see cref="Answering"/>:
    /// the assertion is about what it answers, and a busy machine (2 shared cores, parallel test classes)
    /// can hold a reply for seconds. Only where silence is the point does a test use <see cref="Silence"/>.
    /// </summary>
    public static class TestTimeouts
    {
        public static readonly TimeSpan Answering = TimeSpan.FromSeconds(10);

        /// <summary>For a server that never answers: how long a query waits before it is a timeout.</summary>
        public static readonly TimeSpan Silence = TimeSpan.FromMilliseconds(300);

        /// <summary>
        /// Waits until <paramref name="count"/> reaches <paramref name="expected"/> (a server's counter is bumped on
        /// its own thread, maybe after the client has finished) or <see cref="Answering"/> has passed; returns it.
        /// </summary>
        public static int WaitForCount(Func<int> count, int expected)
        {
            var deadline = DateTime.UtcNow + Answering;
            int n;
            while ((n = count()) < expected && DateTime.UtcNow < deadline) Thread.Sleep(10);
            return n;
        }
    }
}
