using System.Linq;

namespace EmailAuth.Core.Tests.Differential
{
    public sealed partial class ScenarioGenerator
    {
        private static readonly string[] AllMechanisms = { "all", "include", "a", "mx", "ptr", "ip4", "ip6", "exists" };

        /// <summary>Every mechanism (§5) with every qualifier (§4.6.2), matching and not, IPv4 client.</summary>
        private void Mechanisms()
        {
            foreach (var mech in AllMechanisms)
                foreach (var q in Qualifiers)
                    foreach (var match in new[] { true, false })
                        New("mechanism", b =>
                        {
                            var term = Term(b, mech, match, v6: mech == "ip6");
                            if (mech == "ip6") b.Query(match ? b.V6(1) : b.V4(1));
                            var lead = mech == "all" && !match ? $"ip4:{ScenarioBuilder.Foreign4} " : "";
                            b.Spf($"v=spf1 {lead}{q}{term} {b.Pick(Tails)}".TrimEnd());
                        });
        }

        /// <summary>
        /// Records and the mechanism text (no qualifier) that does or does not match the client
        /// V4(1) or V6(1). Addresses of both families are published so the A/AAAA choice (§5.3) matters.
        /// </summary>
        private static string Term(ScenarioBuilder b, string mech, bool match, bool v6)
        {
            string Addr(int h) => v6 ? b.V6(h) : b.V4(h);
            void Host(string name, bool ok)
            {
                b.A(name, ok ? b.V4(1) : b.V4(9));
                b.A(name, ok ? b.V6(1) : b.V6(9));
            }
            switch (mech)
            {
                case "all":
                    return "all";
                case "include":
                    b.Spf(b.N("inc"), match ? $"v=spf1 ip4:{b.V4(1)} ip6:{b.V6(1)} -all" : "v=spf1 -all");
                    return "include:" + b.N("inc");
                case "a":
                    if (b.Coin()) { Host(b.D, match); return "a"; }
                    Host(b.N("h"), match);
                    return "a:" + b.N("h");
                case "mx":
                    var mxd = b.Coin() ? b.D : b.N("m");
                    b.Mx(mxd, 10, b.N("mx1")).Mx(mxd, 20, b.N("mx2"));
                    Host(b.N("mx1"), false);
                    Host(b.N("mx2"), match);
                    return mxd == b.D ? "mx" : "mx:" + mxd;
                case "ptr":
                    // The PTR name is validated (§5.5) only when its address record leads back to the client.
                    b.Ptr(Addr(1), b.N("host"));
                    var validated = match || b.Coin();
                    Host(b.N("host"), validated);
                    if (match) return b.Coin() ? "ptr" : "ptr:" + b.D;
                    return validated ? "ptr:" + b.N("elsewhere") : b.Pick("ptr", "ptr:" + b.D);
                case "ip4":
                    if (match) return b.Pick($"ip4:{b.V4(1)}", $"ip4:{b.V4(0)}/24", $"ip4:{b.V4(0)}/30", $"ip4:{b.V4(1)}/32");
                    return b.Pick($"ip4:{b.V4(9)}", $"ip4:{ScenarioBuilder.Foreign4}/24", $"ip4:{b.V4(2)}/31");
                case "ip6":
                    if (match) return b.Pick($"ip6:{b.V6(1)}", $"ip6:{b.V6(0)}/64", $"ip6:2001:db8::/32");
                    return b.Pick($"ip6:{b.V6(9)}", $"ip6:{ScenarioBuilder.Foreign6}/64", $"ip6:{b.V6(1)}");
                case "exists":
                    if (match) b.A(b.N("e"), "127.0.0.2");
                    return "exists:" + b.N("e");
            }
            throw new System.ArgumentException(mech);
        }

