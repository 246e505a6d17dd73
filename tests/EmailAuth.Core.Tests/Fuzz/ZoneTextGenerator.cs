using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace EmailAuth.Core.Tests.Fuzz
{
    /// <summary>
    /// RFC 1035 §5 master-file text for fuzzing: damaged copies of real files (the parser fixtures), files built
    /// from the grammar (directives, optional TTL/class in either order, parentheses, quoted and escaped
    /// strings, generic \# rdata, the types EmailAuth models and some it skips), and raw characters.
    /// </summary>
    public sealed class ZoneTextGenerator
    {
        /// <summary>Characters that matter to the tokenizer, plus a few that should not.</summary>
        public const string Specials = "()\"\\;$@. \t\n\r0123456789#*\u00e9\u0000";

        private static readonly string[] Types =
        {
            "A", "AAAA", "MX", "TXT", "SPF", "CNAME", "NS", "PTR", "SOA", "CAA", "SRV", "TYPE65534", "TYPE16", "type1", "ANY", "OPT", "FOO", "IN", "",
        };

        private readonly Random _rng;

        public ZoneTextGenerator(Random random) => _rng = random;

        /// <summary>Truncation, a deleted or duplicated span, or inserted/overwritten special characters.</summary>
        public string Mutate(string text)
        {
            var sb = new StringBuilder(text);
            switch (_rng.Next(5))
            {
                case 0:
                    return text.Substring(0, _rng.Next(text.Length + 1));
                case 1:
                    var at = _rng.Next(text.Length + 1);
                    return text.Remove(at, _rng.Next(Math.Min(20, text.Length - at) + 1));
                case 2:
                    if (text.Length == 0) return text;
                    var from = _rng.Next(text.Length);
                    return text.Insert(_rng.Next(text.Length + 1), text.Substring(from, _rng.Next(Math.Min(60, text.Length - from) + 1)));
                default:
                    for (var n = _rng.Next(1, 6); n > 0; n--)
                    {
                        var c = Specials[_rng.Next(Specials.Length)];
                        var pos = _rng.Next(sb.Length + 1);
                        if (pos < sb.Length && _rng.Next(2) == 0) sb[pos] = c; else sb.Insert(pos, c);
                    }
                    return sb.ToString();
            }
        }

        /// <summary>Up to 200 characters, a third of them tokenizer specials, the rest any octet value.</summary>
        public string Raw()
        {
            var chars = new char[_rng.Next(0, 200)];
            for (var j = 0; j < chars.Length; j++)
                chars[j] = _rng.Next(3) == 0 ? Specials[_rng.Next(Specials.Length)] : (char)_rng.Next(0, 256);
            return new string(chars);
        }

        /// <summary>A zone built line by line from the master-file grammar, most lines valid.</summary>
        public string Structured()
        {
            var sb = new StringBuilder();
            if (_rng.Next(3) != 0) sb.Append("$TTL ").Append(Ttl()).Append('\n');
            if (_rng.Next(2) == 0) sb.Append("$ORIGIN ").Append(Name()).Append('\n');
            if (_rng.Next(3) != 0) sb.Append("@ ").Append(Soa()).Append('\n');
            for (var n = _rng.Next(0, _rng.Next(15) == 0 ? 200 : 15); n > 0; n--) sb.Append(Line()).Append('\n');
            return sb.ToString();
        }

        private string Line()
        {
            switch (_rng.Next(14))
            {
                case 0: return "$ORIGIN " + Name();
                case 1: return "$TTL " + Ttl();
                case 2: return "$INCLUDE " + Pick("include.example-mail.inc", "include.example-spf.inc", "missing.inc", "include.example.zone", ".", "\"a b\"", "") + Pick("", " " + Name(), " a b");
                case 3: return "; " + Pick("comment", "(", "\"", "$TTL");
                case 4: return Pick("$GENERATE 1-3 h$ A 192.0.2.$", "$FOO", "$", "$ttl 1h", "$origin .");
                default:
                    var owner = _rng.Next(6) == 0 ? " " : Name();
                    var parts = new List<string> { owner };
                    if (_rng.Next(2) == 0) parts.Add(Ttl());
                    if (_rng.Next(3) == 0) parts.Add(Pick("IN", "in", "CH", "HS", "CLASS1", "CLASS255"));
                    if (_rng.Next(5) == 0) parts.Reverse(1, parts.Count - 1); // class before TTL is allowed too
                    var type = _rng.Next(8) == 0 ? Pick(Types) : Pick("A", "AAAA", "MX", "TXT", "TXT", "CNAME", "NS", "PTR", "SPF");
                    parts.Add(type);
                    parts.Add(Rdata(type));
                    var line = string.Join(" ", parts);
                    return _rng.Next(10) == 0 ? line + " ; trailing comment" : line;
            }
        }

        private string Rdata(string type)
        {
            if (_rng.Next(12) == 0) return Generic();
            switch (type.ToUpperInvariant())
            {
                case "A": return Pick("192.0.2.1", "10.0.0.1", "256.0.0.1", "1.2.3", "01.2.3.4", "::1", "0.0.0.0", "1.2.3.4 5");
                case "AAAA": return Pick("2001:db8::1", "::", "::ffff:192.0.2.1", "1::2::3", "192.0.2.1", "g::", "1:2:3:4:5:6:7:8");
                case "MX": return Pick("10", "0", "65535", "65536", "-1", "x") + " " + Pick(Name(), ".", "");
                case "TXT": case "SPF": return Txt();
                case "CNAME": case "NS": case "PTR": return Name() + (_rng.Next(10) == 0 ? " extra" : string.Empty);
                case "SOA": return Soa();
                case "CAA": return "0 issue \"ca.example\"";
                default: return Txt();
            }
        }

        private string Soa()
        {
            var fields = new[] { Name(), Name(), Number(), Ttl(), Ttl(), Ttl(), Ttl() };
            var count = _rng.Next(8) == 0 ? _rng.Next(0, 9) : 7;
            var text = string.Join(_rng.Next(3) == 0 ? "\n\t" : " ", fields.Take(Math.Min(count, 7)).Concat(Enumerable.Repeat("1", Math.Max(0, count - 7))));
            var open = _rng.Next(4) == 0 ? Pick("(", "((", "") : "(";
            var close = open.Length == 0 ? "" : _rng.Next(10) == 0 ? Pick("", "))", ")(") : ")";
            return "SOA " + open + " " + text + " " + close;
        }

        private string Txt()
        {
            var strings = new List<string>();
            for (var n = _rng.Next(0, 4); n >= 0; n--)
            {
                var body = _rng.Next(6) switch
                {
                    0 => new string('x', _rng.Next(250, 300)),
                    1 => Pick("\\\"", "\\\\", "\\065", "\\256", "\\0", "\\", "a\\", "\\0651", "é", "\t", "( )", ";"),
                    2 => "v=spf1 include:_spf.example.com ~all",
                    _ => Pick("hello", "v=spf1 -all", "", "a b", "k=rsa; p=MIGf"),
                };
                strings.Add(_rng.Next(8) == 0 ? body.Replace(" ", "") : "\"" + body + "\"");
            }
            return string.Join(" ", strings);
        }

        private string Generic()
        {
            var length = _rng.Next(0, 12);
            var hex = new StringBuilder();
            for (var k = 0; k < length + _rng.Next(-1, 2); k++) hex.Append(_rng.Next(256).ToString("x2"));
            return Pick("\\# ", "\\#", "\\# x ") + (_rng.Next(15) == 0 ? Pick("65536", "-1", "1000000000000") : length.ToString()) + " " + hex;
        }

        private string Name()
        {
            switch (_rng.Next(12))
            {
                case 0: return "@";
                case 1: return "*." + Label();
                case 2: return Pick(".", "..", "a..b", "\\.", "a\\.b", "\\065bc", "\\999", "\\", "a.\\", new string('a', 64), string.Join(".", Enumerable.Repeat("abcdefgh", 40)) + ".");
                case 3: return Label() + "." + Label() + ".";
                default: return _rng.Next(3) == 0 ? Label() + "." + Label() : Label();
            }
        }

        private string Label()
        {
            const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-_";
            var chars = new char[_rng.Next(1, 10)];
            for (var k = 0; k < chars.Length; k++) chars[k] = alphabet[_rng.Next(alphabet.Length)];
            return new string(chars);
        }

        private string Ttl() => _rng.Next(6) switch
        {
            0 => Pick("1h", "1h30m", "1w2d3h4m5s", "2147483647", "2147483648", "4294967295", "4294967296", "99999999999999999999", "1x", "h", "-1", "0", "1H1h"),
            _ => _rng.Next(0, 86400).ToString(),
        };

        private string Number() => _rng.Next(6) == 0 ? Pick("4294967295", "4294967296", "-1", "x", "0") : _rng.Next().ToString();

        private string Pick(params string[] options) => options[_rng.Next(options.Length)];
    }
}
