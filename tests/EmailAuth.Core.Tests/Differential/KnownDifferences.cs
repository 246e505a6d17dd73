using System;
using System.Collections.Generic;
using System.Linq;

namespace EmailAuth.Core.Tests.Differential
{
    /// <summary>Our answer for one scenario, in pyspf's words.</summary>
    public sealed record Outcome(string Result, string? Explanation);

    /// <summary>
    /// Scenario classes where pyspf 2.0.14 deviates from RFC 7208 and our engine follows the RFC.
    /// A scenario in one of these classes is checked against what the RFC requires (by default
    /// <see cref="Scenario.RfcResult"/>/<see cref="Scenario.RfcExplanation"/>), not against pyspf.
    /// Entries are added only where the RFC text backs our result; where pyspf is right, the
    /// scenario stays a failing mismatch and is reported.
    /// </summary>
    public static class KnownDifferences
    {
        public sealed record Entry(string Name, string Rfc, string Why, Func<Scenario, bool> Applies,
                                   Func<Scenario, Outcome, PyspfAnswer, bool>? Accept = null)
        {
            public bool Accepts(Scenario s, Outcome ours, PyspfAnswer py) =>
                Accept != null ? Accept(s, ours, py)
                : ours.Result == s.RfcResult && (s.RfcExplanation == null || s.RfcExplanation == (ours.Explanation ?? ""));
        }

        private static Func<Scenario, bool> Tagged(string tag) => s => s.Tags.Contains(tag);

        public static readonly IReadOnlyList<Entry> All = new[]
        {
            new Entry("redirect-unused-at-limit", "§6.1, §4.6.4",
                "pyspf counts redirect= against the 10-lookup limit when it parses the record, even when a mechanism " +
                "matches or all is present; the RFC uses redirect only when nothing matched and ignores it with all, " +
                "and counts only terms that cause DNS queries.", Tagged("redirect-unused-at-limit")),
            new Entry("duplicate-unknown-modifier", "§6",
                "\"Unrecognized modifiers MUST be ignored no matter where, or how often, they appear in a record\"; " +
                "pyspf raises permerror for any repeated modifier name.", Tagged("duplicate-unknown-modifier")),
            new Entry("modifier-case", "§4.6.1, RFC 5234 §2.3",
                "Modifier names are case-insensitive (ABNF literals); pyspf compares 'redirect'/'exp' case-sensitively " +
                "and treats REDIRECT=/Exp= as unknown modifiers.", Tagged("modifier-case")),
            new Entry("macro-uppercase-r", "§7.1, RFC 5234 §2.3",
                "The reversal transformer \"r\" is an ABNF literal, so %{iR} reverses; pyspf only accepts lowercase r.",
                Tagged("macro-uppercase-r")),
            new Entry("rejoin-with-dot", "§7.3",
                "After splitting on delimiters \"the resulting parts are rejoined using \".\" and not the original " +
                "splitting characters\"; pyspf does so only for l and s and keeps the delimiter for d, h, o, v, i, p.",
                Tagged("rejoin-with-dot")),
            new Entry("unclosed-macro", "§7.1",
                "\"%{\" without its closing brace is not a macro-expand, so the domain-spec is a syntax error (permerror, " +
                "§4.6); pyspf's invalid-macro regex misses it and uses the text literally.", Tagged("unclosed-macro")),
            new Entry("macro-digit-zero", "§7.1, §6.2",
                "\"If a DIGIT is specified, the value MUST be nonzero\": %{d0} makes the explanation invalid, and §6.2 " +
                "then proceeds as if there were no exp=; pyspf expands %{d0} to all but the first label.",
                Tagged("macro-digit-zero")),
            new Entry("escaped-percent-at-end", "§7.1, §6.2",
                "\"%%\" is a valid macro-expand anywhere; pyspf's check for a lone trailing '%' also rejects an escaped " +
                "one, so an explanation ending in \"%%\" is dropped.", Tagged("escaped-percent-at-end")),
            new Entry("sender-postmaster", "§4.3, §7.3",
                "\"If the <sender> has no local-part, substitute the string \"postmaster\" for the local-part\", so %{s} " +
                "is postmaster@domain; pyspf substitutes only in %{l} and keeps the raw MAIL FROM in %{s}.",
                Tagged("sender-postmaster")),
            new Entry("sender-trailing-dot", "§4.3",
                "Only a zero-length label \"not at the end\" makes <domain> malformed: user@example.com. names the same " +
                "domain; pyspf rejects any empty label and returns none.", Tagged("sender-trailing-dot")),
            new Entry("include-self-after-match", "§5.2, §4.6.2",
                "Mechanisms are evaluated left to right and an include only when reached, so an earlier match wins; " +
                "pyspf rejects include:<own domain> while parsing (\"trivial recursion\").", Tagged("include-self-after-match")),
            new Entry("macro-bad-transformer", "§7.1",
                "transformers = *DIGIT [ \"r\" ] followed only by delimiters: %{dx} is a syntax error (permerror); " +
                "pyspf ignores the stray characters.", Tagged("macro-bad-transformer")),
            new Entry("long-expansion", "§7.3",
                "An expansion over 253 characters loses left-hand labels \"until the total length does not exceed 253\"; " +
                "pyspf removes one label only and then fails on the over-long name.", Tagged("long-expansion")),
            new Entry("single-label-domain", "§4.3",
                "A <domain> that \"is not a multi-label domain name\" makes check_host() return none at once; pyspf " +
                "queries it (here: REFUSED, temperror).", Tagged("single-label-domain")),
            new Entry("quoted-local-part-at", "§4.3, RFC 5321 §4.1.2",
                "A quoted local-part may contain \"@\" (\"a@b\"@example.com), so the domain follows the last \"@\"; " +
                "pyspf splits at the first.", Tagged("quoted-local-part-at")),
            new Entry("ptr-lookup-error", "§5.5, §7.3",
                "\"If a DNS error occurs while doing the PTR RR lookup, then this mechanism fails to match\", and %{p} " +
                "is then \"unknown\"; pyspf returns temperror.", Tagged("ptr-lookup-error")),
            new Entry("ptr-a-lookup-error", "§5.5, §7.3",
                "\"If a DNS error occurs while doing an A RR lookup, then that domain name is skipped and the search " +
                "continues\"; pyspf returns temperror.", Tagged("ptr-a-lookup-error")),
            new Entry("ipv6-nibble-case", "§7.3, §7.4",
                "§7.3 does not fix the case of the dotted IPv6 nibbles of %{i}; RFC 7208 §7.4's example writes them lower-case " +
                "(1.0.b.c.0.0...ip6._spf.example.com for 2001:db8::cb01). RFC 4408 §8.1's example was upper-case (1.0.B.C...), " +
                "and pyspf (like the openspf test suite's v-macro-ip6) still prints that. DNS names compare case-insensitively " +
                "(RFC 4343), so only exp= text differs; accepted when the result agrees and the texts agree ignoring case.",
                s => s.Ip.Contains(':') && !s.Ip.StartsWith("::ffff:") && s.TxtTexts.Any(t => t.Contains("%{i") || t.Contains("%{I")),
                (s, ours, py) => ours.Result == py.Result && string.Equals(ours.Explanation, py.Explanation, StringComparison.OrdinalIgnoreCase)),
        };

        public static Entry? For(Scenario s) => All.FirstOrDefault(e => e.Applies(s));
    }
}
