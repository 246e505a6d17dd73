using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using EmailAuth.Core.Audit;

namespace EmailAuth.Core.Messages.AuthenticationResults
{
    /// <summary>
    /// Parses Authentication-Results (RFC 8601 §2.2) and ARC-Authentication-Results (RFC 8617 §4.1.1) headers.
    /// Never throws for the text it is given: a broken header comes back with IsValid false and findings;
    /// a broken resinfo is skipped to the next ";" and the others are kept.
    /// </summary>
    public static class AuthenticationResultsParser
    {
        public const string HeaderName = "Authentication-Results";
        public const string ArcHeaderName = "ARC-Authentication-Results";
        /// <summary>Longest header value read (RFC 5322 §2.1.1 caps lines at 998 octets; real headers stay far below).</summary>
        public const int MaxHeaderLength = 64 * 1024;
        /// <summary>Most resinfos read from one header (broken ones included).</summary>
        public const int MaxResults = 256;
        private const string Rfc = "RFC 8601 §2.2";

        /// <summary>
        /// One header, with or without its field name ("Authentication-Results:" or "ARC-Authentication-Results:"),
        /// folded or not. Without a name, a leading "i=" makes it an ARC-Authentication-Results.
        /// </summary>
        public static AuthenticationResultInfo Parse(string header)
        {
            var fields = HeaderFieldSplitter.Split(header ?? "").ToList();
            if (fields.Count == 1 && (fields[0].Name == null || IsAuthResName(fields[0].Name!)))
                return Parse(fields[0].Name, fields[0].Value);
            if (fields.Count == 0) return Parse(null, "");
            // Several fields or another field's name: parse the text as one value and say why it fails.
            return Parse(null, HeaderFieldSplitter.Unfold(header ?? ""));
        }

        /// <summary>
        /// Every Authentication-Results and ARC-Authentication-Results field of a header block (or of one
        /// unnamed value). Fields of other names are skipped and their names added to <paramref name="skippedFields"/>;
        /// reading stops at the first empty line (the end of a message's header).
        /// </summary>
        public static IReadOnlyList<AuthenticationResultInfo> ParseFields(string text, ICollection<string>? skippedFields = null)
        {
            var list = new List<AuthenticationResultInfo>();
            foreach (var field in HeaderFieldSplitter.Split(text ?? ""))
            {
                if (field.Name != null && !IsAuthResName(field.Name)) { skippedFields?.Add(field.Name); continue; }
                list.Add(Parse(field.Name, field.Value));
            }
            return list;
        }

        internal static bool IsAuthResName(string name) =>
            name.Equals(HeaderName, StringComparison.OrdinalIgnoreCase) || name.Equals(ArcHeaderName, StringComparison.OrdinalIgnoreCase);

        /// <summary>A field value (unfolded or not) under a known field name, or null to infer it.</summary>
        internal static AuthenticationResultInfo Parse(string? fieldName, string value)
        {
            var findings = new List<Finding>();
            var isArc = fieldName != null
                ? fieldName.Equals(ArcHeaderName, StringComparison.OrdinalIgnoreCase)
                : LooksLikeArc(value);
            var name = isArc ? ArcHeaderName : HeaderName;
            if (value.Length > MaxHeaderLength)
            {
                findings.Add(new Finding(AuthenticationResultsFindingCodes.TooLong, FindingSeverity.Error,
                    $"The header is {value.Length} characters long; only headers up to {MaxHeaderLength} are read.",
                    "Check that the text is one header field, not a whole message.", "RFC 5322 §2.1.1"));
                return new AuthenticationResultInfo(name, value.Substring(0, 256) + "…", null, null, null,
                    Array.Empty<AuthenticationMethodResult>(), false, Array.Empty<string>(), findings);
            }
            var state = new ParseState(new AuthResReader(value), findings);
            int? instance = null;
            if (isArc) instance = ReadArcInstance(state);
            ReadPayload(state);
            Validate(state);
            return new AuthenticationResultInfo(name, value.Trim(), state.AuthServId, state.Version, instance,
                state.Results, state.NoResults, state.Comments, findings);
        }

        private static bool LooksLikeArc(string value)
        {
            var r = new AuthResReader(value);
            try
            {
                r.SkipCfws(null);
                if (char.ToLowerInvariant(r.Peek) != 'i') return false;
                r.Pos++;
                r.SkipCfws(null);
                return r.Peek == '=' && !r.AtEnd;
            }
            catch (AuthResSyntaxException) { return false; }
        }

