namespace EmailAuth.Core.Tests.Differential
{
    public sealed partial class ScenarioGenerator
    {
        /// <summary>Edges where implementations are known to part ways (see KnownDifferences); each carries the RFC's answer.</summary>
        private void Edges()
        {
            // §5.2: an include is evaluated when reached; the earlier ip4 match decides. pyspf rejects the
            // self-include while parsing ("trivial recursion").
            New("edge", b => b.Spf($"v=spf1 ip4:{b.V4(1)} include:{b.D} -all").Tag("include-self-after-match").Rfc("pass"));
            New("edge", b => b.Spf($"v=spf1 include:{b.D} -all").Tag("include-loop"));
            // §7.1: transformers = *DIGIT [ "r" ]; anything else before the delimiters is a syntax error.
            New("edge", b => b.Spf($"v=spf1 ip4:{b.V4(1)} exists:%{{dx}}.{b.D} -all").Tag("macro-bad-transformer").Rfc("permerror"));
            // §7.3: "…left-hand labels will be removed until the total length does not exceed 253 characters."
            New("edge", b =>
            {
                var label = new string('a', 50);
                b.Spf("v=spf1 exists:%{l}.%{l}.%{l}.%{l}.%{l}.%{l}.x.%{d} -all").Query(b.V4(1), label + "@" + b.D);
                b.A($"{label}.{label}.{label}.{label}.x.{b.D}", "127.0.0.2"); // 6 labels of 50 + x.d = 323 chars: two go
                b.Tag("long-expansion").Rfc("pass");
            });
            // §4.3: a <domain> that "is not a multi-label domain name" gives none without a query.
            New("edge", b => b.Query(b.V4(1), "user@" + b.S.Name).Tag("single-label-domain").Rfc("none"));
            // RFC 5321 §4.1.2: a quoted local-part may hold "@"; the domain follows the last one.
            New("edge", b => b.Spf($"v=spf1 ip4:{b.V4(1)} -all").Query(b.V4(1), "\"a@b\"@" + b.D).Tag("quoted-local-part-at").Rfc("pass"));
            // §5.5: "If a DNS error occurs while doing the PTR RR lookup, then this mechanism fails to match";
            // 192.0.2.0/24's reverse zone is not served (REFUSED). §7.3: %{p} is then "unknown".
            var client = $"192.0.2.{1 + _scenarios.Count % 200}";
            New("edge", b => b.Spf("v=spf1 ptr ?all").Query(client).Tag("ptr-lookup-error").Rfc("neutral"));
            New("edge", b => b.Spf("v=spf1 exists:%{p}.p.%{d} -all").A($"unknown.p.{b.D}", "127.0.0.2").Query(client).Tag("ptr-lookup-error").Rfc("pass"));
        }
    }
}
