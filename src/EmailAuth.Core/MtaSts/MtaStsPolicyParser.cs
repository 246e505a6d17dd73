using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using EmailAuth.Core.Audit;

namespace EmailAuth.Core.MtaSts
{
    /// <summary>Parses a policy body: "key: value" lines ended by CRLF or LF (RFC 8461 §3.2, errata 6253).</summary>
    public static class MtaStsPolicyParser
    {
        /// <summary>§3.2: max_age is at most 31557600 seconds (about one year).</summary>
        public const long MaxMaxAge = 31557600;
        /// <summary>Most lines read; a 64 KiB policy holds a few thousand at most, and real ones a dozen.</summary>
        public const int MaxLines = 10000;

        // sts-policy-ext-name = (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")
        private static readonly Regex KeyName = new Regex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$", RegexOptions.CultureInvariant);
        // sts-policy-vchar = VCHAR / UTF-8 non-ASCII; WSP only between them.
        private static readonly Regex Value = new Regex(@"^[^\x00-\x20\x7F]([^\x00-\x08\x0A-\x1F\x7F]*[^\x00-\x20\x7F])?$", RegexOptions.CultureInvariant);
        private static readonly Regex Digits = new Regex("^[0-9]{1,10}$", RegexOptions.CultureInvariant);

        private const string Ref = "RFC 8461 §3.2";

