using System.Linq;

namespace EmailAuth.Core.Tests.Differential
{
    public sealed partial class ScenarioGenerator
    {
        private static readonly string[] LocalParts = { "user", "first.last", "a-b+c", "x_y=z", "w/v,u", "Mixed.Case", "o-n.e-t.w-o" };
        private const string Delimiters = ".-+,/_=";

        /// <summary>A random macro (§7.1): letter, optional digit and reversal, optional delimiters, sometimes uppercase.</summary>
        private static string RandomMacro(ScenarioBuilder b, string letters)
        {
            var letter = letters[b.Rng.Next(letters.Length)];
            if (b.Rng.Next(5) == 0) letter = char.ToUpperInvariant(letter);
            var digits = b.Rng.Next(3) == 0 ? b.Rng.Next(1, 6).ToString() : "";
            var r = b.Rng.Next(3) == 0 ? "r" : "";
            // Only l and s get '-' here: the other values (v "in-addr", h "Relay-1…") contain '-', and pyspf
            // rejoins their parts with the original delimiter (a known deviation, covered by tagged scenarios).
            var pool = "ls".Contains(char.ToLowerInvariant(letter)) ? Delimiters : Delimiters.Replace("-", "");
            var delims = b.Rng.Next(3) == 0
                ? new string(pool.OrderBy(_ => b.Rng.Next()).Take(b.Rng.Next(1, 4)).ToArray()) : "";
            return "%{" + letter + digits + r + delims + "}";
        }

        private static void RandomClient(ScenarioBuilder b)
        {
            var ip = b.Rng.Next(4) switch { 0 => b.V6(1), 1 => b.Mapped(1), _ => b.V4(1) };
            // Mostly identities whose domain has the record; an empty MAIL FROM checks the HELO name (§2.3).
            var sender = b.Rng.Next(8) == 0 ? "" : b.Pick(LocalParts) + "@" + b.Pick(b.D, b.D, b.D.ToUpperInvariant(), b.N("sub"));
            var helo = sender.Length == 0 ? b.Pick(b.D, b.D.ToUpperInvariant()) : b.Pick("mail." + b.D, "helo.example.org", "Relay-1." + b.D);
            b.Query(ip, sender, helo);
        }

        /// <summary>Macros in domain-specs (exists:, a:, include:, mx:); exists targets placed where RFC 7208 §7 says.</summary>
        private void MacrosInMechanisms()
        {
            for (var n = 0; n < 80; n++)
                New("macro-mechanism", b =>
                {
                    RandomClient(b);
                    var spec = string.Join(".", Enumerable.Range(0, b.Rng.Next(1, 3)).Select(_ => RandomMacro(b, "slodihv")));
                    var model = new MacroModel(b.S.Ip, b.S.Sender, b.S.Helo, b.D);
                    var name = model.Expand(spec) + ".m." + b.D;
                    var place = b.Rng.Next(4) != 0;
                    if (place && name.Length <= 253 && name.Split('.').All(l => l.Length is > 0 and < 64))
                        b.A(name, "127.0.0.2").Tag("exists-placed");
                    b.Spf($"v=spf1 {b.Pick("", "-", "~")}exists:{spec}.m.%{{d}} {b.Pick("?all", "-all")}");
                });
            // Macros in the other domain-spec mechanisms, and in an included record (d becomes the target, §5.2).
            New("macro-mechanism", b => b.Spf("v=spf1 a:%{d} -all").A(b.D, b.V4(1)));
            New("macro-mechanism", b => b.Spf("v=spf1 mx:%{o} -all").Mx(b.D, 1, b.N("mx")).A(b.N("mx"), b.V4(1)));
            New("macro-mechanism", b => b.Spf("v=spf1 include:%{l}.%{d} -all").Spf(b.N("user"), $"v=spf1 exists:%{{d1r}}.%{{d}} -all")
                .A("user." + b.N("user"), "127.0.0.2"));
            New("macro-mechanism", b => b.Spf($"v=spf1 include:{b.N("i")} -all").Spf(b.N("i"), "v=spf1 a:h.%{d} -all").A("h." + b.N("i"), b.V4(1)));
            New("macro-mechanism", b => b.Spf("v=spf1 ptr:%{d} -all").Ptr(b.V4(1), b.N("c")).A(b.N("c"), b.V4(1)));
            New("macro-mechanism", b => b.Spf("v=spf1 exists:%{p}.p.%{d} -all").Ptr(b.V4(1), b.N("c")).A(b.N("c"), b.V4(1)).A($"c.{b.D}.p.{b.D}", "127.0.0.2"));
            New("macro-mechanism", b => b.Spf("v=spf1 exists:%{p}.p.%{d} -all").A($"unknown.p.{b.D}", "127.0.0.2"));
            // §5.5 (used by %{p}, §7.3): "If a DNS error occurs while doing an A RR lookup, then that domain
            // name is skipped and the search continues" — foreign.example.org is outside the served zones (REFUSED).
            New("macro-mechanism", b => b.Spf("v=spf1 exists:%{p1r}.p.%{d} -all").Ptr(b.V4(1), "foreign.example.org").A("unknown.p." + b.D, "127.0.0.2")
                .Tag("ptr-a-lookup-error").Rfc("pass"));
            New("macro-mechanism", b => b.Spf($"v=spf1 ptr -all").Ptr(b.V4(1), "foreign.example.org").Ptr(b.V4(1), b.N("c")).A(b.N("c"), b.V4(1))
                .Tag("ptr-a-lookup-error").Rfc("pass"));
            New("macro-mechanism", b => b.Spf($"v=spf1 ptr ?all").Ptr(b.V4(1), "foreign.example.org")
                .Tag("ptr-a-lookup-error").Rfc("neutral"));
            // Transformers are ABNF literals, case-insensitive (RFC 5234 §2.3): %{IR} reverses like %{ir}.
            New("macro-mechanism", b => b.Spf("v=spf1 exists:%{iR}.r.%{d} -all").A($"1.{b.S.Id % 256}.{b.S.Id / 256}.10.r.{b.D}", "127.0.0.2")
                .Tag("macro-uppercase-r").Rfc("pass"));
            New("macro-mechanism", b => b.Spf("v=spf1 exists:%{ir}.%{v}.arpa.%{d} -all").Query(b.V6(1))
                .A(string.Join(".", new MacroModel(b.V6(1), "", "", "").I.Split('.').Reverse()) + ".ip6.arpa." + b.D, "127.0.0.2"));
            New("macro-mechanism", b => b.Spf("v=spf1 exists:%%.%_.%-.x.%{d} -all"));
            // Labels "%", " " and "%20" exist in DNS (RFC 2181 §11): both query them as they are and match.
            New("macro-mechanism", b => b.Spf("v=spf1 exists:%%.%_.%-.x.%{d} -all").A($"%. .%20.x.{b.D}", "127.0.0.2"));
            New("macro-mechanism", b => b.Spf("v=spf1 exists:%{l}%_%%%-.%{d} -all").Query(b.V4(1), "a@" + b.D).A($"a %%20.{b.D}", "127.0.0.2"));
            New("macro-mechanism", b => b.Spf("v=spf1 -exists:%{h}.helo.%{d} +all").Query(b.V4(1), "", "mail." + b.D).A($"mail.{b.D}.helo.{b.D}", "127.0.0.2"));
            New("macro-mechanism", b => b.Spf("v=spf1 exists:%{s}.%{d} -all").Query(b.V4(1), "who@" + b.D).A($"who@{b.D}.{b.D}", "127.0.0.2"));
            New("macro-mechanism", b => b.Spf("v=spf1 exists:%{l-}.%{d} -all").Query(b.V4(1), "a-b-c@" + b.D).A($"a.b.c.{b.D}", "127.0.0.2"));
            New("macro-mechanism", b => b.Spf("v=spf1 exists:%{h-}.%{d} -all").Query(b.V4(1), "u@" + b.D, "x-y." + b.D).A($"x.y.{b.D}.{b.D}", "127.0.0.2")
                .Tag("rejoin-with-dot").Rfc("pass"));
            New("macro-mechanism", b => b.Spf("v=spf1 exists:%{d2-}.x.%{d} -all").A($"{b.D}.x.{b.D}", "127.0.0.2")); // no '-': one part
        }

