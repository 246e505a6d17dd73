using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Domains;

namespace EmailAuth.Core.Dmarc
{
    /// <summary>
    /// Parses a DMARC record (RFC 7489 §6.3-6.4; RFC 9989 "General Record Format" and "Formal Definition").
    /// RFC 9989 rules decide meaning (unknown tags and bad parts are ignored, tags in any order after v=, pct/rf/ri
    /// removed but still read); what an RFC 7489 receiver would reject is reported as a finding. Never throws.
    /// </summary>
    public static class DmarcParser
    {
        /// <summary>Longest record parsed; a TXT answer cannot be longer than 64 KB anyway.</summary>
        public const int MaxRecordLength = 65535;

        /// <summary>Most URIs read from one rua= or ruf= (the rest are reported, not parsed).</summary>
        public const int MaxUris = 20;

        private const string Rfc7489Tags = "RFC 7489 §6.3";
        private const string Rfc9989Tags = "RFC 9989 (General Record Format)";
        private static readonly string[] KnownTags = { "v", "p", "sp", "np", "adkim", "aspf", "pct", "rua", "ruf", "fo", "rf", "ri", "t", "psd" };

        /// <summary>
        /// True when the text starts with the version tag: "v", optional spaces, "=", optional spaces, "DMARC1"
        /// (exact case, RFC 9989), then the end, or spaces and ";" (RFC 7489 §6.6.3 record selection).
        /// </summary>
        public static bool IsDmarcRecord(string? text)
        {
            if (text == null) return false;
            // Read in place (every TXT record at a _dmarc name of every domain comes here): the text up to the first ";",
            // without its surrounding spaces and tabs, must be "v", spaces, "=", spaces, "DMARC1".
            var end = text.IndexOf(';');
            if (end < 0) end = text.Length;
            var start = 0;
            while (start < end && IsBlank(text[start])) start++;
            while (end > start && IsBlank(text[end - 1])) end--;
            var eq = text.IndexOf('=', start, end - start);
            if (eq <= start) return false;
            var nameEnd = eq;
            while (nameEnd > start && IsBlank(text[nameEnd - 1])) nameEnd--;
            if (nameEnd - start != 1 || text[start] != 'v') return false;
            var value = eq + 1;
            while (value < end && IsBlank(text[value])) value++;
            return end - value == 6 && string.CompareOrdinal(text, value, "DMARC1", 0, 6) == 0;
        }

        private static bool IsBlank(char c) => c == ' ' || c == '\t';

