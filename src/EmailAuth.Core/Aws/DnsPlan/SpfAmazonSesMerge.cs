using System;
using System.Linq;
using EmailAuth.Core.Spf;

namespace EmailAuth.Core.Aws.DnsPlan
{
    /// <summary>
    /// Adds include:amazonses.com to an SPF record already at a MAIL FROM name, when that is safe: a name must
    /// hold one v=spf1 record (RFC 7208 §4.5), so SES's record cannot simply be added beside it.
    /// </summary>
    public static class SpfAmazonSesMerge
    {
        public const string Include = "include:amazonses.com";

        /// <summary>True when the record already authorizes SES (an include:amazonses.com, any qualifier but "-" or "~" or "?").</summary>
        public static bool AuthorizesSes(string spfText) =>
            SpfParser.Parse(spfText).Terms.Any(t => IsSesInclude(t) && t.Qualifier == SpfQualifier.Pass);

        private static bool IsSesInclude(SpfTerm t) =>
            t.Type == SpfTermType.Include && string.Equals(t.DomainSpec?.ToString()?.TrimEnd('.'), "amazonses.com", StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// The record with include:amazonses.com before its "all" (mechanisms after "all" are never reached, RFC 7208
        /// §5.1), or null and why not: a syntax error (permerror, §4.6), a redirect= (the record's meaning then depends
        /// on another domain: §6.1), or 10 DNS-querying terms already (the limit, §4.6.4).
        /// </summary>
        public static string? TryMerge(string spfText, out string reason)
        {
            var record = SpfParser.Parse(spfText);
            if (!record.IsValid)
            {
                reason = $"it is not a valid SPF record ({record.Error}), a permerror for every check (RFC 7208 §4.6)";
                return null;
            }
            if (AuthorizesSes(spfText))
            {
                reason = "it already includes amazonses.com";
                return spfText;
            }
            var qualified = record.Terms.FirstOrDefault(IsSesInclude);
            if (qualified != null)
            {
                // "-include:amazonses.com" (or ~, ?) matches first: a second, passing include after it would never count (RFC 7208 §4.6.2).
                reason = $"it already has {qualified.Text}, which decides SES's mail before any added include";
                return null;
            }
            if (record.Redirect != null)
            {
                reason = "it ends in a redirect= modifier (RFC 7208 §6.1): whether SES may send depends on another domain's record";
                return null;
            }
            var lookups = record.Terms.Count(t => t.Type.QueriesDns());
            if (lookups >= 9)
            {
                reason = $"it already has {lookups} DNS-querying terms; include:amazonses.com would exceed the limit of 10 (RFC 7208 §4.6.4)";
                return null;
            }
            var all = record.Terms.FirstOrDefault(t => t.Type == SpfTermType.All);
            var text = record.Text.TrimEnd();
            string merged;
            if (all == null) merged = text + " " + Include;
            else merged = text.Substring(0, all.Position).TrimEnd() + " " + Include + " " + text.Substring(all.Position);
            reason = $"include:amazonses.com added {(all == null ? "at the end" : "before " + all.Text)}";
            return merged;
        }
    }
}