        /// <summary>RFC 8617 §4.1.1: arc-info = instance [CFWS] ";" authres-payload; instance = "i" "=" 1*DIGIT, 1..50 (§4.2.1).</summary>
        private static int? ReadArcInstance(ParseState s)
        {
            var r = s.Reader;
            try
            {
                r.SkipCfws(s.Comments);
                if (char.ToLowerInvariant(r.Peek) != 'i' || r.AtEnd) throw r.Unexpected("the ARC instance \"i=\"");
                r.Pos++;
                r.SkipCfws(s.Comments);
                r.Expect('=', "\"=\" after i");
                r.SkipCfws(s.Comments);
                var i = r.ReadNumber() ?? throw r.Unexpected("the instance number");
                r.SkipCfws(s.Comments);
                r.Expect(';', "\";\" after the instance");
                if (i < 1 || i > 50)
                {
                    s.Add(AuthenticationResultsFindingCodes.ArcInstanceInvalid, FindingSeverity.Error,
                        $"ARC instance i={i} is outside 1..50.", "RFC 8617 §4.2.1");
                    return null;
                }
                return i;
            }
            catch (AuthResSyntaxException e)
            {
                s.Add(AuthenticationResultsFindingCodes.ArcInstanceInvalid, FindingSeverity.Error,
                    "ARC-Authentication-Results without a valid i= instance: " + e.Message, "RFC 8617 §4.1.1");
                // A malformed "i=...;" is skipped; a missing one leaves the whole text to read as the payload.
                r.Pos = 0;
                if (LooksLikeArc(r.Text)) { r.SkipToSemicolon(); if (!r.AtEnd) r.Pos++; }
                return null;
            }
        }

        /// <summary>authres-payload = [CFWS] authserv-id [CFWS authres-version] (no-result / 1*resinfo) [CFWS].</summary>
        private static void ReadPayload(ParseState s)
        {
            var r = s.Reader;
            var start = r.Pos;
            try
            {
                r.SkipCfws(s.Comments);
                var id = r.ReadValue();
                r.SkipCfws(s.Comments);
                if (id != null && r.Peek == '=' && !r.AtEnd || id != null && r.Peek == '/' && !r.AtEnd)
                {
                    // "spf=pass ..." straight away: the authserv-id is missing; read the rest as results.
                    s.Add(AuthenticationResultsFindingCodes.MissingAuthServId, FindingSeverity.Error,
                        "The header starts with a result, not with the authserv-id of the host that did the checks.", "RFC 8601 §2.2");
                    r.Pos = start;
                    ReadResinfo(s);
                }
                else if (id == null || id.Length == 0)
                {
                    s.Add(AuthenticationResultsFindingCodes.MissingAuthServId, FindingSeverity.Error,
                        r.AtEnd ? "The header is empty." : "The header has no authserv-id before its first \";\".", "RFC 8601 §2.2");
                }
                else
                {
                    s.AuthServId = id;
                    var version = r.ReadNumber();
                    if (version != null) { s.Version = version; r.SkipCfws(s.Comments); }
                }
            }
            catch (AuthResSyntaxException e)
            {
                s.Syntax(e.Message);
                r.SkipToSemicolon();
            }

            while (!r.AtEnd)
            {
                if (r.Peek != ';')
                {
                    s.Syntax(r.Unexpected("\";\"").Message);
                    r.SkipToSemicolon();
                    continue;
                }
                r.Pos++;
                if (++s.Attempts > MaxResults)
                {
                    s.Add(AuthenticationResultsFindingCodes.TooManyResults, FindingSeverity.Error,
                        $"More than {MaxResults} results; the rest of the header was not read.", null);
                    return;
                }
                ReadResinfo(s);
            }
        }