        public static DmarcRecord Parse(string? text)
        {
            text ??= string.Empty;
            var record = new DmarcRecord(text);
            var findings = new List<Finding>();
            if (text.Length > MaxRecordLength)
            {
                findings.Add(new Finding(DmarcFindingCodes.NotDmarcRecord, FindingSeverity.Error,
                    $"The record is {text.Length:N0} characters long; no DNS TXT record can be longer than {MaxRecordLength:N0}.",
                    "Publish a short record such as \"v=DMARC1; p=none; rua=mailto:dmarc-reports@example.com\".", Rfc7489Tags));
                record.Findings = findings;
                return record;
            }
            record.IsDmarcRecord = IsDmarcRecord(text);
            if (!record.IsDmarcRecord)
            {
                var lower = text.TrimStart().StartsWith("v", StringComparison.OrdinalIgnoreCase) && text.IndexOf("dmarc1", StringComparison.OrdinalIgnoreCase) >= 0;
                findings.Add(new Finding(DmarcFindingCodes.NotDmarcRecord, FindingSeverity.Error,
                    lower ? "The record does not start with exactly \"v=DMARC1\" (the version is case-sensitive and must be the first tag): receivers ignore it."
                          : "The text does not start with \"v=DMARC1\": it is not a DMARC record and receivers ignore it.",
                    "Start the record with \"v=DMARC1;\" followed by the other tags, e.g. \"v=DMARC1; p=none; rua=mailto:dmarc-reports@example.com\".",
                    "RFC 9989 (v tag); RFC 7489 §6.3"));
                record.Findings = findings;
                return record;
            }

            var tags = new List<DmarcTag>();
            HashSet<string>? seen = null; // only for long (hostile) lists: a record's few tags are compared one by one
            // The parts between ';'s (as text.Split(';') gives them) read in place: every audited domain's record is
            // parsed, and a part's text is needed only for a finding about it.
            var count = 1;
            foreach (var c in text) if (c == ';') count++;
            var position = 0;
            for (int i = 0, next = 0; i < count; i++)
            {
                var end = text.IndexOf(';', next);
                if (end < 0) end = text.Length;
                var (partStart, partEnd) = TrimBlanks(text, next, end); // as Trim(' ', '\t')
                next = end + 1;
                if (partStart == partEnd)
                {
                    // One trailing ";" is allowed (dmarc-record = dmarc-version *(dmarc-sep dmarc-tag) [dmarc-sep]).
                    if (i != count - 1 && i != 0)
                        findings.Add(new Finding(DmarcFindingCodes.SyntaxError, FindingSeverity.Info,
                            "The record has an empty part (\";;\"): receivers skip it, some strict RFC 7489 parsers reject the record.",
                            "Remove the extra semicolon.", "RFC 7489 §6.4"));
                    continue;
                }
                var eqAt = text.IndexOf('=', partStart, partEnd - partStart);
                var eq = eqAt < 0 ? -1 : eqAt - partStart;
                string name = string.Empty, value = string.Empty;
                if (eq > 0)
                {
                    var (nameStart, nameEnd) = TrimBlanks(text, partStart, eqAt); // the start is not blank: TrimEnd
                    name = TagName(text, nameStart, nameEnd - nameStart);
                    var (valueStart, valueEnd) = TrimBlanks(text, eqAt + 1, partEnd);
                    value = text.Substring(valueStart, valueEnd - valueStart);
                }
                if (eq <= 0 || !AllAlpha(name) || value.Length == 0 || !AllPrintable(value))
                {
                    var part = text.Substring(partStart, partEnd - partStart);
                    findings.Add(new Finding(DmarcFindingCodes.SyntaxError, FindingSeverity.Warning,
                        $"\"{Shorten(part)}\" is not a tag=value pair: RFC 9989 receivers ignore it; RFC 7489 receivers may discard the whole record.",
                        "Write each tag as name=value (letters for the name, printable ASCII for the value) and separate tags with \";\".",
                        "RFC 9989 (Formal Definition); RFC 7489 §6.4", part));
                    continue;
                }
                position++;
                var known = Array.IndexOf(KnownTags, name) >= 0;
                tags.Add(new DmarcTag(position, name, value, known));
                if (IsRepeat(tags, name, ref seen))
                {
                    findings.Add(new Finding(DmarcFindingCodes.DuplicateTag, FindingSeverity.Error,
                        $"The tag {name}= appears more than once: a tag list with a duplicate name is invalid, and receivers may discard the whole record or take either value.",
                        $"Keep one {name}= tag.", "RFC 6376 §3.2 (tag lists, used by RFC 7489 §6.3)", name));
                    continue;
                }
                if (position == 1) continue; // v=DMARC1, checked above.
                if (!known)
                {
                    var hint = Array.IndexOf(KnownTags, name.ToLowerInvariant()) >= 0
                        ? $" Tag names are case-sensitive: did you mean {name.ToLowerInvariant()}=?"
                        : string.Empty;
                    findings.Add(new Finding(DmarcFindingCodes.UnknownTag, FindingSeverity.Warning,
                        $"The tag {name}= is not a DMARC tag: receivers ignore it.{hint}",
                        "Remove it, or correct its name (p, sp, np, adkim, aspf, rua, ruf, fo, t, psd).", Rfc9989Tags, name));
                    continue;
                }
                ApplyTag(record, name, value, position, findings);
            }
            record.Tags = tags;

            var p = FirstTag(tags, "p");
            if (!record.HasPolicyTag && record.Policy == null && p == null)
            {
                record.Policy = DmarcPolicy.None;
                findings.Add(new Finding(DmarcFindingCodes.MissingPolicy, FindingSeverity.Warning,
                    "The record has no p= tag: RFC 9989 receivers read it as p=none; RFC 7489 receivers ignore the record unless rua= holds a valid URI.",
                    "Add p=none, p=quarantine or p=reject right after v=DMARC1.", "RFC 9989 (p tag); RFC 7489 §6.6.3"));
            }
            // RFC 9989 (DMARC Policy Discovery), RFC 7489 §6.6.3: an invalid p/sp/np → p=none when rua= has a valid URI, else no DMARC.
            var badPolicy = false;
            foreach (var t in tags)
                if ((t.Name == "p" || t.Name == "sp" || t.Name == "np") && ParsePolicy(t.Value) == null) { badPolicy = true; break; }
            if (badPolicy) record.IsDiscarded = !record.Rua.Any(u => u.IsValid);
            if (record.FailureOptions != null && FirstTag(tags, "ruf") == null)
                findings.Add(new Finding(DmarcFindingCodes.FailureOptionsWithoutRuf, FindingSeverity.Info,
                    "fo= has no effect without ruf= (no failure reports are requested).", "Remove fo=, or add ruf= with a mailbox for failure reports.",
                    "RFC 9989 (fo tag)"));
            if (p != null && p.Position != 2)
                findings.Add(new Finding(DmarcFindingCodes.PolicyNotSecond, FindingSeverity.Info,
                    $"p= is tag {p.Position}, not the tag right after v=DMARC1 as the RFC 7489 grammar requires: RFC 9989 allows any order, some older receivers reject the record.",
                    "Put p= right after v=DMARC1.", "RFC 7489 §6.4"));
            record.Findings = findings;
            return record;
        }

