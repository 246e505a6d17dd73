using System;
using System.Collections.Generic;
using System.Text;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Dns;

namespace EmailAuth.Core.Spf
{
    /// <summary>Checks of one record's text that need no DNS (the tree-wide checks live in <see cref="SpfRecordInspector"/>).</summary>
    internal static class SpfLinter
    {
        public const int MaxCharacterString = 255;
        public const int MaxUdpMessage = 512;

        internal static Finding F(string code, FindingSeverity severity, string message, string remediation, string section, string subject) =>
            new Finding(code, severity, message, remediation, "RFC 7208 §" + section, subject);

        /// <param name="isPolicy">The record is the domain's own policy (the root or a redirect= target), not an include target.</param>
        public static void LintRecord(SpfRecord record, string domain, bool isPolicy, List<Finding> findings)
        {
            for (var i = 0; i < record.Errors.Count; i++)
            {
                var e = record.Errors[i];
                var crt = e.Message.IndexOf("allowed only in exp= text", StringComparison.Ordinal) >= 0;
                findings.Add(F(crt ? SpfFindingCodes.MacroInExpOnly : SpfFindingCodes.SyntaxError, FindingSeverity.Error,
                    $"{domain}: {e}",
                    crt ? "Use the c, r and t macro letters only in the explanation TXT record that exp= points to."
                        : "Fix the term: receivers return permerror for the whole record when any term is malformed.",
                    crt ? "7.3" : "4.6", $"{domain}: {e.OffendingText}"));
            }

            SpfTerm? all = null;
            var redundant = record.Redundancy;
            var sawMechanism = false;
            var reportedAfterAll = false;
            var index = -1;
            for (var i = 0; i < record.Terms.Count; i++)
            {
                var t = record.Terms[i];
                index++;
                // Only findings show it: built when one is added, not for every term of every record.
                string Subject() => domain + ": " + t.Text;
                if (t.Type.IsMechanism())
                {
                    if (all != null && !reportedAfterAll)
                    {
                        reportedAfterAll = true;
                        findings.Add(F(SpfFindingCodes.ShadowedTerm, FindingSeverity.Warning,
                            $"{domain}: \"{t.Text}\" and every mechanism after \"{all.Text}\" are never evaluated.",
                            $"Move \"{all.Text}\" to the end of the record or remove the terms after it.", "4.6.2", Subject()));
                    }
                    sawMechanism = true;
                }
                else if (sawMechanism == false && (t.Type == SpfTermType.Redirect || t.Type == SpfTermType.Exp) && HasMechanismAfter(record, t))
                {
                    findings.Add(F(SpfFindingCodes.ModifierNotLast, FindingSeverity.Info,
                        $"{domain}: \"{t.Text}\" appears before mechanisms; modifiers SHOULD come last.",
                        "Move redirect= and exp= to the end of the record.", "6", Subject()));
                }

                if (redundant.DuplicateOf(index) is SpfTerm first)
                {
                    findings.Add(F(SpfFindingCodes.DuplicateTerm, FindingSeverity.Warning,
                        $"{domain}: \"{t.Text}\" repeats \"{first.Text}\"" + (t.Type.QueriesDns() ? " and costs another DNS lookup." : "."),
                        "Remove the duplicate term.", "4.6.4", Subject()));
                }

                switch (t.Type)
                {
                    case SpfTermType.All:
                        all ??= t;
                        if (t.Qualifier == SpfQualifier.Pass)
                            findings.Add(F(SpfFindingCodes.PassAll, FindingSeverity.Critical,
                                $"{domain}: \"{t.Text}\" authorises every host on the Internet to send mail as this domain" +
                                (isPolicy ? "." : " (through every record that includes it)."),
                                "Replace it with \"-all\" (or \"~all\" while deploying).", "5.1", Subject()));
                        else if (t.Qualifier == SpfQualifier.Neutral && isPolicy)
                            findings.Add(F(SpfFindingCodes.NeutralAll, FindingSeverity.Warning,
                                $"{domain}: \"{t.Text}\" makes unlisted hosts neutral: the record protects nothing.",
                                "End the record with \"-all\" (or \"~all\" while deploying).", "8.2", Subject()));
                        break;
                    case SpfTermType.Ptr:
                        findings.Add(F(SpfFindingCodes.PtrMechanism, FindingSeverity.Warning,
                            $"{domain}: \"{t.Text}\": the ptr mechanism is slow, unreliable and SHOULD NOT be used.",
                            "Replace ptr with ip4:/ip6: networks or a: names of the sending hosts.", "5.5", Subject()));
                        break;
                    case SpfTermType.Ip4:
                    case SpfTermType.Ip6:
                        if (redundant.ShadowedBy(index) is SpfTerm earlier)
                            findings.Add(F(SpfFindingCodes.ShadowedTerm, FindingSeverity.Warning,
                                $"{domain}: \"{t.Text}\" lies inside \"{earlier.Text}\" and never changes the result.",
                                "Remove the narrower network.", "5.6", Subject()));
                        break;
                    case SpfTermType.UnknownModifier:
                        findings.Add(F(SpfFindingCodes.UnknownModifier, FindingSeverity.Info,
                            $"{domain}: \"{t.Text}\" is not a modifier receivers know; it is ignored." + Suggest(t.ModifierName),
                            "Remove it, or correct the name if it was meant to be redirect= or exp=.", "6", Subject()));
                        break;
                }
            }

            if (redundant.IsTruncated)
                findings.Add(F(SpfFindingCodes.AnalysisTruncated, FindingSeverity.Info,
                    $"{domain}: the record has {redundant.TermCount} terms; only the first {redundant.AnalysedCount} were checked for " +
                    $"duplicate and shadowed terms ({redundant.TermCount - redundant.AnalysedCount} not checked).",
                    "Shorten the record: fewer, wider networks, or move parts to include: records.", "3.4", domain));
            if (record.Redirect != null && record.HasAll)
                findings.Add(F(SpfFindingCodes.RedirectIgnored, FindingSeverity.Warning,
                    $"{domain}: \"{record.Redirect.Text}\" is ignored because the record has \"{all?.Text ?? "all"}\".",
                    "Remove either the redirect= modifier or the all mechanism.", "6.1", $"{domain}: {record.Redirect.Text}"));
            if (isPolicy && record.IsValid && !record.HasAll && record.Redirect == null)
                findings.Add(F(SpfFindingCodes.NoAll, FindingSeverity.Warning,
                    $"{domain}: the record has neither an \"all\" mechanism nor redirect=: unlisted hosts get neutral.",
                    "End the record with \"-all\" (or \"~all\" while deploying).", "4.7", domain));
        }