        public static MtaStsPolicy Parse(string text, IList<Finding> findings, string? subject = null)
        {
            var policy = new MtaStsPolicy();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var mx = new List<string>();
            var extensions = new Dictionary<string, string>(StringComparer.Ordinal);
            var ok = true;
            var lines = text.Split('\n');
            var firstKey = (string?)null;
            var count = Math.Min(lines.Length, MaxLines);
            for (var i = 0; i < count; i++)
            {
                var line = lines[i].EndsWith("\r", StringComparison.Ordinal) ? lines[i].Substring(0, lines[i].Length - 1) : lines[i];
                if (line.Length == 0) continue; // the final terminator leaves one; blank lines carry nothing
                var colon = line.IndexOf(':');
                var key = colon > 0 ? line.Substring(0, colon) : null;
                if (key == null || !KeyName.IsMatch(key))
                {
                    findings.Add(new Finding(MtaStsFindingCodes.PolicySyntax, FindingSeverity.Error,
                        $"Policy line {i + 1} '{Shorten(line)}' is not \"key: value\" (keys are letters, digits, '_', '-', '.', with no leading space).",
                        "Write one \"key: value\" per line, e.g. \"mode: enforce\".", Ref, subject));
                    ok = false;
                    continue;
                }
                var value = line.Substring(colon + 1).TrimStart(' ', '\t').TrimEnd(' ', '\t');
                if (!Value.IsMatch(value))
                {
                    findings.Add(new Finding(MtaStsFindingCodes.PolicySyntax, FindingSeverity.Error,
                        $"Policy line {i + 1}: the value of '{key}' is empty or holds control characters.",
                        "Give every key a printable value.", Ref, subject));
                    ok = false;
                    continue;
                }
                firstKey ??= key;
                if (key != "mx" && !seen.Add(key))
                {
                    findings.Add(new Finding(MtaStsFindingCodes.PolicyDuplicateKey, FindingSeverity.Error,
                        $"Policy line {i + 1}: '{key}' appears more than once; senders may read either value.",
                        $"Keep one '{key}' line (only mx may repeat).", Ref, subject));
                    ok = false;
                    continue;
                }
                switch (key) // keys are case-sensitive (%s"version" etc.)
                {
                    case "version":
                        policy.Version = value;
                        break;
                    case "mode":
                        policy.Mode = value == "enforce" ? MtaStsMode.Enforce : value == "testing" ? MtaStsMode.Testing
                                    : value == "none" ? MtaStsMode.None : (MtaStsMode?)null;
                        if (policy.Mode == null)
                            findings.Add(new Finding(MtaStsFindingCodes.PolicyModeInvalid, FindingSeverity.Error,
                                $"mode '{Shorten(value)}' is not enforce, testing or none (case-sensitive).", "Use \"mode: testing\" first, then \"mode: enforce\".", Ref, subject));
                        break;
                    case "max_age":
                        if (Digits.IsMatch(value) && long.Parse(value) <= MaxMaxAge) policy.MaxAge = long.Parse(value);
                        else findings.Add(new Finding(MtaStsFindingCodes.PolicyMaxAgeInvalid, FindingSeverity.Error,
                            $"max_age '{Shorten(value)}' is not an integer from 0 to {MaxMaxAge} seconds.",
                            "Use e.g. \"max_age: 1209600\" (two weeks) or more.", Ref, subject));
                        break;
                    case "mx":
                        if (MtaStsMxPattern.IsValid(value, out var error)) mx.Add(value);
                        else
                        {
                            findings.Add(new Finding(MtaStsFindingCodes.PolicyMxPatternInvalid, FindingSeverity.Error,
                                $"mx '{Shorten(value)}' is not a valid pattern: {error}.",
                                "List each MX host name, or \"*.\" followed by their common parent (\"*.mail.example.com\").", "RFC 8461 §3.2, §4.1", subject));
                            ok = false;
                        }
                        break;
                    default:
                        extensions[key] = value; // unknown keys are ignored (§3.2)
                        break;
                }
            }
            if (lines.Length > MaxLines)
            {
                findings.Add(new Finding(MtaStsFindingCodes.PolicySyntax, FindingSeverity.Error,
                    $"The policy has more than {MaxLines} lines; the rest was not read.", "Keep the policy to its few fields.", Ref, subject));
                ok = false;
            }

            if (policy.Version != "STSv1")
            {
                findings.Add(new Finding(MtaStsFindingCodes.PolicyVersionInvalid, FindingSeverity.Error,
                    policy.Version == null ? "The policy has no \"version\" line." : $"version '{Shorten(policy.Version)}' is not STSv1.",
                    "Begin the policy with \"version: STSv1\".", Ref, subject));
                ok = false;
            }
            else if (firstKey != "version")
                findings.Add(new Finding(MtaStsFindingCodes.PolicyVersionNotFirst, FindingSeverity.Warning,
                    "\"version: STSv1\" is not the first line; some senders expect it there.", "Move \"version: STSv1\" to the first line.", Ref, subject));
            if (policy.Mode == null)
            {
                if (!seen.Contains("mode"))
                    findings.Add(new Finding(MtaStsFindingCodes.PolicyModeInvalid, FindingSeverity.Error,
                        "The policy has no \"mode\" line.", "Add \"mode: testing\" or \"mode: enforce\".", Ref, subject));
                ok = false;
            }
            if (policy.MaxAge == null)
            {
                if (!seen.Contains("max_age"))
                    findings.Add(new Finding(MtaStsFindingCodes.PolicyMaxAgeInvalid, FindingSeverity.Error,
                        "The policy has no \"max_age\" line.", "Add \"max_age: 1209600\" (two weeks) or more.", Ref, subject));
                ok = false;
            }
            // §3.2: "mx" is required for modes other than "none" (one or more patterns).
            if (mx.Count == 0 && policy.Mode != MtaStsMode.None && !findings.Exists(f => f.Code == MtaStsFindingCodes.PolicyMxPatternInvalid))
            {
                findings.Add(new Finding(MtaStsFindingCodes.PolicyMxMissing, FindingSeverity.Error,
                    "The policy lists no \"mx\" pattern, so no MX host can satisfy it.", "Add one \"mx:\" line per MX host (or a \"*.\" pattern).", Ref, subject));
                ok = false;
            }
            policy.Mx = mx;
            policy.Extensions = extensions;
            policy.IsValid = ok;
            return policy;
        }

        private static string Shorten(string s) => s.Length <= 60 ? s : s.Substring(0, 57) + "...";

        private static bool Exists(this IList<Finding> list, Predicate<Finding> match)
        {
            foreach (var f in list) if (match(f)) return true;
            return false;
        }
    }
}
