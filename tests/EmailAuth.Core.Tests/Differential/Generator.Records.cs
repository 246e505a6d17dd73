namespace EmailAuth.Core.Tests.Differential
{
    public sealed partial class ScenarioGenerator
    {
        /// <summary>Finding the record (§4.4, §4.5): none, one, two, near misses of "v=spf1".</summary>
        private void RecordDiscovery()
        {
            New("discovery", b => b.Tag("no-record"));
            New("discovery", b => b.A(b.D, b.V4(1)).Tag("no-record"));
            New("discovery", b => b.Txt(b.D, "some other text").Tag("no-record"));
            New("discovery", b => b.Spf("v=spf1 -all").Spf("v=spf1 +all").Tag("two-records"));
            New("discovery", b => b.Spf($"v=spf1 ip4:{b.V4(1)} -all").Spf("v=spf1 ?all").Tag("two-records"));
            New("discovery", b => b.Spf($"v=spf1 ip4:{b.V4(1)} -all").Txt(b.D, "v=spf10 +all").Txt(b.D, "verification=123"));
            New("discovery", b => b.Spf("v=spf1"));
            New("discovery", b => b.Spf("v=spf10 -all"));
            New("discovery", b => b.Spf("v=spf1-all"));
            New("discovery", b => b.Spf(" v=spf1 -all"));
            New("discovery", b => b.Spf("v=spf1  -all  "));
            New("discovery", b => b.Spf($"v=spf1 ip4:{b.V4(1)}    ~all "));
            New("discovery", b => b.Spf("V=SPF1 -all").Tag("case"));
            New("discovery", b => b.Spf("v=spf2.0/pra -all").Txt(b.D, "v=spf1 ~all"));
            // The obsolete SPF RR type (§3.1, §14.1) is not consulted: only TXT.
            New("discovery", b => { b.S.Records.Add(new ZoneRecord(b.D, "SPF", new[] { "v=spf1 -all" })); b.Tag("spf-rr-type"); });
            New("discovery", b => b.Query(b.V4(1), $"user@{b.S.Name}.{Unserved}").Tag("temperror-top"));
        }

        /// <summary>Syntax errors anywhere in the record are a permerror before any evaluation (§4.6, §4.6.1).</summary>
        private void SyntaxErrors()
        {
            var bad = new[]
            {
                "foo", "foo:bar", "ipv4:{ip}", "ip:{ip}", "prt", "all.", "ip4:10.0.0.0/33", "ip6:2001:db8::/129", "a/33", "a//129",
                "mx/024", "a/-1", "a/", "ip4:{ip}/", "ip4:{ip}//64", "ip6:2001:db8::/64//64", "ip4:1.2.3", "ip4:1.2.3.256",
                "ip4:01.2.3.4", "ip6:2001:db8::zz", "ip6:1.2.3.4", "-all:foo", "all/24", "exists", "exists:", "a:", "include",
                "include:", "ptr:", "mx:", "ip4:", "ip6:", "redirect=", "exp=", "+-all", "?", "a:foo.123", "a:example",
                "include:%{z}.{d}", "exists:%{ir.{d}", "a:%{d}%", "redirect={d}:8080", "ptr/24", "exists:{d}/24", "1foo=bar",
                "foo=%{z}", "foo=%", "=foo", "a:{d},", "-all,", "include:{d}x..y", "exp=%{p", "a:{d}/32/32", "ip4:{ip} ip4:{ip}/1a",
            };
            foreach (var term in bad)
                New("syntax-error", b =>
                {
                    var t = term.Replace("{ip}", b.V4(1)).Replace("{d}", b.D);
                    // Half the time a matching term comes first: the error must still win (§4.6).
                    var lead = b.Coin() ? $"ip4:{b.V4(1)} " : "";
                    b.Spf($"v=spf1 {lead}{t} {b.Pick("-all", "~all", "")}".TrimEnd()).Tag("syntax-error");
                    // §7.1: a '%' not starting a valid macro-expand is a syntax error; "%{ir." never closes.
                    if (t.StartsWith("exists:%{ir.")) b.Tag("unclosed-macro").Rfc("permerror");
                });
            foreach (var dup in new[] { "redirect={d} redirect={d}", "exp={d} exp={d}" })
                New("syntax-error", b => b.Spf($"v=spf1 ip4:{b.V4(1)} {dup.Replace("{d}", b.N("x"))} -all").Spf(b.N("x"), "v=spf1 -all").Tag("duplicate-modifier"));

            // Unknown modifiers are ignored (§6) when their value is a valid macro-string.
            var unknown = new[] { "foo=bar", "x-custom=%{d}", "a.b_c-d=any/thing:with=colons", "foo=", "Foo9=%%%_%-", "default=deny", "op=pfail", "moo=%{ir}.x" };
            foreach (var mod in unknown)
                foreach (var match in new[] { true, false })
                    New("unknown-modifier", b => b.Spf($"v=spf1 {(match ? "ip4:" + b.V4(1) : "ip4:" + ScenarioBuilder.Foreign4)} {mod} -all").Tag("unknown-modifier"));
            // §6: "Unrecognized modifiers MUST be ignored no matter where, or how often, they appear."
            New("unknown-modifier", b => b.Spf($"v=spf1 ip4:{b.V4(1)} foo=1 foo=2 -all").Tag("duplicate-unknown-modifier").Rfc("pass"));
            New("unknown-modifier", b => b.Spf($"v=spf1 bar=x -all bar=y").Tag("duplicate-unknown-modifier").Rfc("fail"));
        }

        /// <summary>Identities: empty MAIL FROM (postmaster@helo, §2.4), no local part (§4.3), case.</summary>
        private void Senders()
        {
            New("sender", b => b.Spf($"v=spf1 ip4:{b.V4(1)} -all").Query(b.V4(1), "", b.D).Tag("empty-sender"));
            New("sender", b => b.Spf("v=spf1 -all").Query(b.V4(1), "", b.D).Tag("empty-sender"));
            New("sender", b => b.Spf($"v=spf1 -all exp={b.N("why")}").Txt(b.N("why"), "%{s} %{l} %{o} %{d} %{h}").Query(b.V4(1), "", b.D).Tag("empty-sender"));
            New("sender", b => b.Query(b.V4(1), "", b.N("nohelo")).Tag("empty-sender"));
            New("sender", b => b.Spf("v=spf1 exists:%{l}.%{o} -all").A("postmaster." + b.D, "127.0.0.2").Query(b.V4(1), "", b.D).Tag("empty-sender"));
            New("sender", b => b.Spf($"v=spf1 -all exp={b.N("why")}").Txt(b.N("why"), "%{s} %{l}").Query(b.V4(1), b.D).Tag("no-local-part")
                .Tag("sender-postmaster").Rfc("fail", $"postmaster@{b.D} postmaster"));
            New("sender", b => b.Spf("v=spf1 exists:%{l}.%{d} -all").A("postmaster." + b.D, "127.0.0.2").Query(b.V4(1), b.D).Tag("no-local-part"));
            New("sender", b => b.Spf($"v=spf1 -all exp={b.N("why")}").Txt(b.N("why"), "%{s} %{l} %{o}").Query(b.V4(1), "@" + b.D).Tag("no-local-part")
                .Tag("sender-postmaster").Rfc("fail", $"postmaster@{b.D} postmaster {b.D}"));
            New("sender", b => b.Spf($"v=spf1 ip4:{b.V4(1)} -all").Query(b.V4(1), "User@" + b.D.ToUpperInvariant()));
            New("sender", b => b.Spf("v=spf1 -all").Query(b.V4(1), "user@" + b.N("sub")));
            New("sender", b => b.Spf($"v=spf1 -all exp={b.N("why")}").Txt(b.N("why"), "%{s} %{l} %{o} %{d}").Query(b.V4(1), "Mixed.Case@" + b.D.ToUpperInvariant()));
            New("sender", b => b.Spf($"v=spf1 -all exp={b.N("why")}").Txt(b.N("why"), "%{d} %{o}").Query(b.V4(1), "u@" + b.D + ".")
                .Tag("sender-trailing-dot").Rfc("fail"));
        }

        /// <summary>CNAMEs inside the zone, followed for TXT, A, AAAA, MX targets and PTR names.</summary>
        private void Cnames()
        {
            New("cname", b => b.Cname(b.D, b.N("real")).Spf(b.N("real"), $"v=spf1 ip4:{b.V4(1)} -all"));
            New("cname", b => b.Cname(b.D, b.N("real")).Spf(b.N("real"), "v=spf1 a -all").A(b.N("real"), b.V4(1)));
            New("cname", b => b.Spf($"v=spf1 a:{b.N("c")} -all").Cname(b.N("c"), b.N("h")).A(b.N("h"), b.V4(1)));
            New("cname", b => b.Spf($"v=spf1 a:{b.N("c")} -all").Cname(b.N("c"), b.N("h")).A(b.N("h"), b.V6(1)).Query(b.V6(1)));
            New("cname", b => b.Spf($"v=spf1 include:{b.N("c")} -all").Cname(b.N("c"), b.N("t")).Spf(b.N("t"), $"v=spf1 ip4:{b.V4(1)} -all"));
            New("cname", b => b.Spf("v=spf1 mx -all").Mx(b.D, 10, b.N("mxc")).Cname(b.N("mxc"), b.N("h")).A(b.N("h"), b.V4(1)));
            New("cname", b => b.Spf($"v=spf1 exists:{b.N("c")} -all").Cname(b.N("c"), b.N("h")).A(b.N("h"), "127.0.0.2"));
            New("cname", b => b.Spf($"v=spf1 ptr:{b.D} -all").Ptr(b.V4(1), b.N("c")).Cname(b.N("c"), b.N("h")).A(b.N("h"), b.V4(1)));
            New("cname", b => b.Spf($"v=spf1 a:{b.N("c1")} -all").Cname(b.N("c1"), b.N("c2")).Cname(b.N("c2"), b.N("c3")).A(b.N("c3"), b.V4(1)));
            New("cname", b => b.Spf($"v=spf1 a:{b.N("c")} -all").Cname(b.N("c"), b.N("dangling")));
            New("cname", b => b.Spf($"v=spf1 a:{b.N("c")} a:{b.N("c")} a:{b.N("c")} -all").Cname(b.N("c"), b.N("dangling")).Tag("void-via-cname"));
            New("cname", b => b.Spf($"v=spf1 redirect={b.N("c")}").Cname(b.N("c"), b.N("t")).Spf(b.N("t"), "v=spf1 -all"));
            New("cname", b => b.Spf($"v=spf1 a:{b.N("c")} -all").Cname(b.N("c"), b.N("h")).Txt(b.N("h"), "nodata"));
            New("cname", b => b.Spf($"v=spf1 a:{b.N("c")} ?all").Cname(b.N("c"), b.N("h")).A(b.N("h"), b.V4(2)));
        }

        /// <summary>Mechanism, modifier and macro names are case-insensitive (§4.6.1, §7.1); domain names per RFC 4343.</summary>
        private void CaseVariations()
        {
            New("case", b => b.Spf($"v=spf1 IP4:{b.V4(1)} -ALL"));
            New("case", b => b.Spf($"v=spf1 Ip6:{b.V6(0).ToUpperInvariant()}/64 -All").Query(b.V6(1)));
            New("case", b => b.Spf($"v=spf1 A:{b.N("H").ToUpperInvariant()} -all").A(b.N("h"), b.V4(1)));
            New("case", b => b.Spf("v=spf1 MX -all").Mx(b.D, 1, b.N("mx")).A(b.N("mx"), b.V4(1)));
            New("case", b => b.Spf("v=spf1 PTR -all").Ptr(b.V4(1), b.N("Host").ToUpperInvariant()).A(b.N("host"), b.V4(1)));
            New("case", b => b.Spf($"v=spf1 Include:{b.N("i")} -all").Spf(b.N("i"), "v=spf1 +ALL"));
            New("case", b => b.Spf($"v=spf1 EXISTS:{b.N("e")} -all").A(b.N("e"), "127.0.0.2"));
            // Modifier names are case-insensitive (§4.6.1, RFC 5234 §2.3).
            New("case", b => b.Spf($"v=spf1 REDIRECT={b.N("r")}").Spf(b.N("r"), "v=spf1 ~ALL").Tag("modifier-case").Rfc("softfail"));
            New("case", b => b.Spf($"v=spf1 -all Exp={b.N("why")}").Txt(b.N("why"), "mixed-case exp").Tag("modifier-case").Rfc("fail", "mixed-case exp"));
            New("case", b => b.Spf($"v=spf1 -all exp={b.N("why")}").Txt(b.N("why"), "%{L} %{D} %{S} %{O} %{H} %{V} %{I} %{P} %{R} %{C}")
                .Ptr(b.V4(1), b.N("p")).A(b.N("p"), b.V4(1)));
            New("case", b => b.Spf("v=spf1 exists:%{L}.x.%{D} -all").A("user.x." + b.D, "127.0.0.2"));
            New("case", b => b.Spf("v=spf1 exists:%{l}.X.%{D} -all").A("user.x." + b.D, "127.0.0.2"));
            New("case", b => b.Spf("v=spf1 exists:%{IR}.%{V}.%{D} -all").A($"1.{b.S.Id % 256}.{b.S.Id / 256}.10.in-addr." + b.D, "127.0.0.2")
                .Tag("macro-uppercase-r").Rfc("pass"));
            New("case", b => b.Spf("v=spf1 aLL"));
            New("case", b => b.Spf($"v=spf1 a/24 -all").A(b.D, b.V4(9)).Query(b.V4(1), "USER@" + b.D.ToUpperInvariant(), "MAIL." + b.D.ToUpperInvariant()));
        }

        /// <summary>TXT records split into several character-strings, joined with nothing between them (§3.3).</summary>
        private void MultiString()
        {
            for (var n = 0; n < 16; n++)
                New("multi-string", b =>
                {
                    var terms = new System.Collections.Generic.List<string> { "v=spf1" };
                    var count = n < 4 ? 40 : b.Rng.Next(2, 8); // the first few exceed 255 octets and 512-byte UDP
                    for (var k = 0; k < count; k++)
                        terms.Add(b.Coin() ? $"ip4:10.{b.Rng.Next(256)}.{b.Rng.Next(256)}.0/24" : $"ip6:2001:db8:{b.Rng.Next(65536):x}::/48");
                    terms.Insert(b.Rng.Next(1, terms.Count), b.Pick($"ip4:{b.V4(1)}", $"a:{b.N("h")}", $"ip6:{b.V6(0)}/64"));
                    b.A(b.N("h"), b.V4(1));
                    terms.Add(b.Pick("-all", "~all"));
                    var text = string.Join(" ", terms);
                    var pieces = new System.Collections.Generic.List<string>();
                    for (var at = 0; at < text.Length;)
                    {
                        var len = System.Math.Min(text.Length - at, b.Rng.Next(1, 256));
                        pieces.Add(text.Substring(at, len));
                        at += len;
                    }
                    b.Txt(b.D, pieces.ToArray()).Tag("multi-string");
                    if (b.Coin()) b.Query(b.V6(1));
                });
        }
    }
}