        /// <summary>IPv6 clients against a/mx/ip6/ptr/… (AAAA fetched, §5.3/§5.4) and IPv4-mapped clients (treated as IPv4).</summary>
        private void Ipv6Clients()
        {
            foreach (var mech in AllMechanisms.Where(m => m != "all"))
                foreach (var match in new[] { true, false })
                    foreach (var q in new[] { "", "-" })
                        New("ipv6", b =>
                        {
                            var term = mech == "ip4" ? $"ip4:{b.V4(1)}" : Term(b, mech, match, v6: true);
                            b.Query(b.V6(1));
                            b.Spf($"v=spf1 {q}{term} {b.Pick(Tails)}".TrimEnd());
                        });

            // IPv4-mapped IPv6 (::ffff:a.b.c.d): pyspf and RFC 4291 §2.5.5.2 both mean the IPv4 client.
            foreach (var mech in new[] { "ip4", "a", "mx", "ptr", "exists", "include", "ip6" })
                foreach (var match in new[] { true, false })
                    New("ipv4-mapped", b =>
                    {
                        var term = mech == "ip6" ? $"ip6:{b.Mapped(0)}/120" : Term(b, mech, match, v6: false);
                        if (mech == "exists") term = match ? $"exists:%{{ir}}.%{{v}}.{b.N("x")}" : term;
                        if (mech == "exists" && match) b.A($"1.{b.S.Id % 256}.{b.S.Id / 256}.10.in-addr.{b.N("x")}", "127.0.0.2");
                        b.Query(b.Mapped(1));
                        b.Spf($"v=spf1 {term} -all exp={b.N("why")}");
                        b.Txt(b.N("why"), "%{i} via %{v} (%{c}) for %{s}");
                    });
        }

        /// <summary>Dual CIDR lengths on a and mx (§5.6) with addresses at varying bit distances from the client.</summary>
        private void DualCidr()
        {
            int[] c4 = { 0, 1, 8, 16, 24, 25, 28, 29, 30, 31, 32 };
            int[] c6 = { 0, 32, 48, 56, 64, 96, 112, 120, 124, 127, 128 };
            for (var i = 0; i < 44; i++)
                New("dual-cidr", b =>
                {
                    var v6 = b.Coin();
                    var host = b.Coin() ? b.D : b.N("h" + i);
                    var other = b.Rng.Next(2, 255);
                    b.A(host, b.V4(other)).A(host, b.V6(other));
                    if (b.Coin()) b.A(host, ScenarioBuilder.Foreign4);
                    string cidr = b.Rng.Next(4) switch
                    {
                        0 => "/" + b.Pick(c4),
                        1 => "//" + b.Pick(c6),
                        _ => "/" + b.Pick(c4) + "//" + b.Pick(c6),
                    };
                    string term;
                    if (b.Coin())
                        term = (host == b.D ? "a" : "a:" + host) + cidr;
                    else
                    {
                        var mxd = b.N("mxd");
                        b.Mx(mxd, 5, host);
                        term = "mx:" + mxd + cidr;
                    }
                    b.Query(v6 ? b.V6(b.Rng.Next(1, 255)) : b.V4(b.Rng.Next(1, 255)));
                    b.Spf($"v=spf1 {b.Pick("", "-", "~")}{term} {b.Pick("-all", "?all")}");
                });
        }

        /// <summary>The include result table of §5.2: pass matches; fail/softfail/neutral do not; none and errors propagate.</summary>
        private void IncludeResults()
        {
            var targets = new (string Kind, System.Action<ScenarioBuilder, string> Make)[]
            {
                ("pass", (b, t) => b.Spf(t, "v=spf1 +all")),
                ("pass-ip4", (b, t) => b.Spf(t, $"v=spf1 ip4:{b.V4(0)}/24 -all")),
                ("fail", (b, t) => b.Spf(t, "v=spf1 -all")),
                ("softfail", (b, t) => b.Spf(t, "v=spf1 ~all")),
                ("neutral", (b, t) => b.Spf(t, "v=spf1 ?all")),
                ("neutral-empty", (b, t) => b.Spf(t, "v=spf1")),
                ("none-nxdomain", (b, t) => { }),
                ("none-nodata", (b, t) => b.A(t, "127.0.0.1")),
                ("none-nonspf", (b, t) => b.Txt(t, "google-site-verification=abc")),
                ("permerror", (b, t) => b.Spf(t, "v=spf1 ip4:10.0.0.0/33 -all")),
                ("permerror-unknown", (b, t) => b.Spf(t, "v=spf1 foo:bar -all")),
                ("temperror", (b, t) => { }),
            };
            foreach (var (kind, make) in targets)
                foreach (var q in new[] { "+", "-", "~", "?" })
                    New("include-result", b =>
                    {
                        var t = kind == "temperror" ? $"{b.S.Name}.{Unserved}" : b.N("target");
                        make(b, t);
                        b.Tag("include-target:" + kind.Split('-')[0]);
                        b.Spf($"v=spf1 {q}include:{t} {b.Pick("-all", "~all", "?all", "+all")}");
                    });
        }
    }
}
