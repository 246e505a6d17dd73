using System;
using System.Collections.Generic;
using System.Text;

namespace EmailAuth.Core.Spf
{
    /// <summary>Where a macro-string appears: decides which letters and characters are allowed (RFC 7208 §7.1, §7.3).</summary>
    internal enum SpfMacroContextKind
    {
        /// <summary>A domain-spec of a mechanism or of redirect=/exp=: letters c, r, t are not allowed.</summary>
        DomainSpec,
        /// <summary>The value of an unknown modifier: a macro-string (c, r, t not allowed outside exp text, as pyspf).</summary>
        ModifierValue,
        /// <summary>The explanation TXT text (§6.2 explain-string): every letter and SP allowed.</summary>
        Explanation,
    }

    /// <summary>
    /// Parses record text per the RFC 7208 §12 ABNF without regular expressions. Collects every syntax error
    /// (each a permerror for check_host, §4.6) so the linter can report them all.
    /// </summary>
    internal static class SpfParser
    {
        public const string Version = "v=spf1";

        /// <summary>§4.5: the record starts with "v=spf1" (case-insensitive) followed by SP or the end.</summary>
        public static bool IsSpfRecord(string? text) =>
            text != null && text.Length >= 6 && string.Compare(text, 0, Version, 0, 6, StringComparison.OrdinalIgnoreCase) == 0 &&
            (text.Length == 6 || text[6] == ' ');

        public static SpfRecord Parse(string text)
        {
            var terms = new List<SpfTerm>();
            var errors = new List<SpfSyntaxError>();
            if (!IsSpfRecord(text))
            {
                errors.Add(new SpfSyntaxError("record does not start with \"v=spf1\" followed by a space", 0,
                    text.Length > 20 ? text.Substring(0, 20) : text));
                return new SpfRecord(text, terms, errors);
            }
            var i = 6;
            var sawRedirect = false;
            var sawExp = false;
            while (i < text.Length)
            {
                if (text[i] == ' ') { i++; continue; }
                var start = i;
                while (i < text.Length && text[i] != ' ') i++;
                var token = text.Substring(start, i - start);
                var term = ParseTerm(token, start, errors);
                if (term == null) continue;
                if (term.Type == SpfTermType.Redirect)
                {
                    if (sawRedirect) { errors.Add(new SpfSyntaxError("redirect= appears more than once (RFC 7208 §6):", start, token)); continue; }
                    sawRedirect = true;
                }
                else if (term.Type == SpfTermType.Exp)
                {
                    if (sawExp) { errors.Add(new SpfSyntaxError("exp= appears more than once (RFC 7208 §6):", start, token)); continue; }
                    sawExp = true;
                }
                terms.Add(term);
            }
            return new SpfRecord(text, terms, errors);
        }

