using System.Collections.Generic;

namespace EmailAuth.Core.Audit
{
    /// <summary>
    /// Questions every inspector asks of its findings once per record ("is any an error?"), by index: Any/All with a
    /// lambda over a List box its enumerator, once per section of every domain of a bulk audit.
    /// </summary>
    public static class FindingLists
    {
        /// <summary>True when a finding is at least <paramref name="severity"/> (as Any(f => f.Severity >= severity)).</summary>
        public static bool AnyAtLeast(IReadOnlyList<Finding> findings, FindingSeverity severity)
        {
            for (var i = 0; i < findings.Count; i++)
                if (findings[i].Severity >= severity) return true;
            return false;
        }

        /// <summary>True when a finding has <paramref name="code"/> (as Any(f => f.Code == code)).</summary>
        public static bool AnyWithCode(IReadOnlyList<Finding> findings, string code)
        {
            for (var i = 0; i < findings.Count; i++)
                if (findings[i].Code == code) return true;
            return false;
        }
    }
}
