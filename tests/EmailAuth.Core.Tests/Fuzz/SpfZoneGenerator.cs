using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using EmailAuth.Core.Dns;

namespace EmailAuth.Core.Tests.Fuzz
{
    /// <summary>A check_host() question and the in-memory DNS it is answered from.</summary>
    public sealed record SpfZoneInput(IReadOnlyList<DnsRecord> Records, string Ip, string? Domain, string? Sender, string? Helo, bool Trace, bool Cached);

    /// <summary>
    /// Small zones under fuzz.test whose SPF records (from <see cref="SpfTextGenerator"/>) point at each other:
    /// include/redirect chains and loops, several or no SPF records, CNAME chains and loops, MX lists over the
    /// limit, PTR names of the client, names that only exist for one client's %{i}, void answers.
    /// </summary>
    public sealed class SpfZoneGenerator
    {
        public const string Apex = "fuzz.test";

        /// <summary>The names domain-specs point at: each gets random records (or none, a void lookup).</summary>
        private static readonly string[] Hosts =
        {
            Apex, "a." + Apex, "b." + Apex, "c." + Apex, "mx." + Apex, "loop." + Apex, "cname." + Apex, "nx." + Apex, "_spf." + Apex,
        };

        private static readonly string[] SpecNames = Hosts.Concat(new[] { "%{d}", "%{o}", "%{h}", "%{i}.e." + Apex, "%{ir}.%{v}.e." + Apex, "%{l}.e.%{d}", "%{p}" }).ToArray();

        private readonly Random _rng;
        private readonly SpfTextGenerator _text;
        private readonly List<DnsRecord> _records = new List<DnsRecord>();

        public SpfZoneGenerator(Random random)
        {
            _rng = random;
            _text = new SpfTextGenerator(random, SpecNames);
        }

        public SpfZoneInput Next()
        {
            var ip = ClientAddress();
            _records.Add(Txt(Apex, Record()));
            foreach (var host in Hosts.Skip(1)) Populate(host, ip);
            if (_rng.Next(3) == 0) Populate(Apex, ip);
            // %{i}.e.fuzz.test exists for this client only (an "exists:" that matches).
            if (_rng.Next(2) == 0) _records.Add(new DnsRecord(MacroName(ip) + ".e." + Apex, DnsRecordType.A, 60, "127.0.0.2"));
            for (var k = _rng.Next(0, 4); k > 0; k--)
                _records.Add(new DnsRecord(ReverseName(ip), DnsRecordType.PTR, 60, _rng.Next(4) == 0 ? _text.DomainSpec() : Pick(Hosts)));
            var domain = _rng.Next(6) switch
            {
                0 => null,
                1 => _text.Pick("", ".", "fuzz.test.", "FUZZ.TEST", "test", "a..fuzz.test", "-x.fuzz.test", "b\u00fccher.fuzz.test", new string('a', 70) + ".test"),
                2 => Pick(Hosts),
                _ => Apex,
            };
            var sender = _rng.Next(5) switch
            {
                0 => "",
                1 => _text.Pick("postmaster", "@fuzz.test", "<>", "<user@fuzz.test>", "a@b@fuzz.test", "\"a b\"@fuzz.test", "%{d}@fuzz.test", "x@", "user@" + new string('x', 300)),
                2 => _text.MacroString(allowSpace: true) + "@" + Pick(Hosts),
                _ => "user@" + Pick(Hosts),
            };
            var helo = _rng.Next(4) == 0 ? _text.Pick("", "[192.0.2.1]", "localhost", "mail." + Apex + ".", "%{h}") : "mail." + Apex;
            return new SpfZoneInput(_records.ToList(), ip, domain, sender, helo, Trace: _rng.Next(2) == 0, Cached: _rng.Next(3) == 0);
        }

        /// <summary>Mostly grammar-built records (they reach the DNS), sometimes mutated or raw.</summary>
        private string Record() => _rng.Next(10) switch
        {
            0 => _text.Mutate(_text.Structured()),
            1 => _text.Next(),
            _ => _text.Structured(),
        };