        /// <summary>"none", "quarantine" or "reject" (ABNF strings are case-insensitive, RFC 5234 §2.3); null otherwise.</summary>
        public static DmarcPolicy? ParsePolicy(string value)
        {
            switch (value.ToLowerInvariant())
            {
                case "none": return DmarcPolicy.None;
                case "quarantine": return DmarcPolicy.Quarantine;
                case "reject": return DmarcPolicy.Reject;
                default: return null;
            }
        }

        private static void ApplyTag(DmarcRecord record, string name, string value, int position, List<Finding> findings)
        {
            var lower = value.ToLowerInvariant();
            switch (name)
            {
                case "p":
                    record.Policy = ParsePolicy(value);
                    record.HasPolicyTag = record.Policy != null;
                    if (record.Policy == null) PolicyError(findings, name, value, "the policy for the domain");
                    break;
                case "sp":
                    record.SubdomainPolicy = ParsePolicy(value);
                    if (record.SubdomainPolicy == null) PolicyError(findings, name, value, "the policy for subdomains");
                    break;
                case "np":
                    record.NonexistentDomainPolicy = ParsePolicy(value);
                    if (record.NonexistentDomainPolicy == null) PolicyError(findings, name, value, "the policy for subdomains that do not exist");
                    break;
                case "adkim":
                case "aspf":
                    DmarcAlignmentMode mode;
                    if (lower == "r") mode = DmarcAlignmentMode.Relaxed;
                    else if (lower == "s") mode = DmarcAlignmentMode.Strict;
                    else
                    {
                        ValueWarning(findings, name, value, "r (relaxed) or s (strict)", "relaxed alignment (r)");
                        break;
                    }
                    if (name == "adkim") record.AlignmentDkim = mode; else record.AlignmentSpf = mode;
                    break;
                case "t":
                    if (lower == "y") record.Testing = true;
                    else if (lower != "n") ValueWarning(findings, name, value, "y or n", "t=n (the policy applies)");
                    break;
                case "psd":
                    if (lower == "y") record.Psd = DmarcPsd.Y;
                    else if (lower == "n") record.Psd = DmarcPsd.N;
                    else if (lower != "u") ValueWarning(findings, name, value, "y, n or u", "psd=u");
                    break;
                case "pct":
                    Removed(findings, name, "t=y replaces pct=0; there is no partial enforcement in RFC 9989");
                    if (value.Length <= 3 && AllDigits(value) && int.Parse(value, CultureInfo.InvariantCulture) <= 100)
                        record.Pct = int.Parse(value, CultureInfo.InvariantCulture);
                    else ValueWarning(findings, name, value, "a whole number from 0 to 100", "100");
                    break;
                case "ri":
                    Removed(findings, name, "the aggregate reporting document sets the interval");
                    if (value.Length <= 32 && AllDigits(value) && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ri) && ri <= uint.MaxValue)
                        record.ReportInterval = ri;
                    else ValueWarning(findings, name, value, "a number of seconds (at most 4294967295)", "86400");
                    break;
                case "rf":
                    Removed(findings, name, "the failure reporting document fixes the format");
                    var formats = value.Split(':').Select(f => f.Trim(' ', '\t')).ToArray();
                    if (formats.All(f => f.Length > 0 && f.All(c => IsAlpha(c) || IsDigit(c) || c == '-')))
                    {
                        record.ReportFormat = value;
                        if (!formats.Any(f => f.Equals("afrf", StringComparison.OrdinalIgnoreCase)))
                            ValueWarning(findings, name, value, "afrf, the only registered format", "afrf");
                    }
                    else ValueWarning(findings, name, value, "a colon-separated list of report formats such as afrf", "afrf");
                    break;
                case "fo":
                    var options = value.Split(':').Select(o => o.Trim(' ', '\t')).ToArray();
                    if (options.All(o => o == "0" || o == "1" || o == "d" || o == "s")) record.FailureOptions = value;
                    else ValueWarning(findings, name, value, "0, 1, d, s or a colon-separated combination such as d:s", "0");
                    break;
                case "rua":
                    record.Rua = ParseUris(name, value, findings);
                    break;
                case "ruf":
                    record.Ruf = ParseUris(name, value, findings);
                    break;
            }
        }