        private static SpfTerm? ParseTerm(string t, int pos, List<SpfSyntaxError> errors)
        {
            for (var k = 0; k < t.Length; k++)
            {
                if (t[k] < 0x21 || t[k] > 0x7E)
                {
                    errors.Add(new SpfSyntaxError($"invalid character U+{(int)t[k]:X4} in term", pos, t));
                    return null;
                }
            }

            // modifier = name "=" macro-string; name = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." )
            if (IsAlpha(t[0]))
            {
                var n = 1;
                while (n < t.Length && (IsAlpha(t[n]) || IsDigit(t[n]) || t[n] == '-' || t[n] == '_' || t[n] == '.')) n++;
                if (n < t.Length && t[n] == '=') return ParseModifier(t, pos, t.Substring(0, n).ToLowerInvariant(), n + 1, errors);
            }

            var qualifier = SpfQualifier.Pass;
            var i = 0;
            switch (t[0])
            {
                case '+': i = 1; break;
                case '-': qualifier = SpfQualifier.Fail; i = 1; break;
                case '~': qualifier = SpfQualifier.SoftFail; i = 1; break;
                case '?': qualifier = SpfQualifier.Neutral; i = 1; break;
            }
            var nameStart = i;
            while (i < t.Length && (IsAlpha(t[i]) || IsDigit(t[i]))) i++;
            var name = t.Substring(nameStart, i - nameStart).ToLowerInvariant();
            var restStart = i;
            SpfTermType type;
            switch (name)
            {
                case "all": type = SpfTermType.All; break;
                case "include": type = SpfTermType.Include; break;
                case "a": type = SpfTermType.A; break;
                case "mx": type = SpfTermType.Mx; break;
                case "ptr": type = SpfTermType.Ptr; break;
                case "ip4": type = SpfTermType.Ip4; break;
                case "ip6": type = SpfTermType.Ip6; break;
                case "exists": type = SpfTermType.Exists; break;
                default:
                    errors.Add(new SpfSyntaxError("unknown mechanism", pos, t));
                    return null;
            }
            if (restStart < t.Length && t[restStart] != ':' && t[restStart] != '/')
            {
                errors.Add(new SpfSyntaxError("unknown mechanism", pos, t));
                return null;
            }
            var term = new SpfTerm(type, qualifier, t, pos);
            if (restStart < t.Length) term.Value = t.Substring(restStart + (t[restStart] == ':' ? 1 : 0));
            string? error = null;
            switch (type)
            {
                case SpfTermType.All:
                    if (restStart != t.Length) error = "\"all\" takes no argument";
                    break;
                case SpfTermType.Include:
                case SpfTermType.Exists:
                    if (restStart == t.Length || t[restStart] != ':') error = $"\"{name}\" needs \":\" and a domain-spec";
                    else term.DomainSpec = ParseDomainSpec(t, restStart + 1, t.Length, out error);
                    break;
                case SpfTermType.Ptr:
                    if (restStart < t.Length)
                    {
                        if (t[restStart] != ':') error = "\"ptr\" takes no CIDR length";
                        else term.DomainSpec = ParseDomainSpec(t, restStart + 1, t.Length, out error);
                    }
                    break;
                case SpfTermType.A:
                case SpfTermType.Mx:
                    error = ParseAOrMx(t, restStart, term);
                    break;
                case SpfTermType.Ip4:
                case SpfTermType.Ip6:
                    error = ParseIp(t, restStart, term, type == SpfTermType.Ip6);
                    break;
            }
            if (error != null)
            {
                errors.Add(new SpfSyntaxError(error, pos, t));
                return null;
            }
            return term;
        }

        private static SpfTerm? ParseModifier(string t, int pos, string name, int valueStart, List<SpfSyntaxError> errors)
        {
            SpfTermType type = name == "redirect" ? SpfTermType.Redirect : name == "exp" ? SpfTermType.Exp : SpfTermType.UnknownModifier;
            var term = new SpfTerm(type, SpfQualifier.Pass, t, pos) { ModifierName = name, Value = t.Substring(valueStart) };
            string? error;
            if (type == SpfTermType.UnknownModifier)
                term.ModifierValue = ParseMacroString(t, valueStart, t.Length, SpfMacroContextKind.ModifierValue, out error, out _);
            else
                term.DomainSpec = ParseDomainSpec(t, valueStart, t.Length, out error);
            if (error != null)
            {
                errors.Add(new SpfSyntaxError(error, pos, t));
                return null;
            }
            return term;
        }

        // a = "a" [ ":" domain-spec ] [ dual-cidr-length ]; dual-cidr-length = [ ip4-cidr-length ] [ "/" ip6-cidr-length ]
        private static string? ParseAOrMx(string t, int restStart, SpfTerm term)
        {
            var end = t.Length;
            var c6 = TrailingCidr(t, restStart, end, out var c6Start, out var c6Bad);
            if (c6Bad) return "invalid CIDR length";
            if (c6 >= 0 && c6Start - 2 >= restStart && t[c6Start - 2] == '/')
            {
                if (c6 > 128) return "invalid IPv6 CIDR length (0-128)";
                term.Cidr6 = c6;
                end = c6Start - 2;
            }
            var c4 = TrailingCidr(t, restStart, end, out var c4Start, out var c4Bad);
            if (c4Bad) return "invalid CIDR length";
            if (c4 >= 0)
            {
                if (c4 > 32) return "invalid IPv4 CIDR length (0-32)";
                term.Cidr4 = c4;
                end = c4Start - 1;
            }
            if (end == restStart) return null;
            if (t[restStart] != ':') return "invalid CIDR length";
            term.DomainSpec = ParseDomainSpec(t, restStart + 1, end, out var error);
            return error;
        }