        private void Populate(string host, string ip)
        {
            var kinds = _rng.Next(0, 4);
            for (var k = 0; k < kinds; k++)
            {
                switch (_rng.Next(9))
                {
                    case 0: case 1:
                        _records.Add(Txt(host, Record()));
                        if (_rng.Next(6) == 0) _records.Add(Txt(host, Record())); // two SPF records: permerror (§4.5)
                        break;
                    case 2:
                        _records.Add(Txt(host, _text.Pick("google-site-verification=abc", "v=DMARC1; p=none", "", "v=spf1", "\"")));
                        break;
                    case 3: case 4:
                        for (var n = _rng.Next(1, 4); n > 0; n--) _records.Add(Address(host, ip));
                        break;
                    case 5:
                        // Up to 13 MX names: more than 10 is a permerror (§4.6.4).
                        var count = _rng.Next(5) == 0 ? _rng.Next(10, 14) : _rng.Next(1, 4);
                        for (var n = 0; n < count; n++)
                            _records.Add(new DnsRecord(host, DnsRecordType.MX, 60, _rng.Next(8) == 0 ? _text.Pick(".", "", "mx" + n + "." + Apex) : Pick(Hosts), preference: _rng.Next(0, 3) * 10));
                        break;
                    case 6:
                        // A CNAME beside other data is wrong (RFC 1034 §3.6.2), and a resolver may still meet it.
                        _records.Add(new DnsRecord(host, DnsRecordType.CNAME, 60, Pick(Hosts)));
                        break;
                    case 7:
                        _records.Add(new DnsRecord(host, DnsRecordType.SPF, 60, "v=spf1 -all", new[] { "v=spf1 -all" }));
                        break;
                    default:
                        break; // no record: NXDOMAIN, or NODATA below an existing name
                }
            }
        }

        /// <summary>A TXT record split into character-strings of at most 255 characters (or oddly, below that).</summary>
        private DnsRecord Txt(string owner, string text)
        {
            var size = _rng.Next(4) == 0 ? _rng.Next(1, 20) : 255;
            var strings = new List<string>();
            for (var i = 0; i < text.Length; i += size) strings.Add(text.Substring(i, Math.Min(size, text.Length - i)));
            if (strings.Count == 0) strings.Add(string.Empty);
            return new DnsRecord(owner, DnsRecordType.TXT, 60, text, strings);
        }

        private DnsRecord Address(string host, string ip)
        {
            var v6 = _rng.Next(3) == 0;
            var text = _rng.Next(3) == 0 ? ip : v6 ? $"2001:db8::{_rng.Next(4):x}" : $"192.0.2.{_rng.Next(4)}";
            var address = IPAddress.Parse(text);
            var isV6 = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
            return new DnsRecord(host, isV6 ? DnsRecordType.AAAA : DnsRecordType.A, 60, address.ToString());
        }

        /// <summary>IPv4, IPv6 or IPv4-mapped IPv6, from the few networks the records use, so terms match now and then.</summary>
        private string ClientAddress() => _rng.Next(5) switch
        {
            0 => $"2001:db8::{_rng.Next(4):x}",
            1 => $"::ffff:192.0.2.{_rng.Next(4)}",
            2 => $"198.51.100.{_rng.Next(256)}",
            _ => $"192.0.2.{_rng.Next(4)}",
        };

        private static string MacroName(string ip)
        {
            var address = IPAddress.Parse(ip);
            if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
            if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork) return address.ToString();
            return string.Join(".", address.GetAddressBytes().SelectMany(b => new[] { b >> 4, b & 15 }).Select(n => n.ToString("x")));
        }

        private static string ReverseName(string ip)
        {
            var address = IPAddress.Parse(ip);
            if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
            var bytes = address.GetAddressBytes();
            if (bytes.Length == 4) return string.Join(".", bytes.Reverse()) + ".in-addr.arpa";
            return string.Join(".", bytes.Reverse().SelectMany(b => new[] { b & 15, b >> 4 }).Select(n => n.ToString("x"))) + ".ip6.arpa";
        }

        private string Pick(IReadOnlyList<string> options) => options[_rng.Next(options.Count)];

        /// <summary>The records as zone-file lines (for failure reports).</summary>
        public static string Describe(IEnumerable<DnsRecord> records) =>
            string.Join("\n", records.Select(r => r.Type == DnsRecordType.TXT
                ? $"{r.Name} TXT {string.Join(" ", r.TextStrings.Select(FuzzText.Literal))}"
                : r.Type == DnsRecordType.MX ? $"{r.Name} MX {r.Preference} {FuzzText.Literal(r.Data)}" : $"{r.Name} {r.Type} {FuzzText.Literal(r.Data)}"));
    }
}
