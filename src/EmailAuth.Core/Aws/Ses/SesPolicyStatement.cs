using System;
using System.Collections.Generic;

namespace EmailAuth.Core.Aws.Ses
{
    /// <summary>One statement of a sending authorization policy, summarised: who may do what, on what, under which conditions.</summary>
    public sealed class SesPolicyStatement
    {
        public string? Sid { get; set; }
        /// <summary>Allow or Deny.</summary>
        public string Effect { get; set; } = "";
        /// <summary>Principals as written: account ids, ARNs, "*", or "Service:ses.amazonaws.com" for service principals.</summary>
        public IReadOnlyList<string> Principals { get; set; } = Array.Empty<string>();
        public IReadOnlyList<string> Actions { get; set; } = Array.Empty<string>();
        public IReadOnlyList<string> Resources { get; set; } = Array.Empty<string>();
        /// <summary>Conditions as "operator key=value1|value2", e.g. "ForAnyValue:StringLike aws:PrincipalOrgPaths=o-…/*".</summary>
        public IReadOnlyList<string> Conditions { get; set; } = Array.Empty<string>();

        public override string ToString() =>
            $"{Effect} {string.Join(",", Actions)} to {(Principals.Count == 0 ? "(no principal)" : string.Join(",", Principals))}" +
            (Conditions.Count > 0 ? " if " + string.Join(" and ", Conditions) : "");
    }
}