        private static bool HasMechanismAfter(SpfRecord record, SpfTerm t)
        {
            foreach (var m in record.Mechanisms) if (m.Position > t.Position) return true;
            return false;
        }

        private static string Suggest(string? name) => name switch
        {
            "redirct" or "redir" or "rediect" or "redirects" or "redirect:" => " Did you mean redirect=?",
            "explanation" or "expl" or "exps" => " Did you mean exp=?",
            _ => string.Empty,
        };

        /// <summary>
        /// Size of the UDP response to "name TXT": 12-byte header, the question (name + 4), and each TXT RR with a
        /// compression pointer for its owner (2 + 10 + RDATA, RDATA = each string with its length byte). §3.4: 512 bytes.
        /// </summary>
        public static int EstimateTxtResponseSize(string name, IEnumerable<IReadOnlyList<string>> rrStrings)
        {
            var size = 12 + NameWireLength(name) + 4;
            foreach (var strings in rrStrings)
            {
                size += 2 + 10;
                foreach (var s in strings) size += 1 + Encoding.UTF8.GetByteCount(s);
            }
            return size;
        }

        public static int NameWireLength(string name)
        {
            name = DnsName.Normalize(name);
            if (name.Length == 0 || name == ".") return 1;
            // Each label is a length octet and its bytes, plus the root's zero octet (RFC 1035 §3.1): with n dots
            // there are n + 1 labels, and the dots' n bytes are what the length octets replace, so the sum is the
            // name's UTF-8 length + 2 (a dot is one byte and never splits a surrogate pair).
            return Encoding.UTF8.GetByteCount(name) + 2;
        }

        /// <summary>The RDATA size of <see cref="SplitIntoStrings"/>' strings (a length octet and the bytes of each).</summary>
        public static int SplitStringsSize(string text)
        {
            var size = 0;
            foreach (var s in SplitIntoStrings(text)) size += 1 + Encoding.UTF8.GetByteCount(s);
            return size;
        }

        /// <summary>Record text split the way zone tools do: strings of at most 255 bytes.</summary>
        public static IReadOnlyList<string> SplitIntoStrings(string text)
        {
            var list = new List<string>();
            for (var i = 0; i < text.Length; i += MaxCharacterString) list.Add(text.Substring(i, Math.Min(MaxCharacterString, text.Length - i)));
            if (list.Count == 0) list.Add(string.Empty);
            return list;
        }
    }
}
