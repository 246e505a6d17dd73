using System;
using System.Collections.Generic;
using System.Linq;
using EmailAuth.Core.Messages.AuthenticationResults;
using EmailAuth.Core.Messages.Dkim;

namespace EmailAuth.Core.Messages
{
    /// <summary>
    /// Compares the results one authentication service wrote into the message (RFC 8601 Authentication-Results, or
    /// RFC 8617 ARC-Authentication-Results) with ours, method by method: spf, dkim per d= (and s= when given), dmarc, arc.
    /// Only methods both sides know are compared (a header without dkim= says nothing about DKIM); a signature we verified
    /// that a header listing dkim results leaves out is a disagreement too. Bounded by the fields' own sizes.
    /// </summary>
    internal static class ReportedResultsComparer
    {
        /// <summary>The authserv-id to compare: the requested one, else the topmost A-R field's, else the newest AAR's.</summary>
        public static string? ChooseAuthServId(IReadOnlyList<ReportedHeader> headers, string? requested)
        {
            if (!string.IsNullOrWhiteSpace(requested)) return requested!.Trim();
            var ar = headers.FirstOrDefault(h => !h.IsArc && !string.IsNullOrEmpty(h.Info.AuthServId));
            if (ar != null) return ar.Info.AuthServId;
            return headers.Where(h => h.IsArc).OrderByDescending(InstanceOf).FirstOrDefault()?.Info.AuthServId;
        }

        /// <summary>The fields of <paramref name="authServId"/>: its Authentication-Results, or failing those its newest ARC-Authentication-Results.</summary>
        public static IReadOnlyList<ReportedHeader> Select(IReadOnlyList<ReportedHeader> headers, string authServId)
        {
            var ar = headers.Where(h => !h.IsArc && Same(h.Info.AuthServId, authServId)).ToList();
            if (ar.Count > 0) return ar;
            var aar = headers.Where(h => h.IsArc && Same(h.Info.AuthServId, authServId)).OrderByDescending(InstanceOf).Take(1).ToList();
            return aar;
        }

