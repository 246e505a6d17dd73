using System.Collections.Generic;
using System.Linq;

namespace EmailAuth.Core.Tests.Differential
{
    public sealed partial class ScenarioGenerator
    {
        /// <summary>Random records of 1–6 terms over the whole grammar, with one level of include, until the set has <paramref name="until"/> scenarios.</summary>
        private void RandomMixes(int until)
        {
            while (_scenarios.Count < until)
                New("random", b =>
                {
                    RandomClient(b);
                    b.Ptr(b.S.Ip, b.N("rev")).A(b.N("rev"), b.S.Ip.StartsWith("::ffff:") ? b.V4(1) : b.S.Ip);
                    var text = RandomRecord(b, b.D, depth: 0);
                    if (b.Rng.Next(3) == 0)
                    {
                        text += $" exp={b.N("why")}";
                        b.Txt(b.N("why"), "x " + RandomMacro(b, "slodiphv") + " " + RandomMacro(b, "slodiphv"));
                    }
                    b.Spf(text);
                });
        }

        private static string RandomRecord(ScenarioBuilder b, string owner, int depth)
        {
            var terms = new List<string>();
            var n = b.Rng.Next(1, 7);
            for (var k = 0; k < n; k++)
            {
                var q = b.Pick("", "", "+", "-", "~", "?");
                var host = b.Fresh("h");
                switch (b.Rng.Next(depth == 0 ? 9 : 8))
                {
                    case 0: terms.Add(q + "ip4:" + b.Pick(b.V4(1), b.V4(0) + "/" + b.Rng.Next(16, 33), ScenarioBuilder.Foreign4)); break;
                    case 1: terms.Add(q + "ip6:" + b.Pick(b.V6(1), b.V6(0) + "/" + b.Rng.Next(48, 129), ScenarioBuilder.Foreign6)); break;
                    case 2:
                        b.A(host, b.Pick(b.V4(1), b.V4(2), b.V6(1), b.V6(3)));
                        terms.Add(q + "a:" + host + b.Pick("", "/24", "//64", "/30//120")); break;
                    case 3:
                        b.Mx(host, 10, "mx." + host).A("mx." + host, b.Pick(b.V4(1), b.V4(2), b.V6(1)));
                        terms.Add(q + "mx:" + host + b.Pick("", "/28", "//96")); break;
                    case 4: terms.Add(q + b.Pick("ptr", "ptr:" + b.D, "ptr:" + host)); break;
                    case 5:
                        if (b.Coin()) b.A(host, "127.0.0.2");
                        terms.Add(q + "exists:" + b.Pick(host, "%{l}." + host, "%{ir}.%{v}." + host)); break;
                    case 6: terms.Add(b.Pick("foo=bar", "x=%{d}", q + "a", q + "mx")); break;
                    case 7: terms.Add(q + "all"); break;
                    default:
                        var inc = b.Fresh("inc");
                        b.Spf(inc, RandomRecord(b, inc, depth + 1));
                        terms.Add(q + "include:" + inc); break;
                }
            }
            if (depth == 0 && b.Rng.Next(4) == 0)
            {
                var r = b.N("redir");
                b.Spf(r, $"v=spf1 {b.Pick("ip4:" + b.V4(1), "a:" + r, "mx")} {b.Pick("-all", "~all", "?all")}");
                terms.Add("redirect=" + r);
            }
            return "v=spf1 " + string.Join(" ", terms);
        }
    }
}