        /// <summary>A "/digits" suffix ending at <paramref name="end"/>: its value, or -1 when absent. Leading zeros are a syntax error (§12).</summary>
        private static int TrailingCidr(string t, int min, int end, out int digitsStart, out bool bad)
        {
            bad = false;
            var k = end;
            while (k > min && IsDigit(t[k - 1])) k--;
            digitsStart = k;
            if (k == end || k - 1 < min || t[k - 1] != '/') return -1;
            if (end - k > 3 || (end - k > 1 && t[k] == '0')) { bad = true; return -1; }
            var v = 0;
            for (var j = k; j < end; j++) v = v * 10 + (t[j] - '0');
            return v;
        }

        private static string? ParseIp(string t, int restStart, SpfTerm term, bool v6)
        {
            if (restStart >= t.Length || t[restStart] != ':') return v6 ? "\"ip6\" needs \":\" and an address" : "\"ip4\" needs \":\" and an address";
            var start = restStart + 1;
            var slash = t.IndexOf('/', start);
            var addrEnd = slash < 0 ? t.Length : slash;
            var prefix = v6 ? 128 : 32;
            if (slash >= 0)
            {
                var cidr = TrailingCidr(t, slash, t.Length, out var ds, out var bad);
                if (bad || cidr < 0 || ds != slash + 1) return "invalid CIDR length";
                if (cidr > prefix) return v6 ? "invalid IPv6 CIDR length (0-128)" : "invalid IPv4 CIDR length (0-32)";
                prefix = cidr;
            }
            IpBits address;
            if (v6 ? !IpBits.TryParseV6(t, start, addrEnd, out address) : !IpBits.TryParseV4(t, start, addrEnd, out address))
                return v6 ? "invalid IPv6 address" : "invalid IPv4 address";
            term.Network = new IpNetwork(address, prefix);
            return null;
        }

        /// <summary>domain-spec = macro-string domain-end; domain-end = ( "." toplabel [ "." ] ) / macro-expand (§7.1).</summary>
        public static SpfMacroString? ParseDomainSpec(string s, int start, int end, out string? error)
        {
            if (start >= end) { error = "missing domain-spec"; return null; }
            var ms = ParseMacroString(s, start, end, SpfMacroContextKind.DomainSpec, out error, out var literalTailStart);
            if (ms == null) return null;
            if (literalTailStart >= end) return ms; // ends with a macro-expand
            var e = end;
            if (s[e - 1] == '.') e--;
            var dot = s.LastIndexOf('.', e - 1, e - literalTailStart);
            if (dot < 0 || !IsTopLabel(s, dot + 1, e))
            {
                error = "invalid domain-spec (must end in a top-level label or a macro, RFC 7208 §7.1):";
                return null;
            }
            return ms;
        }

        // toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum )
        private static bool IsTopLabel(string s, int start, int end)
        {
            if (start >= end) return false;
            var hasAlpha = false;
            var hasHyphen = false;
            for (var i = start; i < end; i++)
            {
                var c = s[i];
                if (IsAlpha(c)) hasAlpha = true;
                else if (c == '-') hasHyphen = true;
                else if (!IsDigit(c)) return false;
            }
            if (!hasHyphen) return hasAlpha;
            return s[start] != '-' && s[end - 1] != '-';
        }