        /// <summary>dmarc-urilist (RFC 7489 §6.4, RFC 9989): URIs separated by commas; RFC 7489 allowed a "!size" suffix.</summary>
        internal static IReadOnlyList<DmarcUri> ParseUris(string tag, string value, List<Finding> findings)
        {
            var result = new List<DmarcUri>();
            var items = value.Split(TrimChars.Comma);
            if (items.Length > MaxUris)
                findings.Add(new Finding(DmarcFindingCodes.InvalidUri, FindingSeverity.Warning,
                    $"{tag}= lists {items.Length} URIs; only the first {MaxUris} are checked, and receivers may send to only a few.",
                    "List one or two report addresses.", "RFC 9989 (DMARC URIs)", tag));
            for (var i = 0; i < items.Length && i < MaxUris; i++) // by index: no LINQ per record parsed
            {
                var uri = ParseUri(items[i].Trim(TrimChars.Blanks));
                result.Add(uri);
                if (uri.Error != null)
                    findings.Add(new Finding(DmarcFindingCodes.InvalidUri, FindingSeverity.Warning,
                        $"{tag}= entry \"{Shorten(uri.Text)}\" is not usable: {uri.Error}; receivers skip it.",
                        "Write report addresses as mailto:local@domain (percent-encode any ',' or '!'), e.g. mailto:dmarc-reports@example.com.",
                        "RFC 9989 (DMARC URIs); RFC 3986", uri.Text));
                else if (!string.Equals(uri.Scheme, "mailto", StringComparison.OrdinalIgnoreCase))
                    findings.Add(new Finding(DmarcFindingCodes.UnsupportedUriScheme, FindingSeverity.Warning,
                        $"{tag}= entry \"{uri.Text}\" uses {uri.Scheme}:; receivers must support only mailto: and ignore schemes they do not support.",
                        "Add a mailto: address.", "RFC 9989 (rua and ruf tags)", uri.Text));
                if (uri.SizeLimit != null)
                    findings.Add(new Finding(DmarcFindingCodes.UriSizeLimit, FindingSeverity.Info,
                        $"{tag}= entry \"{uri.Text}\" has the size limit !{uri.SizeLimit}: RFC 9989 reporters ignore it (RFC 7489 receivers honour it).",
                        "Drop the \"!size\" suffix unless older receivers must honour it.", "RFC 7489 §6.2; RFC 9989 (Formal Definition)", uri.Text));
            }
            return result;
        }

