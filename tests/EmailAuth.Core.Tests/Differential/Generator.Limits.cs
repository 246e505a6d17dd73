using System.Linq;

namespace EmailAuth.Core.Tests.Differential
{
    public sealed partial class ScenarioGenerator
    {
        // exists is absent: a non-matching exists is always a void lookup, which would hit the other limit.
        private static readonly string[] LookupKinds = { "a", "mx", "include", "ptr" };

        /// <summary>One non-matching DNS-querying term (§4.6.4) of the given kind, with records that are not void.</summary>
        private static string MissTerm(ScenarioBuilder b, string kind, int k)
        {
            var n = b.N($"t{k}");
            switch (kind)
            {
                case "a": b.A(n, b.V4(200)); return "a:" + n;
                case "mx": b.Mx(n, 10, n).A(n, b.V4(200)); return "mx:" + n;
                case "include": b.Spf(n, "v=spf1 -all"); return "include:" + n;
                default: return "ptr:" + n;
            }
        }

        /// <summary>§4.6.4 limits exactly at and one past: 10 lookups, 2 void lookups, 10 MX names, 10 PTR names.</summary>
        private void Limits()
        {
            foreach (var total in new[] { 9, 10, 11, 12 })
                for (var v = 0; v < 4; v++)
                    New("limit-lookups", b =>
                    {
                        // total DNS-querying terms; the last one matches. a ptr term needs the client's PTR.
                        b.Ptr(b.V4(1), b.N("client")).A(b.N("client"), b.V4(1));
                        var terms = Enumerable.Range(1, total - 1).Select(k => MissTerm(b, b.Pick(LookupKinds), k)).ToList();
                        if (b.Coin()) terms.Insert(b.Rng.Next(terms.Count), $"ip4:{ScenarioBuilder.Foreign4}"); // costs nothing
                        b.A(b.N("last"), b.V4(1));
                        terms.Add("a:" + b.N("last"));
                        b.Spf("v=spf1 " + string.Join(" ", terms) + " -all").Tag($"lookups={total}");
                    });

            // Lookups spread over nested includes: every include costs one, plus its own terms.
            foreach (var total in new[] { 10, 11 })
                New("limit-lookups", b =>
                {
                    var inner = string.Join(" ", Enumerable.Range(1, total - 3).Select(k => MissTerm(b, "a", k)));
                    b.Spf(b.N("i1"), $"v=spf1 include:{b.N("i2")} ?all").Spf(b.N("i2"), $"v=spf1 {inner} a:{b.N("hit")} -all").A(b.N("hit"), b.V4(1));
                    b.Spf($"v=spf1 include:{b.N("i1")} -all").Tag($"lookups={total}", "lookups-nested");
                });

            // redirect counts as a lookup (§4.6.4) — but only once it is used (§6.1).
            foreach (var total in new[] { 10, 11 })
                New("limit-lookups", b =>
                {
                    var terms = string.Join(" ", Enumerable.Range(1, total - 2).Select(k => MissTerm(b, "a", k)));
                    b.Spf($"v=spf1 {terms} redirect={b.N("r")}").Spf(b.N("r"), $"v=spf1 a:{b.N("hit")} -all").A(b.N("hit"), b.V4(1));
                    b.Tag($"lookups={total}", "redirect-counted");
                });
            // Ten lookups and a redirect that is never used: all (or a match) ends evaluation first.
            foreach (var ending in new[] { "-all", "match" })
                New("limit-lookups", b =>
                {
                    var terms = string.Join(" ", Enumerable.Range(1, 9).Select(k => MissTerm(b, "a", k)));
                    b.A(b.N("hit"), ending == "match" ? b.V4(1) : b.V4(2));
                    b.Spf($"v=spf1 {terms} a:{b.N("hit")} {(ending == "-all" ? "-all " : "")}redirect={b.N("r")}").Spf(b.N("r"), "v=spf1 ?all");
                    b.Tag("lookups=10", "redirect-unused-at-limit").Rfc(ending == "match" ? "pass" : "fail");
                });

            // Void lookups (§4.6.4): two are allowed, the third is a permerror.
            foreach (var voids in new[] { 1, 2, 3, 4 })
                foreach (var kind in new[] { "a", "exists", "mx", "include-a" })
                    New("limit-void", b =>
                    {
                        var terms = Enumerable.Range(1, voids).Select(k => kind switch
                        {
                            "a" => "a:" + b.N($"void{k}"),
                            "exists" => "exists:" + b.N($"void{k}"),
                            "mx" => "mx:" + b.N($"void{k}"),
                            _ => "include:" + b.N("inc" + k),
                        }).ToList();
                        if (kind == "include-a")
                            for (var k = 1; k <= voids; k++) b.Spf(b.N("inc" + k), $"v=spf1 a:{b.N($"void{k}")} ?all");
                        if (b.Coin()) b.Txt(b.N("void1"), "the name exists: NODATA is void too (RFC 2308)");
                        b.A(b.N("hit"), b.V4(1));
                        b.Spf($"v=spf1 {string.Join(" ", terms)} a:{b.N("hit")} -all").Tag($"void={voids}");
                    });

            // mx: 10 names are fine, 11 are a permerror (§4.6.4); the client is the first or the last.
            foreach (var names in new[] { 10, 11 })
                foreach (var first in new[] { true, false })
                    New("limit-mx", b =>
                    {
                        for (var k = 1; k <= names; k++)
                        {
                            b.Mx(b.D, k, b.N($"mx{k:D2}"));
                            b.A(b.N($"mx{k:D2}"), (first ? k == 1 : k == names) ? b.V4(1) : b.V4(100 + k));
                        }
                        b.Spf("v=spf1 mx -all").Tag($"mx-names={names}");
                    });
            // MX names without address records: void lookups inside one term.
            New("limit-mx", b => { for (var k = 1; k <= 3; k++) b.Mx(b.D, k, b.N($"nomx{k}")); b.A(b.N("hit"), b.V4(1)); b.Spf($"v=spf1 mx a:{b.N("hit")} -all").Tag("mx-void-names"); });

            // ptr: at most 10 PTR names are checked (§4.6.4), the others ignored, never an error.
            foreach (var names in new[] { 3, 10, 11, 15 })
                foreach (var mode in new[] { "ptr", "ptr:x", "p-macro" })
                    New("limit-ptr", b =>
                    {
                        for (var k = 1; k <= names; k++)
                        {
                            var name = b.N($"p{k:D2}");
                            b.Ptr(b.V4(1), name);
                            b.A(name, k == names ? b.V4(1) : b.V4(50 + k));
                        }
                        var spec = mode switch { "ptr" => "ptr", "ptr:x" => "ptr:" + b.D, _ => "exists:%{p}.x.%{d}" };
                        b.A($"{b.N($"p{names:D2}")}.x.{b.D}", "127.0.0.2");
                        b.Spf($"v=spf1 {spec} -all").Tag($"ptr-names={names}");
                    });
        }
    }
}
