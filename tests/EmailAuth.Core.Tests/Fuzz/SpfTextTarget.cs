using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Domains;
using EmailAuth.Core.Spf;

namespace EmailAuth.Core.Tests.Fuzz
{
    /// <summary>One record text and the -Domain given with it, as ConvertFrom-SpfRecord receives them.</summary>
    public sealed record SpfTextInput(string Text, string? Domain);

    /// <summary>
    /// The offline SPF path: SpfParser, the linter through <see cref="SpfRecordInspector.InspectText"/> with the
    /// domain converted as ConvertFrom-SpfRecord converts it, and macro expansion of every parsed domain-spec.
    /// Properties: nothing throws; an invalid record is IsValid false with an error finding; terms are the
    /// record's own text at their positions; parsed ip4/ip6 networks are the addresses .NET reads from the same text.
    /// </summary>
    public sealed class SpfTextTarget : FuzzTarget<SpfTextInput>
    {
        public override string Name => "spf-text";

        protected override SpfTextInput Create(Random random)
        {
            var g = new SpfTextGenerator(random);
            var text = g.Next();
            var domain = random.Next(4) switch
            {
                0 => null,
                1 => g.Pick("example.com", "EXAMPLE.com.", "bücher.de", "a", "", " ", "_spf.example.com", "-x.com", "a..b", "xn--bcher-kva.de", "ex ample.com"),
                2 => g.DomainSpec(),
                _ => "example.com",
            };
            return new SpfTextInput(text, domain);
        }

        protected override Task RunAsync(SpfTextInput input, CancellationToken cancellationToken)
        {
            var text = input.Text;
            var parsed = SpfParser.Parse(text);
            FuzzPropertyException.Check(parsed.IsValid == (parsed.Errors.Count == 0), "IsValid disagrees with Errors");
            foreach (var t in parsed.Terms)
            {
                FuzzPropertyException.Check(t.Position >= 0 && t.Position + t.Text.Length <= text.Length && string.CompareOrdinal(text, t.Position, t.Text, 0, t.Text.Length) == 0,
                    $"term {FuzzText.Literal(t.Text)} is not the record's text at position {t.Position}");
                CheckNetwork(t, text);
            }
            if (!SpfParser.IsSpfRecord(text))
                FuzzPropertyException.Check(!parsed.IsValid && parsed.Terms.Count == 0, "a text without \"v=spf1 \" parsed as a record");

            // ConvertFrom-SpfRecord: -Domain goes through DomainNameInput first; an invalid one is reported, not inspected.
            string? domain = null;
            if (!string.IsNullOrWhiteSpace(input.Domain))
            {
                domain = DomainNameInput.Normalize(input.Domain, out var error);
                FuzzPropertyException.Check((domain == null) != (error == null), "DomainNameInput gave both or neither of name and error");
                if (domain == null) return Task.CompletedTask;
                FuzzPropertyException.Check(domain.Length <= 253 && domain.Contains('.'), $"DomainNameInput accepted {FuzzText.Literal(domain)}");
            }
            var info = new SpfRecordInspector(null).InspectText(text, domain);
            FuzzPropertyException.Check(info.Findings != null && info.Terms.Count == parsed.Terms.Count, "InspectText terms differ from the parse");
            if (!parsed.IsValid)
                FuzzPropertyException.Check(!info.IsValid && info.Findings!.Any(f => f.Severity >= FindingSeverity.Error),
                    "an invalid record was reported valid or without an error finding");
            if (info.IsValid)
                FuzzPropertyException.Check(info.Findings!.All(f => f.Severity < FindingSeverity.Error), "IsValid with an error finding");

            if (parsed.IsValid) ExpandAll(parsed, domain ?? "example.com");
            return Task.CompletedTask;
        }

        /// <summary>A parsed ip4:/ip6: address is the one .NET reads from the same characters (strict dotted quad for IPv4).</summary>
        private static void CheckNetwork(SpfTerm t, string text)
        {
            if (t.Network == null) return;
            var value = t.Value ?? string.Empty;
            var slash = value.IndexOf('/');
            var address = slash < 0 ? value : value.Substring(0, slash);
            var ok = IPAddress.TryParse(address, out var parsed);
            FuzzPropertyException.Check(ok && parsed!.AddressFamily == (t.Network.IsV6 ? System.Net.Sockets.AddressFamily.InterNetworkV6 : System.Net.Sockets.AddressFamily.InterNetwork),
                $"{FuzzText.Literal(t.Text)} parsed as {t.Network} but .NET reads {FuzzText.Literal(address)} as {(ok ? parsed!.ToString() : "no address")}");
            FuzzPropertyException.Check(IpBits.From(parsed!, unmapV4: false).SamePrefix(t.Network.Address, t.Network.IsV6 ? 128 : 32),
                $"{FuzzText.Literal(t.Text)} parsed as {t.Network} but .NET reads {parsed}");
            if (!t.Network.IsV6)
                FuzzPropertyException.Check(address.Split('.').Length == 4, $"{FuzzText.Literal(t.Text)}: IPv4 shorthand accepted");
        }

        private static readonly SpfMacroValues Values =
            new SpfMacroValues("strong-bad@email.example.com", "strong-bad", "email.example.com", "mx.example.org",
                               IpBits.From(IPAddress.Parse("192.0.2.3"), unmapV4: true), "receiver.example", 1700000000) { P = "mx.example.org" };

        private static void ExpandAll(SpfRecord parsed, string domain)
        {
            foreach (var t in parsed.Terms)
            {
                if (t.DomainSpec != null)
                {
                    var name = SpfMacroExpander.ExpandDomain(t.DomainSpec, Values, domain);
                    FuzzPropertyException.Check(name.Length <= SpfMacroExpander.MaxDomainLength || name.IndexOf('.') < 0,
                        $"{FuzzText.Literal(t.Text)} expanded to {name.Length} characters");
                }
                if (t.ModifierValue != null) SpfMacroExpander.Expand(t.ModifierValue, Values, domain);
            }
        }

        protected override string Describe(SpfTextInput input) =>
            $"record: {FuzzText.Literal(input.Text)}\ndomain: {FuzzText.Literal(input.Domain)}";
    }
}
