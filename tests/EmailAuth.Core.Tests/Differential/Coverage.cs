using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace EmailAuth.Core.Tests.Differential
{
    /// <summary>
    /// What a scenario set exercises, read back from the generated records and queries (not from
    /// the generator's intentions), so that a change to the generator cannot silently drop a class.
    /// </summary>
    public static class Coverage
    {
        public static readonly string[] Mechanisms = { "all", "include", "a", "mx", "ptr", "ip4", "ip6", "exists" };
        public static readonly string[] Qualifiers = { "", "+", "-", "~", "?" };

        /// <summary>Everything the differential test must cover (the brief's list, RFC 7208 §4.6.4, §5, §6, §7).</summary>
        public static IEnumerable<string> Required()
        {
            foreach (var m in Mechanisms)
                foreach (var q in Qualifiers) yield return $"mech:{q}{m}";
            foreach (var m in new[] { "a", "mx", "ptr", "ip6", "exists", "include" }) yield return $"ipv6-client:{m}";
            foreach (var m in new[] { "a", "mx", "ip4", "ptr" }) yield return $"mapped-client:{m}";
            foreach (var l in "slodiphvcr") { yield return $"macro:{l}"; yield return $"macro:{char.ToUpperInvariant(l)}"; }
            foreach (var d in ".-+,/_=") yield return $"delimiter:{d}";
            foreach (var x in new[] { "digits", "reverse", "%%", "%_", "%-", "in-mechanism", "in-exp", "in-exp-domain", "in-redirect" }) yield return $"macro-{x}";
            foreach (var t in new[] { "dual-cidr", "a-cidr4", "a-cidr6", "redirect", "redirect+all", "redirect-no-record", "exp",
                                      "unknown-modifier", "duplicate-modifier", "syntax-error", "no-record", "two-records",
                                      "empty-sender", "no-local-part", "cname", "multi-string", "case", "ptr-reverse4", "ptr-reverse6",
                                      "lookups=10", "lookups=11", "void=2", "void=3", "mx-names=10", "mx-names=11", "ptr-names>10" })
                yield return t;
            foreach (var r in new[] { "pass", "fail", "softfail", "neutral", "none", "permerror", "temperror" }) yield return $"include-target:{r}";
        }

        public static HashSet<string> Of(IEnumerable<Scenario> scenarios)
        {
            var c = new HashSet<string>();
            foreach (var s in scenarios)
            {
                c.UnionWith(s.Tags.Where(t => t.StartsWith("include-target:") || t.Contains("redirect") || t.Contains("modifier")
                                              || t is "syntax-error" or "no-record" or "two-records" or "empty-sender" or "no-local-part" or "case"));
                var spf = s.TxtTexts.Where(t => t.StartsWith("v=spf1", System.StringComparison.OrdinalIgnoreCase)).ToList();
                var other = s.TxtTexts.Except(spf).ToList();
                var terms = spf.SelectMany(t => t.Split(' ').Skip(1)).Where(t => t.Length > 0).ToList();
                var v6 = s.Ip.Contains(':') && !s.Ip.StartsWith("::ffff:");
                foreach (var term in terms) Term(c, term, v6, s.Ip.StartsWith("::ffff:"));
                foreach (var text in other) Macros(c, text, "in-exp");
                if (s.Records.Any(r => r.Type == "CNAME")) c.Add("cname");
                if (s.Records.Any(r => r.Type == "TXT" && r.Data.Count > 1)) c.Add("multi-string");
                if (s.Records.Any(r => r.Type == "PTR" && r.Owner.EndsWith(".in-addr.arpa"))) c.Add("ptr-reverse4");
                if (s.Records.Any(r => r.Type == "PTR" && r.Owner.EndsWith(".ip6.arpa"))) c.Add("ptr-reverse6");
                if (s.Sender.Length == 0) c.Add("empty-sender");
                if (s.Sender.Length > 0 && !s.Sender.Contains('@')) c.Add("no-local-part");
                if (spf.Any(t => t != t.ToLowerInvariant() && !Regex.IsMatch(t, "%\\{[A-Z]"))) c.Add("case");

                // Limits, checked against the records rather than trusted from the tags.
                var mx = s.Records.Where(r => r.Type == "MX").GroupBy(r => r.Owner).Select(g => g.Count()).DefaultIfEmpty().Max();
                if (s.Tags.Contains($"mx-names={mx}")) c.Add($"mx-names={mx}");
                var ptrs = s.Records.Where(r => r.Type == "PTR").GroupBy(r => r.Owner).Select(g => g.Count()).DefaultIfEmpty().Max();
                if (ptrs > 10) c.Add("ptr-names>10");
                var lookups = terms.Count(t => Regex.IsMatch(t, "^[-+~?]?(include|a|mx|ptr|exists)\\b|^redirect=", RegexOptions.IgnoreCase));
                foreach (var tag in s.Tags.Where(t => t.StartsWith("lookups=") || t.StartsWith("void=")))
                    if (!tag.StartsWith("lookups=") || s.Tags.Contains("lookups-nested") || lookups == int.Parse(tag.Substring(8))) c.Add(tag);
            }
            return c;
        }

        private static void Term(HashSet<string> c, string term, bool v6, bool mapped)
        {
            var m = Regex.Match(term, @"^([-+~?]?)([a-z0-9]+)(?=$|[:/])", RegexOptions.IgnoreCase);
            if (m.Success && Mechanisms.Contains(m.Groups[2].Value.ToLowerInvariant()))
            {
                var mech = m.Groups[2].Value.ToLowerInvariant();
                c.Add($"mech:{m.Groups[1].Value}{mech}");
                if (v6) c.Add($"ipv6-client:{mech}");
                if (mapped) c.Add($"mapped-client:{mech}");
                if (Regex.IsMatch(term, @"^[-+~?]?(a|mx)\b.*/\d+//\d+$", RegexOptions.IgnoreCase)) c.Add("dual-cidr");
                if (Regex.IsMatch(term, @"^[-+~?]?a\b[^/]*/\d+($|//)", RegexOptions.IgnoreCase)) c.Add("a-cidr4");
                if (Regex.IsMatch(term, @"^[-+~?]?a\b[^/]*//\d+$", RegexOptions.IgnoreCase)) c.Add("a-cidr6");
                Macros(c, term, "in-mechanism");
            }
            else if (term.StartsWith("redirect=", System.StringComparison.OrdinalIgnoreCase)) { c.Add("redirect"); Macros(c, term, "in-redirect"); }
            else if (term.StartsWith("exp=", System.StringComparison.OrdinalIgnoreCase)) { c.Add("exp"); Macros(c, term, "in-exp-domain"); }
        }

        private static void Macros(HashSet<string> c, string text, string where)
        {
            foreach (Match m in Regex.Matches(text, @"%\{([a-zA-Z])(\d*)(r?)([.\-+,/_=]*)\}"))
            {
                c.Add("macro-" + where);
                c.Add("macro:" + m.Groups[1].Value);
                if (m.Groups[2].Length > 0) c.Add("macro-digits");
                if (m.Groups[3].Length > 0) c.Add("macro-reverse");
                foreach (var d in m.Groups[4].Value) c.Add("delimiter:" + d);
            }
            foreach (var esc in new[] { "%%", "%_", "%-" })
                if (text.Contains(esc)) c.Add("macro-" + esc);
        }
    }
}
