using System;
using System.IO;
using System.Linq;

namespace EmailAuth.Core.Tests.Infrastructure
{
    /// <summary>
    /// Finds the Debian programs tests use as real peers (knotd, named-compilezone, python3 with pyspf,
    /// /usr/bin/aws and botocore's service models).
    /// A developer without them sees the tests skipped with the reason; CI sets
    /// EMAILAUTH_REQUIRE_PEERS=1 so that a missing peer fails the test instead of hiding it.
    /// </summary>
    public static class Peers
    {
        public const string RequireVariable = "EMAILAUTH_REQUIRE_PEERS";

        public static bool Required =>
            Environment.GetEnvironmentVariable(RequireVariable) is string v && v != "" && v != "0";

        /// <summary>Full path of an executable from PATH or the usual sbin folders, or null.</summary>
        public static string? Find(string program)
        {
            if (Path.IsPathRooted(program)) return File.Exists(program) ? program : null;
            var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
                .Concat(new[] { "/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin", "/usr/local/bin" });
            return dirs.Where(d => d.Length > 0).Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);
        }

        /// <summary>The skip reason when a peer is missing and not required; null when the test should run.</summary>
        public static string? SkipReason(params string[] programs)
        {
            if (Required) return null;
            var missing = programs.Where(p => Find(p) == null).ToArray();
            return missing.Length == 0 ? null
                : $"needs {string.Join(", ", missing)} (apt-get install knot bind9-utils python3-spf awscli python3-botocore); set {RequireVariable}=1 to fail instead of skipping";
        }

        /// <summary>Path of a peer, failing with a clear message when it is absent (tests that were not skipped).</summary>
        public static string Require(string program) =>
            Find(program) ?? throw new InvalidOperationException(
                $"Required test peer '{program}' is not installed ({RequireVariable} is set). Run .ci/run or apt-get install it.");
    }

    /// <summary>A fact that needs Debian peer programs: skipped with the reason when absent, unless CI requires peers.</summary>
    public sealed class PeerFactAttribute : Xunit.FactAttribute
    {
        public PeerFactAttribute(params string[] programs)
        {
            var reason = Peers.SkipReason(programs);
            if (reason != null) Skip = reason;
        }
    }

    /// <summary>The theory form of <see cref="PeerFactAttribute"/>.</summary>
    public sealed class PeerTheoryAttribute : Xunit.TheoryAttribute
    {
        public PeerTheoryAttribute(params string[] programs)
        {
            var reason = Peers.SkipReason(programs);
            if (reason != null) Skip = reason;
        }
    }
}
