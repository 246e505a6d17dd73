using System.Collections.Generic;
using System.Linq;
using EmailAuth.Core.Audit;

namespace EmailAuth.Core.Messages.AuthenticationResults
{
    /// <summary>
    /// One Authentication-Results (RFC 8601) or ARC-Authentication-Results (RFC 8617 §4.1.1) header, parsed.
    /// Never thrown for bad input: <see cref="IsValid"/> is false and <see cref="Findings"/> say why.
    /// </summary>
    public sealed class AuthenticationResultInfo
    {
        internal AuthenticationResultInfo(string headerName, string header, string? authServId, int? version,
                                          int? instance, IReadOnlyList<AuthenticationMethodResult> results,
                                          bool noResults, IReadOnlyList<string> comments, IReadOnlyList<Finding> findings)
        {
            HeaderName = headerName;
            Header = header;
            AuthServId = authServId;
            Version = version;
            Instance = instance;
            Results = results;
            NoResults = noResults;
            Comments = comments;
            Findings = findings;
        }

        /// <summary>"Authentication-Results" or "ARC-Authentication-Results" (the name given, or implied by i=).</summary>
        public string HeaderName { get; }
        /// <summary>The header value as given (unfolded, without the field name).</summary>
        public string Header { get; }
        /// <summary>Who did the checks (RFC 8601 §2.5), e.g. mx.google.com; trust a header only from your own (§5).</summary>
        public string? AuthServId { get; }
        /// <summary>authres-version when written (RFC 8601 §2.2); null means the implied 1.</summary>
        public int? Version { get; }
        /// <summary>The ARC instance i= of an ARC-Authentication-Results header (RFC 8617 §4.1.1); null otherwise.</summary>
        public int? Instance { get; }
        /// <summary>The results in header order.</summary>
        public IReadOnlyList<AuthenticationMethodResult> Results { get; }
        /// <summary>True for the "none" form: the receiver checked nothing (RFC 8601 §2.2).</summary>
        public bool NoResults { get; }
        /// <summary>Comments outside any resinfo (after the authserv-id or version).</summary>
        public IReadOnlyList<string> Comments { get; }
        public bool IsValid => !Findings.Any(f => f.Severity >= FindingSeverity.Error);
        public IReadOnlyList<Finding> Findings { get; }

        public override string ToString() =>
            (Instance != null ? $"i={Instance}; " : "") + (AuthServId ?? "?") +
            (NoResults ? "; none" : string.Concat(Results.Select(r => "; " + r)));
    }
}
