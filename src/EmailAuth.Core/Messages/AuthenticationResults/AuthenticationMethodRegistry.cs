using System;
using System.Collections.Generic;

namespace EmailAuth.Core.Messages.AuthenticationResults
{
    /// <summary>
    /// The methods of the IANA "Email Authentication Methods" registry this module knows, with the results
    /// each defines ("Email Authentication Result Names"), and the registered ptypes.
    /// </summary>
    internal static class AuthenticationMethodRegistry
    {
        private static readonly string[] DkimResults = { "none", "pass", "fail", "policy", "neutral", "temperror", "permerror" };
        private static readonly string[] SpfResults = { "none", "pass", "fail", "softfail", "policy", "neutral", "temperror", "permerror" };
        private static readonly string[] BasicResults = { "none", "pass", "fail", "temperror", "permerror" };

        private static readonly Dictionary<string, (string[] Results, string Reference)> Methods =
            new Dictionary<string, (string[], string)>(StringComparer.OrdinalIgnoreCase)
            {
                ["auth"] = (BasicResults, "RFC 8601 §2.7.4"),
                ["dkim"] = (DkimResults, "RFC 8601 §2.7.1"),
                ["domainkeys"] = (DkimResults, "RFC 8601 §2.7.1 (DomainKeys, RFC 4870)"),
                ["spf"] = (SpfResults, "RFC 8601 §2.7.2"),
                ["sender-id"] = (SpfResults, "RFC 8601 §2.7.2 (Sender ID, RFC 4406)"),
                ["iprev"] = (new[] { "pass", "fail", "temperror", "permerror" }, "RFC 8601 §2.7.3"),
                ["dmarc"] = (BasicResults, "RFC 7489 §11.2"),
                ["arc"] = (new[] { "none", "pass", "fail" }, "RFC 8617 §10.2"),
                ["bimi"] = (new[] { "pass", "none", "fail", "temperror", "declined", "skipped" }, "BIMI draft §7.7"),
                ["dkim-adsp"] = (new[] { "none", "pass", "unknown", "fail", "discard", "nxdomain", "temperror", "permerror" }, "RFC 5617 §5.4"),
                ["smime"] = (DkimResults, "RFC 7281 §3"),
                ["vbr"] = (BasicResults, "RFC 6212 §5"),
                ["rrvs"] = (new[] { "none", "pass", "fail", "unknown", "temperror", "permerror" }, "RFC 7293 §6"),
                ["dnswl"] = (new[] { "pass", "none", "temperror", "permerror" }, "RFC 8904 §3"),
            };

        /// <summary>Registered ptypes: RFC 8601 §2.3 (smtp, header, body, policy) and RFC 8904 §3 (dns).</summary>
        private static readonly HashSet<string> Ptypes =
            new HashSet<string>(new[] { "smtp", "header", "body", "policy", "dns" }, StringComparer.OrdinalIgnoreCase);

        public static bool IsKnownMethod(string method) => Methods.ContainsKey(method);

        public static bool IsKnownPtype(string ptype) => Ptypes.Contains(ptype);

        /// <summary>The results the method defines and where, or false for an unknown method.</summary>
        public static bool TryGetResults(string method, out IReadOnlyList<string> results, out string reference)
        {
            if (Methods.TryGetValue(method, out var entry))
            {
                results = entry.Results;
                reference = entry.Reference;
                return true;
            }
            results = Array.Empty<string>();
            reference = "RFC 8601 §2.7";
            return false;
        }

        /// <summary>"hardfail" was an spf/sender-id result of RFC 5451, deprecated since RFC 7001 (RFC 8601 §2.7.2).</summary>
        public static bool IsDeprecatedResult(string method, string result) =>
            result.Equals("hardfail", StringComparison.OrdinalIgnoreCase) &&
            (method.Equals("spf", StringComparison.OrdinalIgnoreCase) || method.Equals("sender-id", StringComparison.OrdinalIgnoreCase));
    }
}