        /// <summary>
        /// Parses a macro-string (§7.1). <paramref name="literalTailStart"/> is where the literal text after the last
        /// macro-expand begins (== end when the string ends with a macro-expand).
        /// </summary>
        public static SpfMacroString? ParseMacroString(string s, int start, int end, SpfMacroContextKind kind, out string? error, out int literalTailStart)
        {
            error = null;
            literalTailStart = start;
            var segments = new List<SpfMacroSegment>(4);
            var literal = new StringBuilder();
            var i = start;
            while (i < end)
            {
                var c = s[i];
                if (c != '%')
                {
                    if (!((c >= 0x21 && c <= 0x7E) || (c == ' ' && kind == SpfMacroContextKind.Explanation)))
                    {
                        error = $"invalid character U+{(int)c:X4} in";
                        return null;
                    }
                    literal.Append(c);
                    i++;
                    continue;
                }
                if (i + 1 >= end) { error = "invalid macro '%' at the end of"; return null; }
                var n = s[i + 1];
                if (n == '%' || n == '_' || n == '-')
                {
                    literal.Append(n == '%' ? "%" : n == '_' ? " " : "%20");
                    i += 2;
                    literalTailStart = i;
                    continue;
                }
                if (n != '{') { error = $"invalid macro '%{n}' in"; return null; }
                var close = s.IndexOf('}', i + 2, end - (i + 2));
                if (close < 0) { error = "unterminated macro '" + Cut(s, i, end) + "' in"; return null; }
                var macroText = s.Substring(i, close + 1 - i);
                var seg = ParseMacroExpand(s, i + 2, close, kind, out var macroError);
                if (macroError != null) { error = $"invalid macro '{Cut(macroText, 0, macroText.Length)}' ({macroError}) in"; return null; }
                if (literal.Length > 0) { segments.Add(new SpfMacroSegment(literal.ToString())); literal.Clear(); }
                segments.Add(seg);
                i = close + 1;
                literalTailStart = i;
            }
            if (literal.Length > 0) segments.Add(new SpfMacroSegment(literal.ToString()));
            return new SpfMacroString(s.Substring(start, end - start), segments.ToArray());
        }

        // "%{" macro-letter transformers *delimiter "}"; transformers = *DIGIT [ "r" ]
        private static SpfMacroSegment ParseMacroExpand(string s, int i, int close, SpfMacroContextKind kind, out string? error)
        {
            error = null;
            if (i >= close) { error = "no macro letter"; return default; }
            var letterChar = s[i];
            var letter = char.ToLowerInvariant(letterChar);
            if ("slodiphvcrt".IndexOf(letter) < 0 || letterChar > 0x7F) { error = $"unknown macro letter '{letterChar}'"; return default; }
            if ((letter == 'c' || letter == 'r' || letter == 't') && kind != SpfMacroContextKind.Explanation)
            {
                error = $"macro letter '{letterChar}' is allowed only in exp= text, RFC 7208 §7.3";
                return default;
            }
            var upper = letterChar != letter;
            i++;
            var digits = 0;
            var hasDigits = false;
            while (i < close && IsDigit(s[i]))
            {
                hasDigits = true;
                // Saturate: a hostile %{d999999999999} keeps "all parts" without overflowing.
                if (digits < 100000) digits = digits * 10 + (s[i] - '0');
                i++;
            }
            if (hasDigits && digits == 0) { error = "the DIGIT transformer must be nonzero, RFC 7208 §7.3"; return default; }
            var reverse = false;
            if (i < close && (s[i] == 'r' || s[i] == 'R')) { reverse = true; i++; }
            string? delimiters = null;
            if (i < close)
            {
                for (var k = i; k < close; k++)
                {
                    if (".-+,/_=".IndexOf(s[k]) < 0) { error = $"invalid delimiter '{s[k]}'"; return default; }
                }
                delimiters = s.Substring(i, close - i);
            }
            return new SpfMacroSegment(letter, upper, digits, reverse, delimiters);
        }

        private static string Cut(string s, int start, int end) => end - start > 40 ? s.Substring(start, 40) + "..." : s.Substring(start, end - start);

        internal static bool IsAlpha(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

        internal static bool IsDigit(char c) => c >= '0' && c <= '9';
    }
}