        internal static DmarcUri ParseUri(string text)
        {
            if (text.Length == 0) return new DmarcUri(text, null, null, null, null, "it is empty");
            string? size = null;
            var body = text;
            var bang = text.LastIndexOf('!');
            if (bang >= 0)
            {
                size = text.Substring(bang + 1);
                body = text.Substring(0, bang);
                var digits = size.TrimEnd('k', 'm', 'g', 't', 'K', 'M', 'G', 'T');
                if (digits.Length == 0 || digits.Length < size.Length - 1 || !AllDigits(digits) || body.Contains("!"))
                    return new DmarcUri(text, null, null, null, null, "'!' must be percent-encoded (%21) except before a size such as !10m");
            }
            if (HasNonUriCharacter(body))
                return new DmarcUri(text, null, null, null, size, "it holds characters a URI cannot hold (spaces, quotes, angle brackets)");
            var colon = body.IndexOf(':');
            if (colon <= 0 || !char.IsLetter(body[0]) || !IsSchemeText(body, colon))
                return new DmarcUri(text, null, null, null, size, "it is not a URI (a scheme such as mailto: is missing)");
            // Schemes are case-insensitive (RFC 3986 §3.1); mailto, nearly every report URI, is not copied out each time.
            var scheme = colon == 6 && string.Compare(body, 0, "mailto", 0, 6, StringComparison.OrdinalIgnoreCase) == 0
                ? "mailto" : body.Substring(0, colon).ToLowerInvariant();
            var rest = body.Substring(colon + 1);
            if (scheme == "mailto")
            {
                var q = rest.IndexOf('?');
                var mailbox = Uri.UnescapeDataString(q >= 0 ? rest.Substring(0, q) : rest);
                if (mailbox.Contains(","))
                    return new DmarcUri(text, scheme, null, null, size, "a mailto: URI in a DMARC record holds one mailbox (',' separates URIs)");
                var at = mailbox.LastIndexOf('@');
                if (at <= 0 || at == mailbox.Length - 1)
                    return new DmarcUri(text, scheme, null, null, size, $"'{mailbox}' is not a mailbox (local@domain)");
                var domain = DomainNameInput.Normalize(mailbox.Substring(at + 1), out var error);
                if (domain == null) return new DmarcUri(text, scheme, mailbox, null, size, error!.TrimEnd(TrimChars.Dot));
                return new DmarcUri(text, scheme, mailbox.Substring(0, at + 1) + domain.ToLowerInvariant(), domain.ToLowerInvariant(), size, null);
            }
            if (!Uri.TryCreate(body, UriKind.Absolute, out var parsed))
                return new DmarcUri(text, scheme, null, null, size, "it is not a valid URI");
            var host = string.IsNullOrEmpty(parsed.Host) ? null : parsed.IdnHost.ToLowerInvariant();
            return new DmarcUri(text, scheme, null, host, size, null);
        }

        private static void PolicyError(List<Finding> findings, string name, string value, string what) =>
            findings.Add(new Finding(DmarcFindingCodes.InvalidTagValue, FindingSeverity.Error,
                $"{name}={Shorten(value)} is not a policy ({what} must be none, quarantine or reject): receivers then act as if p=none when rua= has a valid URI, and otherwise apply no DMARC at all.",
                $"Set {name}= to none, quarantine or reject.", "RFC 9989 (DMARC Policy Discovery); RFC 7489 §6.6.3", name));

