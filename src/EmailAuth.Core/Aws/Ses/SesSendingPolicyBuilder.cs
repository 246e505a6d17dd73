using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EmailAuth.Core.Aws.Ses
{
    /// <summary>
    /// Builds a sending authorization policy that lets other AWS accounts, or every account under an AWS
    /// Organizations path, send as one identity (ses:SendEmail and ses:SendRawEmail on the identity's ARN).
    /// Accounts are named as principals; an organization path uses Principal "*" restricted by
    /// ForAnyValue:StringLike on aws:PrincipalOrgPaths, as the SES sending authorization guide shows.
    /// </summary>
    public static class SesSendingPolicyBuilder
    {
        /// <summary>The actions a delegate sender needs (SES guide, "Sending authorization policy examples").</summary>
        public static readonly IReadOnlyList<string> SendActions = new[] { "ses:SendEmail", "ses:SendRawEmail" };

        private static readonly Regex AccountId = new Regex(@"^\d{12}$", RegexOptions.CultureInvariant);

        // AWS Organizations id syntax: o-[a-z0-9]{10,32}, r-[0-9a-z]{4,32}, ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}.
        // A path lists them from the organization down, each followed by "/"; a final "*" matches below it.
        private static readonly Regex OrgPath = new Regex(
            @"^o-[a-z0-9]{10,32}/(\*|r-[0-9a-z]{4,32}/(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}/){0,5}\*?)$", RegexOptions.CultureInvariant);

        /// <summary>Why <paramref name="account"/> is not an account id (12 digits), or null.</summary>
        public static string? AccountProblem(string? account) =>
            account != null && AccountId.IsMatch(account) ? null : $"'{account}' is not an AWS account id (12 digits).";

        /// <summary>Why <paramref name="path"/> is not an organization path like o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*, or null.</summary>
        public static string? OrganizationPathProblem(string? path) =>
            path != null && OrgPath.IsMatch(path) ? null
            : $"'{path}' is not an AWS Organizations path: o-<org id>/ then r-<root id>/ and ou-<root>-<ou id>/ entries, ending in / or /* (e.g. o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*).";

        /// <summary>The policy JSON; throws ArgumentException for a bad account id or path, or when neither is given.</summary>
        public static string Build(string identityArn, IEnumerable<string>? accounts, IEnumerable<string>? organizationPaths)
        {
            if (string.IsNullOrEmpty(identityArn)) throw new ArgumentException("The identity ARN must not be empty.", nameof(identityArn));
            var ids = (accounts ?? Enumerable.Empty<string>()).Select(a => a?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList();
            var paths = (organizationPaths ?? Enumerable.Empty<string>()).Select(p => p?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList();
            foreach (var a in ids) if (AccountProblem(a) is string problem) throw new ArgumentException(problem, nameof(accounts));
            foreach (var p in paths) if (OrganizationPathProblem(p) is string problem) throw new ArgumentException(problem, nameof(organizationPaths));
            if (ids.Count == 0 && paths.Count == 0) throw new ArgumentException("Give at least one account id or organization path.");

            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                w.WriteStartObject();
                w.WriteString("Version", "2012-10-17");
                w.WriteStartArray("Statement");
                if (ids.Count > 0)
                    Statement(w, "EmailAuthAllowAccounts", identityArn, p =>
                    {
                        p.WriteStartObject("Principal");
                        p.WriteStartArray("AWS");
                        foreach (var a in ids) p.WriteStringValue(a);
                        p.WriteEndArray();
                        p.WriteEndObject();
                    });
                if (paths.Count > 0)
                    Statement(w, "EmailAuthAllowOrganizationPaths", identityArn, p =>
                    {
                        // Any principal, but only from accounts under these paths of the organization.
                        p.WriteString("Principal", "*");
                        p.WriteStartObject("Condition");
                        p.WriteStartObject("ForAnyValue:StringLike");
                        p.WriteStartArray("aws:PrincipalOrgPaths");
                        foreach (var path in paths) p.WriteStringValue(path);
                        p.WriteEndArray();
                        p.WriteEndObject();
                        p.WriteEndObject();
                    });
                w.WriteEndArray();
                w.WriteEndObject();
            }
            return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        }

        private static void Statement(Utf8JsonWriter w, string sid, string arn, Action<Utf8JsonWriter> who)
        {
            w.WriteStartObject();
            w.WriteString("Sid", sid);
            w.WriteString("Effect", "Allow");
            who(w);
            w.WriteStartArray("Action");
            foreach (var a in SendActions) w.WriteStringValue(a);
            w.WriteEndArray();
            w.WriteString("Resource", arn);
            w.WriteEndObject();
        }
    }
}