        public static List<MessageDisagreement> Compare(IReadOnlyList<ReportedHeader> selected, ComputedResults ours)
        {
            var list = new List<MessageDisagreement>();
            foreach (var header in selected)
            {
                var id = header.Info.AuthServId ?? string.Empty;
                var note = header.IsArc
                    ? "ARC-Authentication-Results record what an intermediary saw before it forwarded the message; forwarding changes the client (SPF) and may change the content (DKIM)."
                    : null;
                MessageDisagreement D(string method, string? subject, string reported, string computed, string? why = null) => new MessageDisagreement
                {
                    Method = method, Subject = subject, Reported = reported, Computed = computed, AuthServId = id,
                    Header = header.FieldName + (header.IsArc ? $" i={InstanceOf(header)}" : string.Empty), Note = why ?? note,
                };
                var results = header.Info.Results;

                // SPF (RFC 8601 §2.7.2): one result for the MAIL FROM (smtp.mailfrom) or HELO (smtp.helo) identity.
                foreach (var r in results.Where(r => Is(r.Method, "spf")).Take(1))
                {
                    if (ours.Spf == null) continue;
                    var reported = Word(r.Result);
                    if (reported == "hardfail") reported = "fail"; // RFC 8601 §2.7.2 keeps the old synonym
                    var computed = ours.Spf.Value.ToString().ToLowerInvariant();
                    var mailfrom = Property(r, "smtp.mailfrom");
                    if (reported != computed)
                        list.Add(D("spf", mailfrom ?? ours.MailFromDomain, reported, computed,
                            note ?? "The receiver may have seen another client IP or MAIL FROM, or the SPF records have changed since."));
                }

                // DKIM (RFC 8601 §2.7.1): one result per signature, named by header.d and header.s (or header.i, header.b).
                var reportedDkim = results.Where(r => Is(r.Method, "dkim")).ToList();
                if (reportedDkim.Count > 0)
                {
                    var matched = new HashSet<DkimSignatureResult>();
                    foreach (var r in reportedDkim)
                    {
                        var d = DomainOf(Property(r, "header.d") ?? Property(r, "header.i"));
                        var s = Property(r, "header.s");
                        var reported = Word(r.Result);
                        if (d == null)
                        {
                            // "dkim=none": no signature was seen.
                            if (reported == "none" && ours.Dkim.Count > 0)
                                list.Add(D("dkim", null, "none", string.Join(", ", ours.Dkim.Select(x => $"{Word(x.Result.ToString())} (d={x.Domain})"))));
                            continue;
                        }
                        var candidates = ours.Dkim.Where(x => Same(x.Domain, d) && (s == null || Same(x.Selector, s)) && !matched.Contains(x)).ToList();
                        var subject = s == null ? $"d={d}" : $"d={d} s={s}";
                        if (candidates.Count == 0)
                        {
                            list.Add(D("dkim", subject, reported, "(absent)", "The message as read carries no such DKIM-Signature; it may have been removed or the header rewritten."));
                            continue;
                        }
                        var same = candidates.FirstOrDefault(x => Word(x.Result.ToString()) == reported);
                        var pick = same ?? candidates[0];
                        matched.Add(pick);
                        if (same == null)
                            list.Add(D("dkim", subject, reported, Word(pick.Result.ToString()),
                                note ?? (pick.Reason != null ? $"EmailAuth: {pick.Reason}" : null)));
                    }
                    foreach (var x in ours.Dkim.Where(x => !matched.Contains(x) && x.Result != DkimVerificationResult.None
                                                          && !reportedDkim.Any(r => Same(DomainOf(Property(r, "header.d") ?? Property(r, "header.i")), x.Domain))))
                        list.Add(D("dkim", $"d={x.Domain} s={x.Selector}", "(absent)", Word(x.Result.ToString()),
                            "The header reports DKIM results but not for this signature; it may have been added after that receiver."));
                }

                // DMARC (RFC 7489 §11.2): dmarc=pass|fail|none|temperror|permerror header.from=.
                foreach (var r in results.Where(r => Is(r.Method, "dmarc")).Take(1))
                {
                    if (ours.Dmarc == null) continue;
                    var reported = Word(r.Result);
                    var computed = ours.Dmarc.Result.ToString().ToLowerInvariant();
                    if (reported != computed)
                        list.Add(D("dmarc", Property(r, "header.from") ?? ours.Dmarc.FromDomain, reported, computed,
                            note ?? "A difference in SPF or DKIM above, another Organizational Domain method, or a DMARC record changed since, explains it."));
                }

                // ARC (RFC 8617 §4.2, RFC 8601 registry): arc=pass|fail|none.
                foreach (var r in results.Where(r => Is(r.Method, "arc")).Take(1))
                {
                    if (ours.Arc == null) continue;
                    var reported = Word(r.Result);
                    var computed = ours.Arc.Result.ToString().ToLowerInvariant();
                    if (reported != computed)
                        list.Add(D("arc", null, reported, computed, note ?? (ours.Arc.Reason != null ? $"EmailAuth: {ours.Arc.Reason}" : null)));
                }
            }
            return list;
        }

        private static int InstanceOf(ReportedHeader h) => h.Info.Instance ?? 0;

        private static bool Is(string method, string name) => string.Equals(method, name, StringComparison.OrdinalIgnoreCase);

        private static bool Same(string? a, string? b) =>
            string.Equals((a ?? string.Empty).TrimEnd('.'), (b ?? string.Empty).TrimEnd('.'), StringComparison.OrdinalIgnoreCase);

        private static string Word(string? result) => (result ?? string.Empty).Trim().ToLowerInvariant();

        private static string? Property(AuthenticationMethodResult r, string name) =>
            r.GetProperty(name) is string v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

        /// <summary>header.i is an AUID (local@domain or @domain): its domain; header.d is one already.</summary>
        private static string? DomainOf(string? value)
        {
            if (value == null) return null;
            var at = value.LastIndexOf('@');
            return at >= 0 ? value.Substring(at + 1) : value;
        }
    }
}
