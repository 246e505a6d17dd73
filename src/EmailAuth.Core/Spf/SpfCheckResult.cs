using System.Collections.Generic;
using System.Net;

namespace EmailAuth.Core.Spf
{
    /// <summary>The outcome of check_host() with everything needed to explain it.</summary>
    public sealed class SpfCheckResult
    {
        public SpfCheckResult(SpfResult result, string domain, IPAddress ipAddress, string sender, string helo,
                              string? matchedTerm, string? explanation, string? reason, int dnsLookupCount,
                              int voidLookupCount, IReadOnlyList<string> trace)
        {
            Result = result;
            Domain = domain;
            IPAddress = ipAddress;
            Sender = sender;
            Helo = helo;
            MatchedTerm = matchedTerm;
            Explanation = explanation;
            Reason = reason;
            DnsLookupCount = dnsLookupCount;
            VoidLookupCount = voidLookupCount;
            Trace = trace;
        }

        public SpfResult Result { get; }
        /// <summary>The &lt;domain&gt; check_host() started from.</summary>
        public string Domain { get; }
        public IPAddress IPAddress { get; }
        /// <summary>The &lt;sender&gt; as evaluated (postmaster@helo when MAIL FROM was empty, §2.4).</summary>
        public string Sender { get; }
        public string Helo { get; }
        /// <summary>The term that decided the result, e.g. "include:_spf.example.net" or "-all"; null when none matched.</summary>
        public string? MatchedTerm { get; }
        /// <summary>The expanded exp= text on Fail (§6.2), else null.</summary>
        public string? Explanation { get; }
        /// <summary>Why the result came out (the permerror/temperror cause or the deciding rule), in words.</summary>
        public string? Reason { get; }
        /// <summary>DNS-querying terms evaluated (§4.6.4 limit 10).</summary>
        public int DnsLookupCount { get; }
        public int VoidLookupCount { get; }
        /// <summary>Step-by-step evaluation: records fetched, terms tried, matches, DNS answers.</summary>
        public IReadOnlyList<string> Trace { get; }

        /// <summary>
        /// RFC 7208 §4.3: a malformed or single-label &lt;domain&gt; makes check_host() return "none" at once,
        /// without a query. <paramref name="why"/> says what is wrong with the name.
        /// </summary>
        public static SpfCheckResult ForMalformedDomain(string domain, IPAddress ipAddress, string sender, string helo, string why) =>
            new SpfCheckResult(SpfResult.None, domain, ipAddress, sender, helo, null, null,
                $"none: {why} (RFC 7208 §4.3)", 0, 0, new[] { $"none: {why} (RFC 7208 §4.3)" });

        public override string ToString() => $"{Result} ({Domain}, {IPAddress})";
    }
}
