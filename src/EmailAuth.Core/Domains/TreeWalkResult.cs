using System.Collections.Generic;
using System.Linq;

namespace EmailAuth.Core.Domains
{
    /// <summary>The outcome of an RFC 9989 DNS tree walk from <see cref="Domain"/>.</summary>
    public sealed class TreeWalkResult
    {
        public TreeWalkResult(string domain, IReadOnlyList<TreeWalkStep> steps, string? organizationalDomain, string reason, TreeWalkStep? failedStep)
        {
            Domain = domain;
            Steps = steps;
            OrganizationalDomain = organizationalDomain;
            Reason = reason;
            FailedStep = failedStep;
        }

        public string Domain { get; }
        /// <summary>The queries in the order sent (at most <see cref="DnsTreeWalk.MaxQueries"/>).</summary>
        public IReadOnlyList<TreeWalkStep> Steps { get; }
        /// <summary>The Organizational Domain; null when a query failed (the walk cannot decide).</summary>
        public string? OrganizationalDomain { get; }
        /// <summary>Which rule chose it, in words.</summary>
        public string Reason { get; }
        /// <summary>The query that failed (timeout, SERVFAIL, ...), which ended the walk.</summary>
        public TreeWalkStep? FailedStep { get; }

        /// <summary>The step for a domain, if the walk queried it.</summary>
        public TreeWalkStep? StepFor(string domain) => Steps.FirstOrDefault(s => s.Domain == domain);
    }
}
