using System;
using System.Collections.Generic;

namespace EmailAuth.Core.Tests.Alignment
{
    /// <summary>One DMARC verdict case of the Mail::DMARC differential and the two answers.</summary>
    public sealed record VerdictCase(int Id, string From, string? MailFrom, string Spf, string[] Dkim)
    {
        /// <summary>The From domain's second-level name under "test" (its Organizational Domain on the test list).</summary>
        public string Org => From.EndsWith(".test", StringComparison.Ordinal)
            ? string.Join(".", From.Split('.')[^2..]) : From;

        public override string ToString() =>
            $"From {From}, MAIL FROM {MailFrom ?? "(none)"} spf={Spf}, dkim=pass d={(Dkim.Length == 0 ? "(none)" : string.Join(",", Dkim))}";
    }

    /// <summary>A verdict as "result/disposition", lower case (pass/none, fail/reject, none/none...).</summary>
    public sealed record Verdict(string Result, string Disposition)
    {
        public override string ToString() => $"{Result}/{Disposition}";
    }

    /// <summary>
    /// Where our evaluator (RFC 9989) and Mail::DMARC 1.20211209 (RFC 7489) disagree on purpose. Each entry says which
    /// cases it covers and what both sides must answer: a difference outside these, or an answer other than the one
    /// named, fails the test.
    /// </summary>
    public static class DmarcVerdictKnownDifferences
    {
        public sealed record Entry(string Name, string Rfc, string Why, Func<VerdictCase, bool> Applies, Func<Verdict, Verdict, bool> Accept);

        private static bool Under(VerdictCase c, string org) => c.Org == org;

        public static readonly IReadOnlyList<Entry> All = new[]
        {
            new Entry("testing-t-y", "RFC 9989 (t tag)",
                "t=y asks receivers not to apply the policy (no disposition beyond reporting); RFC 7489 has no t= tag, so " +
                "Mail::DMARC ignores it and applies p=reject.",
                c => Under(c, "testing.test"),
                (ours, theirs) => ours == new Verdict("fail", "none") && theirs == new Verdict("fail", "reject")),
            new Entry("pct-0-is-testing", "RFC 9989 Appendix (pct removed); RFC 7489 §6.3, §6.6.4",
                "RFC 9989 reads pct=0 as t=y (do not apply the policy); RFC 7489 samples 0% of failing mail for p=reject " +
                "and subjects the rest to the next lower policy, so Mail::DMARC quarantines.",
                c => Under(c, "pct0.test"),
                (ours, theirs) => ours == new Verdict("fail", "none") && theirs == new Verdict("fail", "quarantine")),
            new Entry("pct-sampling", "RFC 9989 Appendix (pct removed); RFC 7489 §6.6.4",
                "RFC 9989 drops pct: the whole policy applies (reject). RFC 7489 receivers sample: Mail::DMARC rejects about " +
                "half and quarantines the rest at random, so either answer is accepted from it.",
                c => Under(c, "pct50.test"),
                (ours, theirs) => ours == new Verdict("fail", "reject")
                                  && (theirs == new Verdict("fail", "reject") || theirs == new Verdict("fail", "quarantine"))),
            new Entry("np-for-nonexistent-subdomains", "RFC 9989 (np tag)",
                "np= applies to a From domain that does not exist; RFC 7489 has no np=, so Mail::DMARC applies sp=.",
                c => c.From == "nosuch.np.test",
                (ours, theirs) => ours == new Verdict("fail", "reject") && theirs == new Verdict("fail", "quarantine")),
        };
    }
}
