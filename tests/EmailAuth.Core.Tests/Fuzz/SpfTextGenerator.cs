using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace EmailAuth.Core.Tests.Fuzz
{
    /// <summary>
    /// SPF record text for fuzzing: records built from the RFC 7208 §12 grammar with real-world pieces
    /// (provider includes, netblocks, macros), the same mutated at character level, and raw random text.
    /// Biased towards the edges: prefix lengths at and past their bounds, huge macro digit counts,
    /// long and duplicate term lists, unknown modifiers, non-ASCII and control characters.
    /// </summary>
    public sealed class SpfTextGenerator
    {
        private static readonly string[] RealIncludes =
        {
            "_spf.google.com", "spf.protection.outlook.com", "amazonses.com", "servers.mcsv.net", "_spf.salesforce.com",
            "sendgrid.net", "mailgun.org", "spf.mandrillapp.com", "_netblocks.google.com", "mail.zendesk.com",
        };

        private static readonly string[] RealNetworks =
        {
            "ip4:35.190.247.0/24", "ip4:64.233.160.0/19", "ip4:66.102.0.0/20", "ip4:209.85.128.0/17", "ip4:40.92.0.0/15",
            "ip4:192.0.2.1", "ip4:198.51.100.0/24", "ip6:2001:4860:4000::/36", "ip6:2a01:111:f400::/48", "ip6:2001:db8::/32",
            "ip6:2c0f:fb50:4000::/36", "ip6:::1", "ip6:::ffff:192.0.2.1",
        };

        private static readonly string[] RealMacroSpecs =
        {
            "%{i}._spf.mta.salesforce.com", "%{ir}.%{l1r+-}._spf.%{d}", "%{ir}.%{v}._spf.%{d2}", "%{l}.%{o}._at.%{d}",
            "%{d}", "%{o}", "%{h}", "%{p}.%{d}", "%{s}", "explain._spf.%{d}", "%{i}.%{v}.%{d}.rbl.example", "%{S}.%{D}",
        };

        private static readonly string[] RealTerms =
            RealNetworks.Concat(RealIncludes.Select(i => "include:" + i)).Concat(new[] { "a", "mx", "ptr", "-all", "~all" }).ToArray();

        private const string MacroLetters = "slodiphvcrtSLODIPHVCRTxz0";
        private const string Delimiters = ".-+,/_=";
        private const string Specials = "%{}:/=.-+~?!_ \t\"\\;@0123456789ABCabc\u00e9\u0000\u007f\u00a0\u2028\uffff\ud800";

        private readonly Random _rng;
        private readonly IReadOnlyList<string> _names;

        /// <param name="names">Domain names the domain-specs mostly point at (the evaluator's zone); real-world names when null.</param>
        public SpfTextGenerator(Random random, IReadOnlyList<string>? names = null)
        {
            _rng = random;
            _names = names ?? RealIncludes;
        }

        /// <summary>A record: built from the grammar (60 %), then mutated (30 %), or raw text (10 %).</summary>
        public string Next()
        {
            var roll = _rng.Next(10);
            if (roll < 6) return Structured();
            if (roll < 9) return Mutate(Structured());
            return Raw();
        }

        /// <summary>"v=spf1" (mostly) and a list of terms from the grammar, most of them valid.</summary>
        public string Structured()
        {
            var sb = new StringBuilder(Version());
            var count = _rng.Next(20) == 0 ? _rng.Next(30, 300) : _rng.Next(0, 12);
            var terms = new List<string>(count);
            for (var k = 0; k < count; k++)
            {
                // Duplicates (exact or re-cased) feed the linter's duplicate and shadowing checks.
                var term = terms.Count > 0 && _rng.Next(8) == 0 ? Recase(terms[_rng.Next(terms.Count)]) : Term();
                terms.Add(term);
                sb.Append(Separator()).Append(term);
            }
            if (_rng.Next(6) == 0) sb.Append(Pick(" ", "  ", "\t", " \u0000"));
            return sb.ToString();
        }

        public string Version() => _rng.Next(25) switch
        {
            0 => "V=SPF1",
            1 => "v=spf1" + Pick("0", "x", ".0", ""),
            2 => Pick("spf2.0/pra", "v=spf2", "v=DKIM1", "", " v=spf1", "v=spf1\t"),
            _ => "v=spf1",
        };

        private string Separator() => _rng.Next(30) switch
        {
            0 => "  ",
            1 => "\t",
            2 => " \u00a0",
            _ => " ",
        };

        /// <summary>One term: a mechanism with a qualifier, or a modifier.</summary>
        public string Term()
        {
            switch (_rng.Next(22))
            {
                case 0: case 1: return Qualifier() + "all";
                case 2: case 3: case 4: return Qualifier() + "include:" + DomainSpec();
                case 5: case 6: return Qualifier() + "a" + Optional(":" + DomainSpec()) + DualCidr();
                case 7: case 8: return Qualifier() + "mx" + Optional(":" + DomainSpec()) + DualCidr();
                case 9: return Qualifier() + "ptr" + Optional(":" + DomainSpec());
                case 10: case 11: case 12: return Qualifier() + (_rng.Next(3) == 0 ? Pick(RealNetworks) : "ip4:" + Ip4() + Cidr(32));
                case 13: case 14: return Qualifier() + "ip6:" + Ip6() + Cidr(128);
                case 15: return Qualifier() + "exists:" + DomainSpec();
                case 16: return "redirect=" + DomainSpec();
                case 17: return "exp=" + DomainSpec();
                case 18: return ModifierName() + "=" + MacroString(allowSpace: false);
                case 19: return Qualifier() + Pick("include", "a", "mx", "ptr", "ip4", "ip6", "exists", "all", "redirect", "exp") + Pick(":", "=", "/", "", ":/", "::");
                case 20: return Pick("-", "+", "~", "?", "=", "==", ":", "%{d}", "v=spf1", "-v=spf1", "+-all", "all:", "include", "a/", "a//", "mx:/24");
                default: return Qualifier() + Pick(RealTerms);
            }
        }

        private string Qualifier() => _rng.Next(12) switch
        {
            0 => "+",
            1 => "-",
            2 => "~",
            3 => "?",
            4 => Pick("!", "++", "-~", "*"),
            _ => string.Empty,
        };

        private string ModifierName() => _rng.Next(8) switch
        {
            0 => Pick("redirct", "expl", "exps", "redirects", "REDIRECT", "Exp", "x", "foo.bar", "a-b_c", "1x", "_x", "-x", ""),
            _ => Label(1, 12, "abcdefghijklmnopqrstuvwxyz0123456789-_."),
        };

        /// <summary>A domain-spec: a name of the pool, a macro-built name, or an odd one (§7.1 domain-end rules).</summary>
        public string DomainSpec()
        {
            var roll = _rng.Next(20);
            if (roll < 9) return Pick(_names) + (_rng.Next(15) == 0 ? "." : string.Empty);
            if (roll < 12) return Macro() + "." + Pick(_names);
            if (roll < 14) return Pick(RealMacroSpecs);
            if (roll < 16) return MacroString(allowSpace: false) + Pick(".com", ".example", "", "%{d}", ".", ".123", ".a-b", ".-x");
            if (roll < 18) return Hostname();
            return Pick("", ".", "..", "example", "com.", ".com", "a..b.com", "bücher.de", "xn--bcher-kva.de", "%", "%{", "%{d",
                        "%{d}}", "{d}.com", "%%.com", "%_.%-.com", "exa mple.com", "1.2.3.4", "[192.0.2.1]", new string('a', 300) + ".com",
                        string.Join(".", Enumerable.Repeat("a", 140)));
        }

        private string Hostname()
        {
            var labels = _rng.Next(1, 6);
            var parts = new string[labels];
            for (var k = 0; k < labels; k++)
                parts[k] = _rng.Next(30) == 0 ? new string('x', _rng.Next(60, 70)) : Label(1, 10, "abcdefghijklmnopqrstuvwxyz0123456789-_");
            return string.Join(".", parts) + Pick(".com", ".example", ".test", ".org", "");
        }

        /// <summary>A macro-string (§7.1): literals and expands, %%, %_ and %- escapes, and broken escapes.</summary>
        public string MacroString(bool allowSpace)
        {
            var sb = new StringBuilder();
            var parts = _rng.Next(0, 5);
            for (var k = 0; k < parts; k++)
            {
                switch (_rng.Next(6))
                {
                    case 0: case 1: sb.Append(Macro()); break;
                    case 2: sb.Append(Pick("%%", "%_", "%-", "%", "%x", "%{", "%}")); break;
                    case 3: if (allowSpace) sb.Append(' '); else sb.Append('.'); break;
                    default: sb.Append(Label(0, 8, "abcdefghijklmnopqrstuvwxyz0123456789.-_/=+,")); break;
                }
            }
            return sb.ToString();
        }

        /// <summary>"%{" letter [digits] ["r"] *delimiter "}", with huge digit counts and bad letters now and then.</summary>
        public string Macro()
        {
            var sb = new StringBuilder("%{");
            sb.Append(MacroLetters[_rng.Next(_rng.Next(6) == 0 ? MacroLetters.Length : 11)]);
            if (_rng.Next(3) == 0) sb.Append(Pick("0", "1", "2", "3", "9", "10", "63", "128", "255", "256", "999", "4294967296", "99999999999999999999", "01"));
            if (_rng.Next(3) == 0) sb.Append(Pick("r", "R"));
            if (_rng.Next(3) == 0) sb.Append(Label(1, 4, Delimiters));
            if (_rng.Next(20) == 0) sb.Append(Pick("x", "%", " ", "{", "r1"));
            if (_rng.Next(25) != 0) sb.Append('}');
            return sb.ToString();
        }

        /// <summary>"/n" for ip4/ip6, n mostly in range, sometimes at or past the bound or not a number.</summary>
        private string Cidr(int max)
        {
            switch (_rng.Next(10))
            {
                case 0: case 1: case 2: case 3: return string.Empty;
                case 4: return "/" + Pick("0", max.ToString(), (max + 1).ToString(), "00", "01", "/", "", "-1", "4294967296", "999", "24/", "1 ");
                default: return "/" + _rng.Next(0, max + 1);
            }
        }

        /// <summary>a/mx dual-cidr-length: "/n", "//n", "/n//m", and broken forms.</summary>
        private string DualCidr()
        {
            switch (_rng.Next(10))
            {
                case 0: case 1: case 2: case 3: case 4: return string.Empty;
                case 5: return "/" + _rng.Next(0, 34);
                case 6: return "//" + _rng.Next(0, 130);
                case 7: return "/" + _rng.Next(0, 33) + "//" + _rng.Next(0, 129);
                default: return Pick("/", "//", "///", "//24/", "/24/64", "/033", "//0129", "/-1", "/24//", "/4294967296");
            }
        }

        /// <summary>IPv4 text: a valid address (most), or a near-miss (range, zeros, octet count, inet_aton shorthand).</summary>
        public string Ip4()
        {
            if (_rng.Next(6) != 0) return $"{_rng.Next(256)}.{_rng.Next(256)}.{_rng.Next(256)}.{_rng.Next(256)}";
            return Pick("256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.04", "0x7f.0.0.1", "127.1", "1..2.3", "1.2.3.", ".1.2.3",
                        "4294967295", "1.2.3.4 ", "１.2.3.4", "", "a.b.c.d", "999.999.999.999", "1.2.3.-4", "1.2.3.+4");
        }

        /// <summary>IPv6 text: compressed, full, with an embedded IPv4 tail, or malformed.</summary>
        public string Ip6()
        {
            switch (_rng.Next(8))
            {
                case 0:
                    return Pick("::", "::1", "1::", "::ffff:192.0.2.1", "2001:db8::", "fe80::1%eth0", ":::", "1:2:3:4:5:6:7:8:9", "1::2::3",
                                "2001:db8::g", "12345::", "::ffff:1.2.3", "1:2:3:4:5:6:7::", "::1.2.3.4", "1:2:3:4:5:6:1.2.3.4", "[::1]", "");
                case 1:
                    return string.Join(":", Enumerable.Range(0, 8).Select(_ => _rng.Next(0x10000).ToString("x")));
                case 2:
                    return string.Join(":", Enumerable.Range(0, 6).Select(_ => _rng.Next(0x10000).ToString("X4"))) + ":" + Ip4();
                default:
                    var left = Enumerable.Range(0, _rng.Next(0, 4)).Select(_ => _rng.Next(0x10000).ToString("x"));
                    var right = Enumerable.Range(0, _rng.Next(0, 4)).Select(_ => _rng.Next(0x10000).ToString("x"));
                    return string.Join(":", left) + "::" + string.Join(":", right);
            }
        }

        /// <summary>Character-level damage: truncation, deleted or duplicated spans, swapped terms, inserted specials.</summary>
        public string Mutate(string text)
        {
            for (var n = _rng.Next(1, 4); n > 0; n--)
            {
                switch (_rng.Next(7))
                {
                    case 0:
                        text = text.Substring(0, _rng.Next(text.Length + 1));
                        break;
                    case 1:
                        var at = _rng.Next(text.Length + 1);
                        text = text.Remove(at, _rng.Next(Math.Min(12, text.Length - at) + 1));
                        break;
                    case 2:
                        if (text.Length == 0) break;
                        var from = _rng.Next(text.Length);
                        text = text.Insert(_rng.Next(text.Length + 1), text.Substring(from, _rng.Next(Math.Min(40, text.Length - from) + 1)));
                        break;
                    case 3:
                        var terms = text.Split(' ');
                        if (terms.Length > 2)
                        {
                            var i = _rng.Next(1, terms.Length);
                            var j = _rng.Next(1, terms.Length);
                            (terms[i], terms[j]) = (terms[j], terms[i]);
                            text = string.Join(" ", terms);
                        }
                        break;
                    case 4:
                        text = Recase(text);
                        break;
                    default:
                        var sb = new StringBuilder(text);
                        for (var k = _rng.Next(1, 5); k > 0; k--)
                        {
                            var c = Specials[_rng.Next(Specials.Length)];
                            var pos = _rng.Next(sb.Length + 1);
                            if (pos < sb.Length && _rng.Next(2) == 0) sb[pos] = c; else sb.Insert(pos, c);
                        }
                        text = sb.ToString();
                        break;
                }
            }
            return text;
        }

        /// <summary>
        /// Random characters (any UTF-16 unit, lone surrogates included, printable ASCII, SPF's own alphabet) or random
        /// octets decoded as UTF-8 the way TXT strings are read from DNS; often after "v=spf1 ".
        /// </summary>
        public string Raw()
        {
            var length = _rng.Next(0, _rng.Next(10) == 0 ? 2000 : 120);
            var chars = new char[length];
            var mode = _rng.Next(4);
            if (mode == 3)
            {
                var octets = new byte[length];
                _rng.NextBytes(octets);
                return (_rng.Next(2) == 0 ? "v=spf1 " : string.Empty) + Encoding.UTF8.GetString(octets);
            }
            for (var k = 0; k < length; k++)
                chars[k] = mode switch
                {
                    0 => (char)_rng.Next(0x10000),
                    1 => (char)_rng.Next(0x20, 0x7f),
                    _ => Specials[_rng.Next(Specials.Length)],
                };
            var text = new string(chars);
            return _rng.Next(2) == 0 ? "v=spf1 " + text : text;
        }

        private string Recase(string s)
        {
            var chars = s.ToCharArray();
            for (var k = 0; k < chars.Length; k++)
                if (_rng.Next(3) == 0) chars[k] = char.IsUpper(chars[k]) ? char.ToLowerInvariant(chars[k]) : char.ToUpperInvariant(chars[k]);
            return new string(chars);
        }

        private string Optional(string s) => _rng.Next(2) == 0 ? s : string.Empty;

        private string Label(int min, int max, string alphabet)
        {
            var chars = new char[_rng.Next(min, max + 1)];
            for (var k = 0; k < chars.Length; k++) chars[k] = alphabet[_rng.Next(alphabet.Length)];
            return new string(chars);
        }

        public string Pick(params string[] options) => options[_rng.Next(options.Length)];

        private string Pick(IReadOnlyList<string> options) => options[_rng.Next(options.Count)];
    }
}