        private static void ValueWarning(List<Finding> findings, string name, string value, string allowed, string fallback) =>
            findings.Add(new Finding(DmarcFindingCodes.InvalidTagValue, FindingSeverity.Warning,
                $"{name}={Shorten(value)} is not valid ({allowed}): RFC 9989 receivers use the default, {fallback}; RFC 7489 receivers may discard the record.",
                $"Set {name}= to {allowed}, or remove it.", "RFC 9989 (General Record Format); RFC 7489 §6.3", name));

        private static void Removed(List<Finding> findings, string name, string why) =>
            findings.Add(new Finding(DmarcFindingCodes.RemovedTag, FindingSeverity.Info,
                $"{name}= is removed by RFC 9989 ({why}); RFC 7489 receivers still read it.",
                $"Remove {name}= once receivers follow RFC 9989; keep it only for what older receivers must see.", "RFC 9989 (changes from RFC 7489)", name));

        /// <summary>Whether a tag before the last of <paramref name="tags"/> (the one just added) has the name; linear in the tags.</summary>
        private static bool IsRepeat(List<DmarcTag> tags, string name, ref HashSet<string>? seen)
        {
            if (seen == null && tags.Count <= 16)
            {
                for (var i = 0; i < tags.Count - 1; i++) if (tags[i].Name == name) return true;
                return false;
            }
            if (seen == null)
            {
                seen = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0; i < tags.Count - 1; i++) seen.Add(tags[i].Name);
            }
            return !seen.Add(name);
        }

        private static DmarcTag? FirstTag(List<DmarcTag> tags, string name)
        {
            foreach (var t in tags) if (t.Name == name) return t;
            return null;
        }

        /// <summary>The range [start, end) without spaces and tabs at either end.</summary>
        private static (int Start, int End) TrimBlanks(string text, int start, int end)
        {
            while (start < end && (text[start] == ' ' || text[start] == '\t')) start++;
            while (end > start && (text[end - 1] == ' ' || text[end - 1] == '\t')) end--;
            return (start, end);
        }

        /// <summary>A tag's name: the known tag's own string when it is one (no copy per tag of every record parsed).</summary>
        private static string TagName(string text, int start, int length)
        {
            foreach (var tag in KnownTags)
                if (tag.Length == length && string.CompareOrdinal(text, start, tag, 0, length) == 0) return tag;
            return text.Substring(start, length);
        }

        private static bool AllAlpha(string s)
        {
            foreach (var c in s) if (!IsAlpha(c)) return false;
            return true;
        }

        private static bool AllPrintable(string s)
        {
            foreach (var c in s) if (c < 0x20 || c > 0x7E) return false;
            return true;
        }

        private static bool AllDigits(string s)
        {
            foreach (var c in s) if (!IsDigit(c)) return false;
            return true;
        }

        /// <summary>RFC 3986 §2 (with RFC 7489's exclusions): characters a URI cannot hold as they are.</summary>
        private static bool HasNonUriCharacter(string s)
        {
            foreach (var c in s)
                if (c <= 0x20 || c > 0x7E || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`' || c == '{' || c == '|' || c == '}') return true;
            return false;
        }

        /// <summary>RFC 3986 §3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) (the first letter is checked apart).</summary>
        private static bool IsSchemeText(string s, int length)
        {
            for (var i = 0; i < length; i++)
            {
                var c = s[i];
                if (!(IsAlpha(c) || IsDigit(c) || c == '+' || c == '-' || c == '.')) return false;
            }
            return true;
        }

        private static bool IsAlpha(char c) => c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
        private static bool IsDigit(char c) => c >= '0' && c <= '9';
        private static string Shorten(string s) => s.Length <= 80 ? s : s.Substring(0, 77) + "...";
    }
}
