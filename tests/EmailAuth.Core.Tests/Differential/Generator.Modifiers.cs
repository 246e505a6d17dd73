namespace EmailAuth.Core.Tests.Differential
{
    public sealed partial class ScenarioGenerator
    {
        /// <summary>redirect= (§6.1): used only when nothing matches, ignored with all, permerror without a target record.</summary>
        private void Redirects()
        {
            var targets = new[] { "v=spf1 +all", "v=spf1 -all", "v=spf1 ~all", "v=spf1 ?all", "v=spf1", "v=spf1 ip4:{net}/24 -all" };
            foreach (var t in targets)
                foreach (var withAll in new[] { false, true })
                    New("redirect", b =>
                    {
                        b.Spf(b.N("r"), t.Replace("{net}", b.V4(0)));
                        b.Spf($"v=spf1 ip4:{ScenarioBuilder.Foreign4} redirect={b.N("r")}{(withAll ? " " + b.Pick("-all", "?all", "~all") : "")}");
                        b.Tag(withAll ? "redirect+all" : "redirect");
                    });
            // A name without an SPF record: §6.1 says permerror (unlike include's "none" target, also permerror).
            foreach (var kind in new[] { "nxdomain", "nodata", "nonspf", "refused" })
                foreach (var q in new[] { "-all", "" })
                    New("redirect", b =>
                    {
                        var t = kind == "refused" ? $"{b.S.Name}.{Unserved}" : b.N("r");
                        if (kind == "nodata") b.A(t, "127.0.0.1");
                        if (kind == "nonspf") b.Txt(t, "v=spf10 -all");
                        b.Spf($"v=spf1 redirect={t} {q}".TrimEnd()).Tag("redirect-no-record");
                    });
            New("redirect", b => b.Spf($"v=spf1 redirect={b.N("r1")}").Spf(b.N("r1"), $"v=spf1 redirect={b.N("r2")}")
                .Spf(b.N("r2"), $"v=spf1 redirect={b.N("r3")}").Spf(b.N("r3"), $"v=spf1 ip4:{b.V4(1)} -all"));
            New("redirect", b => b.Spf($"v=spf1 redirect={b.N("loop")}").Spf(b.N("loop"), $"v=spf1 redirect={b.D}").Tag("redirect-loop"));
            New("redirect", b => b.Spf($"v=spf1 redirect=r.%{{d}}").Spf(b.N("r"), $"v=spf1 ip4:{b.V4(1)} -all"));
            New("redirect", b => b.Spf($"v=spf1 redirect=%{{l}}.%{{o}}").Spf(b.N("user"), "v=spf1 -all"));
            New("redirect", b => b.Spf($"v=spf1 redirect={b.N("r")} ip4:{b.V4(1)}").Spf(b.N("r"), "v=spf1 -all"));
            New("redirect", b => b.Spf($"v=spf1 redirect={b.N("r")}").Spf(b.N("r"), "v=spf1 foo -all"));
            New("redirect", b => b.Spf($"v=spf1 redirect={b.N("r")}").Spf(b.N("r"), $"v=spf1 include:{b.S.Name}.{Unserved} -all"));
            // The record's domain changes with redirect: "a" in the target means the target's name (§6.1).
            New("redirect", b => b.Spf($"v=spf1 redirect={b.N("r")}").Spf(b.N("r"), "v=spf1 a -all").A(b.N("r"), b.V4(1)).A(b.D, b.V4(9)));
            New("redirect", b => b.Spf($"v=spf1 redirect={b.N("r")}").Spf(b.N("r"), "v=spf1 a -all").A(b.N("r"), b.V4(9)).A(b.D, b.V4(1)));
        }

        /// <summary>exp= (§6.2): only on fail, only from the evaluated record (or the redirect target), ignored when unusable.</summary>
        private void Explanations()
        {
            var texts = new[]
            {
                "Not authorized", "%{i} is not one of %{d}'s designated mail servers.",
                "See http://%{d}/why.html?s=%{S}&i=%{I}", "%{l} at %{o} from %{h} via %{v}", "%% 100%% sure%_%-done",
                "%{c} rejected by %{r}", "%{d2} says no to %{ir}", "Sender %{s} (%{L}) refused",
            };
            foreach (var text in texts)
                foreach (var q in new[] { "-all", "~all", "?all" })
                    New("exp", b => b.Spf($"v=spf1 ip4:{ScenarioBuilder.Foreign4} {q} exp={b.N("why")}").Txt(b.N("why"), text)
                        .Query(b.Coin() ? b.V4(1) : b.V6(1), b.Pick($"user@{b.D}", $"first.last@{b.D}", $"a+b=c/d@{b.D}", ""), b.D));

            New("exp", b => b.Spf($"v=spf1 -all exp={b.N("none")}").Tag("exp-unusable"));
            New("exp", b => b.Spf($"v=spf1 -all exp={b.N("two")}").Txt(b.N("two"), "one").Txt(b.N("two"), "two").Tag("exp-unusable"));
            New("exp", b => b.Spf($"v=spf1 -all exp={b.N("bad")}").Txt(b.N("bad"), "bad %{z} macro").Tag("exp-unusable"));
            New("exp", b => b.Spf($"v=spf1 -all exp={b.N("bad")}").Txt(b.N("bad"), "trailing %").Tag("exp-unusable"));
            New("exp", b => b.Spf($"v=spf1 -all exp={b.S.Name}.{Unserved}").Tag("exp-unusable"));
            New("exp", b => b.Spf($"v=spf1 -all exp={b.N("multi")}").Txt(b.N("multi"), "split ", "across", " strings"));
            New("exp", b => b.Spf($"v=spf1 -all exp=%{{l}}.e.%{{d}}").Txt("user.e." + b.D, "macro exp domain for %{l}"));
            New("exp", b => b.Spf($"v=spf1 -all exp={b.N("cn")}").Cname(b.N("cn"), b.N("real")).Txt(b.N("real"), "via cname"));
            New("exp", b => b.Spf($"v=spf1 exp={b.N("why")} -all").Txt(b.N("why"), "exp before mechanisms"));
            // The included record's exp= is never used (§6.2: only the record being evaluated, not include targets).
            New("exp", b => b.Spf($"v=spf1 include:{b.N("i")} -all exp={b.N("outer")}").Txt(b.N("outer"), "outer")
                .Spf(b.N("i"), $"v=spf1 -all exp={b.N("inner")}").Txt(b.N("inner"), "inner"));
            New("exp", b => b.Spf($"v=spf1 -include:{b.N("i")} ~all exp={b.N("outer")}").Txt(b.N("outer"), "outer")
                .Spf(b.N("i"), $"v=spf1 +all exp={b.N("inner")}").Txt(b.N("inner"), "inner"));
            // With redirect the target's exp= applies, the original's does not (§6.1, §6.2).
            New("exp", b => b.Spf($"v=spf1 redirect={b.N("r")} exp={b.N("outer")}").Txt(b.N("outer"), "outer")
                .Spf(b.N("r"), $"v=spf1 -all exp={b.N("inner")}").Txt(b.N("inner"), "inner %{d}"));
            New("exp", b => b.Spf($"v=spf1 redirect={b.N("r")} exp={b.N("outer")}").Txt(b.N("outer"), "outer")
                .Spf(b.N("r"), "v=spf1 -all"));
            // %{p} in exp: validated name, unvalidated, none.
            foreach (var ptr in new[] { "valid", "invalid", "none" })
                New("exp", b =>
                {
                    b.Spf($"v=spf1 -all exp={b.N("why")}").Txt(b.N("why"), "client %{p} (%{p2}) refused");
                    if (ptr != "none") b.Ptr(b.V4(1), b.N("client")).A(b.N("client"), ptr == "valid" ? b.V4(1) : b.V4(5));
                });
        }
    }
}