        /// <summary>
        /// resinfo after its ";" (RFC 8601 §2.2): methodspec [CFWS reasonspec] [CFWS 1*propspec], or the
        /// no-result "none". On a syntax error the part read so far is kept and the reader moves to the next ";".
        /// </summary>
        private static void ReadResinfo(ParseState s)
        {
            var r = s.Reader;
            var comments = new List<string>();
            string? method = null, result = null, reason = null;
            int? methodVersion = null;
            var properties = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
            try
            {
                r.SkipCfws(comments);
                if (r.AtEnd || r.Peek == ';')
                {
                    s.Add(AuthenticationResultsFindingCodes.EmptyResult, FindingSeverity.Warning,
                        "An empty result (\";;\" or a trailing \";\") was skipped.", Rfc);
                    s.Comments.AddRange(comments);
                    return;
                }
                method = r.ReadKeyword("a method");
                r.SkipCfws(comments);
                if (method == "none" && (r.AtEnd || r.Peek == ';'))
                {
                    if (s.NoResults || s.Results.Count > 0)
                        s.Add(AuthenticationResultsFindingCodes.NoneWithResults, FindingSeverity.Error,
                            "\"none\" (no checks done) stands with other results or twice; it must be alone.", Rfc);
                    s.NoResults = true;
                    s.Comments.AddRange(comments);
                    return;
                }
                if (r.Peek == '/' && !r.AtEnd)
                {
                    r.Pos++;
                    r.SkipCfws(comments);
                    methodVersion = r.ReadNumber() ?? throw r.Unexpected("a method version");
                    r.SkipCfws(comments);
                }
                r.Expect('=', $"\"=\" after the method \"{method}\"");
                r.SkipCfws(comments);
                result = r.ReadKeyword($"the result of \"{method}\"");
                ReadProperties(s, comments, properties, ref reason);
            }
            catch (AuthResSyntaxException e)
            {
                s.Syntax(e.Message, method);
                r.SkipToSemicolon();
            }
            if (method == null || result == null) { s.Comments.AddRange(comments); return; }
            if (s.NoResults)
                s.Add(AuthenticationResultsFindingCodes.NoneWithResults, FindingSeverity.Error,
                    "\"none\" (no checks done) stands with other results; it must be alone.", Rfc);
            s.Results.Add(new AuthenticationMethodResult(method, methodVersion, result, reason, properties,
                comments.Count == 0 ? null : string.Join("; ", comments)));
        }

        /// <summary>[CFWS reasonspec] [CFWS 1*propspec] up to the next ";" or the end.</summary>
        private static void ReadProperties(ParseState s, List<string> comments, OrderedDictionary properties, ref string? reason)
        {
            var r = s.Reader;
            while (true)
            {
                r.SkipCfws(comments);
                if (r.AtEnd || r.Peek == ';') return;
                var name = r.ReadKeyword("a property (ptype.property=value) or reason=");
                r.SkipCfws(comments);
                if (r.Peek == '.' && !r.AtEnd)
                {
                    // propspec = ptype [CFWS] "." [CFWS] property [CFWS] "=" pvalue
                    r.Pos++;
                    r.SkipCfws(comments);
                    var property = r.ReadKeyword($"a property name after \"{name}.\"");
                    r.SkipCfws(comments);
                    r.Expect('=', $"\"=\" after \"{name}.{property}\"");
                    AddProperty(s, properties, name + "." + property, ReadPvalue(s, comments), name);
                    continue;
                }
                r.Expect('=', $"\".\" or \"=\" after \"{name}\"");
                r.SkipCfws(comments);
                if (name == "reason")
                {
                    var value = r.ReadValue() ?? throw r.Unexpected("the reason value");
                    if (reason != null) throw new AuthResSyntaxException("reason= appears twice in one result.");
                    if (properties.Count > 0)
                        s.Add(AuthenticationResultsFindingCodes.ReasonOutOfPlace, FindingSeverity.Warning,
                            "reason= comes after the properties; RFC 8601 puts it right after the result.", Rfc);
                    reason = value;
                    continue;
                }
                s.Add(AuthenticationResultsFindingCodes.PropertyWithoutPtype, FindingSeverity.Warning,
                    $"\"{name}=\" has no ptype (smtp., header., body., policy.); kept under \"{name}\".", "RFC 8601 §2.3", name);
                AddProperty(s, properties, name, ReadPvalue(s, comments), null);
            }
        }

        private static void AddProperty(ParseState s, OrderedDictionary properties, string key, string value, string? ptype)
        {
            if (ptype != null && !AuthenticationMethodRegistry.IsKnownPtype(ptype) && s.UnknownPtypes.Add(ptype))
                s.Add(AuthenticationResultsFindingCodes.UnknownPtype, FindingSeverity.Info,
                    $"The ptype \"{ptype}\" is not registered (smtp, header, body, policy, dns).", "RFC 8601 §2.3", ptype);
            if (properties.Contains(key))
            {
                s.Add(AuthenticationResultsFindingCodes.DuplicateProperty, FindingSeverity.Warning,
                    $"\"{key}\" appears twice in one result; the first value is kept.", Rfc, key);
                return;
            }
            properties.Add(key.ToLowerInvariant(), value);
        }