        /// <summary>Every macro letter and transformer in exp= text, where the expansion is compared verbatim.</summary>
        private void MacrosInExplanations()
        {
            for (var n = 0; n < 50; n++)
                New("macro-exp", b =>
                {
                    RandomClient(b);
                    if (b.Coin()) b.Ptr(b.S.Ip, b.N("ptrname")).A(b.N("ptrname"), b.S.Ip.StartsWith("::ffff:") ? b.V4(1) : b.S.Ip);
                    var parts = Enumerable.Range(0, b.Rng.Next(1, 5))
                        .Select(_ => b.Rng.Next(6) == 0 ? b.Pick("%%", "%_", "%-") : RandomMacro(b, "slodiphvcr"));
                    // Never ending in "%%": pyspf rejects that (known deviation, one tagged scenario below).
                    b.Spf($"v=spf1 -all exp={b.N("why")}").Txt(b.N("why"), "x " + string.Join(b.Pick(" ", ".", "-"), parts) + " .");
                });
            // §7.1: "If a DIGIT is specified, the value MUST be nonzero": %{d0} is not a valid macro, so the
            // explanation string has a syntax error and §6.2 says to proceed as if there were no exp=.
            New("macro-exp", b => b.Spf($"v=spf1 -all exp={b.N("why")}").Txt(b.N("why"), "zero %{d0} digit").Tag("macro-digit-zero").Rfc("fail", ""));
            New("macro-exp", b => b.Spf($"v=spf1 -all exp={b.N("why")}").Txt(b.N("why"), "big %{d128} digit"));
            New("macro-exp", b => b.Spf($"v=spf1 -all exp={b.N("why")}").Txt(b.N("why"), "100%%").Tag("escaped-percent-at-end").Rfc("fail", "100%"));
            // §7.3: parts are "rejoined using "." and not the original splitting characters" (pyspf does so only for l and s).
            New("macro-exp", b => b.Spf($"v=spf1 -all exp={b.N("why")}").Txt(b.N("why"), "%{h-}").Query(b.V4(1), "u@" + b.D, "x-y.z")
                .Tag("rejoin-with-dot").Rfc("fail", "x.y.z"));
            New("macro-exp", b => b.Spf($"v=spf1 -all exp={b.N("why")}").Txt(b.N("why"), "%{i-}").Query(b.V6(1)));
            New("macro-exp", b => b.Spf("a_b=c." + b.D, $"v=spf1 -all exp={b.N("why")}").Txt(b.N("why"), "%{o_=} %{d2_=}").Query(b.V4(1), "u@a_b=c." + b.D)
                .Tag("rejoin-with-dot").Rfc("fail", $"a.b.c.{b.D} b.c.{b.D}"));
        }
    }
}
