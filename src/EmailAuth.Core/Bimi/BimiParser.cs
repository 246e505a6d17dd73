using System;
using System.Collections.Generic;
using System.Linq;
using EmailAuth.Core.Audit;

namespace EmailAuth.Core.Bimi
{
    /// <summary>
    /// Parses BIMI Assertion Records (draft-brand-indicators-for-message-identification-05 §4.2): a tag-list as in
    /// RFC 6376 §3.2, v=BIMI1 first, l= an https URL of an SVG (or empty), a= an https URL of a VMC/CMC (optional);
    /// unknown tags are ignored. Nothing is fetched: only the URLs are checked.
    /// </summary>
    public static class BimiParser
    {
        private const string Reference = "draft-brand-indicators-for-message-identification §4.2";
        /// <summary>Most parts read from one record (bounds work and findings on hostile input; real records have 2–3 tags).</summary>
        private const int MaxParts = 32;

        /// <summary>True when the first tag is v= (any case): the TXT is meant as a BIMI record (draft §4.4 selection).</summary>
        public static bool LooksLikeBimi(string text)
        {
            var first = text.TrimStart().Split(new[] { ';' }, 2)[0];
            var eq = first.IndexOf('=');
            return eq > 0 && first.Substring(0, eq).Trim().Equals("v", StringComparison.OrdinalIgnoreCase)
                   && first.Substring(eq + 1).Trim().StartsWith("BIMI", StringComparison.OrdinalIgnoreCase);
        }

        public static BimiRecord Parse(string text, string? subject = null)
        {
            var record = new BimiRecord { Text = text };
            var findings = new List<Finding>();
            var tags = new List<KeyValuePair<string, string>>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var parts = text.Split(';');
            for (var i = 0; i < parts.Length && i < MaxParts; i++)
            {
                var part = parts[i].Trim(' ', '\t', '\r', '\n');
                if (part.Length == 0) continue; // a trailing ";" is allowed (bimi-sep at the end)
                var eq = part.IndexOf('=');
                if (eq <= 0)
                {
                    findings.Add(new Finding(BimiFindingCodes.SyntaxError, FindingSeverity.Error,
                        $"'{part}' is not tag=value: receivers may ignore the record.", "Write every part as tag=value, separated by \";\".", Reference, subject));
                    continue;
                }
                var name = part.Substring(0, eq).Trim().ToLowerInvariant();
                if (!seen.Add(name))
                {
                    findings.Add(new Finding(BimiFindingCodes.SyntaxError, FindingSeverity.Error,
                        $"The tag {name}= occurs twice: the record is invalid (RFC 6376 §3.2 tag-list).", $"Keep one {name}= tag.", Reference, subject));
                    continue;
                }
                tags.Add(new KeyValuePair<string, string>(name, part.Substring(eq + 1).Trim()));
            }

            // §4.2: v= MUST be the first tag and match "BIMI1" precisely, else the record is ignored.
            var v = tags.Count > 0 && tags[0].Key == "v" ? tags[0].Value : null;
            record.Version = v ?? tags.FirstOrDefault(t => t.Key == "v").Value;
            if (v != "BIMI1")
                findings.Add(new Finding(BimiFindingCodes.BadVersion, FindingSeverity.Error,
                    v == null ? "The record does not start with v=BIMI1: receivers ignore it."
                              : $"The version is \"{v}\", not exactly \"BIMI1\": receivers ignore the record.",
                    "Start the record with \"v=BIMI1;\" (upper case).", Reference, subject));

            string? Tag(string n) => tags.Where(t => t.Key == n).Select(t => t.Value).FirstOrDefault();
            record.Location = Tag("l");
            record.Authority = Tag("a");
            var hasL = !string.IsNullOrEmpty(record.Location);
            var hasA = !string.IsNullOrEmpty(record.Authority);
            // §4.3: a record with empty l= (and no a=) is a declination to publish an indicator.
            record.IsDeclination = record.Location != null && !hasL && !hasA;
            if (record.IsDeclination)
                findings.Add(new Finding(BimiFindingCodes.Declined, FindingSeverity.Info,
                    "l= is empty: the domain declines to publish a brand indicator (receivers show no logo).",
                    "Publish l=https://.../logo.svg to show a logo.", "draft-brand-indicators-for-message-identification §4.3", subject));
            else if (record.Location == null && !hasA)
                findings.Add(new Finding(BimiFindingCodes.MissingLocation, FindingSeverity.Error,
                    "The record has no l= tag: there is no indicator to show.", "Add l=https://<host>/<logo>.svg.", Reference, subject));

            if (hasL)
            {
                if (!IsHttps(record.Location!))
                    findings.Add(new Finding(BimiFindingCodes.LocationNotHttps, FindingSeverity.Error,
                        $"l={record.Location} is not an https: URL: receivers fetch the indicator over HTTPS only.",
                        "Serve the SVG over HTTPS and publish its https:// URL.", Reference, subject));
                else if (!new Uri(record.Location!).AbsolutePath.EndsWith(".svg", StringComparison.OrdinalIgnoreCase))
                    findings.Add(new Finding(BimiFindingCodes.LocationNotSvg, FindingSeverity.Warning,
                        $"l={record.Location} does not end in .svg: the indicator must be an SVG Tiny Portable/Secure document.",
                        "Point l= at the SVG file itself (…/logo.svg).", "draft-svg-tiny-ps-abrotman", subject));
            }
            if (hasA && !IsHttps(record.Authority!))
                findings.Add(new Finding(BimiFindingCodes.AuthorityNotHttps, FindingSeverity.Error,
                    $"a={record.Authority} is not an https: URL: receivers fetch the evidence document over HTTPS only.",
                    "Publish the https:// URL of the VMC/CMC .pem file.", Reference, subject));
            if (!hasA && !record.IsDeclination && record.Location != null)
                findings.Add(new Finding(BimiFindingCodes.NoAuthority, FindingSeverity.Info,
                    "No a= evidence document: Gmail and Apple Mail show BIMI logos only with a Verified Mark Certificate (VMC) or Common Mark Certificate (CMC).",
                    "Obtain a VMC or CMC for the logo and publish a=https://<host>/<certificate>.pem.", "Gmail and Apple BIMI requirements", subject));

            record.Findings = findings;
            record.IsUsable = !FindingLists.AnyAtLeast(findings, FindingSeverity.Error);
            return record;
        }

        /// <summary>An absolute https URL with a host (no userinfo needed or checked further).</summary>
        internal static bool IsHttps(string value) =>
            Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Length > 0;
    }
}