        /// <summary>pvalue = [CFWS] ( value / [ [ local-part ] "@" ] domain-name ) [CFWS] (RFC 8601 §2.2).</summary>
        private static string ReadPvalue(ParseState s, List<string> comments)
        {
            var r = s.Reader;
            r.SkipCfws(comments);
            string value;
            if (r.Peek == '"' && !r.AtEnd)
            {
                var quoted = r.ReadQuotedString();
                value = r.Peek == '@' && !r.AtEnd ? AuthResValue.Format(quoted) + ReadAtDomain(r) : quoted;
            }
            else if (r.Peek == '@' && !r.AtEnd)
            {
                value = ReadAtDomain(r);
            }
            else
            {
                var token = r.ReadToken();
                if (r.Peek == '@' && !r.AtEnd) value = (token ?? "") + ReadAtDomain(r);
                else
                {
                    // Lenient: unquoted tspecials such as the "/" and "=" of a truncated header.b.
                    var start = r.Pos;
                    while (!r.AtEnd && (AuthResValue.IsTokenChar(r.Peek) || IsLenientSpecial(r.Peek))) r.Pos++;
                    if (r.Pos > start)
                    {
                        s.Add(AuthenticationResultsFindingCodes.UnquotedSpecial, FindingSeverity.Info,
                            "A value holds unquoted special characters; RFC 8601 §2.2 wants it quoted.", Rfc);
                        token = (token ?? "") + r.Text.Substring(start, r.Pos - start);
                    }
                    value = token ?? throw r.Unexpected("a property value");
                }
            }
            r.SkipCfws(comments);
            return value;
        }

        private static bool IsLenientSpecial(char c) => c == '/' || c == '=' || c == '?' || c == ':' || c == ',' || c == '[' || c == ']' || c == '<' || c == '>' || c == '@';

        /// <summary>"@" domain-name (or an address literal in brackets).</summary>
        private static string ReadAtDomain(AuthResReader r)
        {
            r.Pos++; // '@'
            if (r.Peek == '[' && !r.AtEnd)
            {
                var start = r.Pos;
                while (!r.AtEnd && r.Peek != ']' && r.Peek != ';' && r.Peek != ' ') r.Pos++;
                r.Expect(']', "\"]\" closing an address literal");
                return "@" + r.Text.Substring(start, r.Pos - start);
            }
            var domain = r.ReadToken() ?? throw r.Unexpected("a domain after \"@\"");
            return "@" + domain;
        }

        /// <summary>Rules over the whole header once read: version, methods and results against the registry, duplicates.</summary>
        private static void Validate(ParseState s)
        {
            if (s.Version != null && s.Version != 1)
                s.Add(AuthenticationResultsFindingCodes.UnknownVersion, FindingSeverity.Warning,
                    $"authres-version {s.Version}: only version 1 is defined; consumers ignore a version they do not know.", Rfc);
            var unknown = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var result in s.Results)
            {
                if (!AuthenticationMethodRegistry.TryGetResults(result.Method, out var results, out var reference))
                {
                    if (unknown.Add(result.Method))
                        s.Add(AuthenticationResultsFindingCodes.UnknownMethod, FindingSeverity.Info,
                            $"\"{result.Method}\" is not a registered authentication method; its meaning is the receiver's own.",
                            reference, result.Method);
                }
                else if (AuthenticationMethodRegistry.IsDeprecatedResult(result.Method, result.Result))
                {
                    s.Add(AuthenticationResultsFindingCodes.DeprecatedResult, FindingSeverity.Warning,
                        $"{result.Method}={result.Result} is deprecated; it means \"fail\".", reference, result.Method);
                }
                else if (!results.Contains(result.Result))
                {
                    s.Add(AuthenticationResultsFindingCodes.InvalidResult, FindingSeverity.Error,
                        $"\"{result.Result}\" is not a result of {result.Method} (valid: {string.Join(", ", results)}).",
                        reference, result.Method);
                }
                if (!seen.Add(result.ToString().ToLowerInvariant()))
                    s.Add(AuthenticationResultsFindingCodes.DuplicateResult, FindingSeverity.Warning,
                        $"\"{result}\" appears twice in one header.", Rfc, result.Method);
            }
        }

        /// <summary>What one parse collects.</summary>
        private sealed class ParseState
        {
            public ParseState(AuthResReader reader, List<Finding> findings) { Reader = reader; Findings = findings; }
            public AuthResReader Reader { get; }
            public List<Finding> Findings { get; }
            public string? AuthServId { get; set; }
            public int? Version { get; set; }
            public bool NoResults { get; set; }
            public int Attempts { get; set; }
            public List<AuthenticationMethodResult> Results { get; } = new List<AuthenticationMethodResult>();
            public List<string> Comments { get; } = new List<string>();
            public HashSet<string> UnknownPtypes { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

            public void Add(string code, FindingSeverity severity, string message, string? reference, string? subject = null) =>
                Findings.Add(new Finding(code, severity, message, null, reference, subject));

            public void Syntax(string message, string? subject = null) =>
                Add(AuthenticationResultsFindingCodes.SyntaxError, FindingSeverity.Error, message, Rfc, subject);
        }
    }
}
