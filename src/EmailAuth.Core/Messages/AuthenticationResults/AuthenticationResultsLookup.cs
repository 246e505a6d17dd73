using System;
using System.Collections.Generic;
using System.Linq;

namespace EmailAuth.Core.Messages.AuthenticationResults
{
    /// <summary>
    /// Finds what one receiver reported, e.g. "the spf result and smtp.mailfrom mx.google.com wrote". A consumer
    /// trusts only headers from its own or a known authserv-id (RFC 8601 §5), so the lookup is always by id.
    /// </summary>
    internal static class AuthenticationResultsLookup
    {
        /// <summary>
        /// Results of <paramref name="method"/> in the headers whose authserv-id is <paramref name="authServId"/>
        /// (case-insensitive), in header order. ARC-Authentication-Results count only with <paramref name="arcInstance"/>
        /// (then only that instance's); plain Authentication-Results only without it.
        /// </summary>
        public static IEnumerable<AuthenticationMethodResult> Find(IEnumerable<AuthenticationResultInfo> headers,
            string authServId, string method, int? arcInstance = null) =>
            headers.Where(h => h.AuthServId != null
                               && h.AuthServId.Equals(authServId, StringComparison.OrdinalIgnoreCase)
                               && h.Instance == arcInstance
                               && (arcInstance != null) == (h.HeaderName == AuthenticationResultsParser.ArcHeaderName))
                   .SelectMany(h => h.Results)
                   .Where(r => r.Method.Equals(method, StringComparison.OrdinalIgnoreCase));

        /// <summary>The first result of the method that one receiver reported, or null.</summary>
        public static AuthenticationMethodResult? FindFirst(IEnumerable<AuthenticationResultInfo> headers,
            string authServId, string method, int? arcInstance = null) =>
            Find(headers, authServId, method, arcInstance).FirstOrDefault();

        /// <summary>The authserv-ids present, first occurrence first (to pick the receiver when none is given).</summary>
        public static IReadOnlyList<string> AuthServIds(IEnumerable<AuthenticationResultInfo> headers) =>
            headers.Select(h => h.AuthServId).Where(id => id != null).Select(id => id!)
                   .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }
}
