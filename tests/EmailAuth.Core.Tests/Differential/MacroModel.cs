using System;
using System.Linq;
using System.Net;
using System.Text;

namespace EmailAuth.Core.Tests.Differential
{
    /// <summary>
    /// The generator's own reading of RFC 7208 §7 macro expansion, used only to decide where to put
    /// the record an exists: term should (or should not) find. It is not an oracle: both engines'
    /// answers are compared with each other, so a mistake here only costs a positive match.
    /// </summary>
    public sealed class MacroModel
    {
        public MacroModel(string ip, string sender, string helo, string domain, string? ptr = null)
        {
            var a = IPAddress.Parse(ip);
            if (a.IsIPv4MappedToIPv6) a = a.MapToIPv4();
            var v4 = a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;
            I = v4 ? a.ToString() : string.Join(".", a.GetAddressBytes().SelectMany(x => new[] { x >> 4, x & 15 }).Select(n => n.ToString("x")));
            V = v4 ? "in-addr" : "ip6";
            S = sender.Length == 0 ? "postmaster@" + helo : sender;
            var at = S.LastIndexOf('@');
            L = at > 0 ? S.Substring(0, at) : "postmaster";
            O = at >= 0 ? S.Substring(at + 1) : S;
            H = helo;
            D = domain;
            P = ptr ?? "unknown";
        }

        public string I { get; }
        public string V { get; }
        public string S { get; }
        public string L { get; }
        public string O { get; }
        public string H { get; }
        public string D { get; }
        public string P { get; }

        /// <summary>Expands a macro-string of %{…}, %%, %_ and %- (§7.1).</summary>
        public string Expand(string text)
        {
            var sb = new StringBuilder();
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] != '%') { sb.Append(text[i]); continue; }
                var c = text[++i];
                if (c == '%') sb.Append('%');
                else if (c == '_') sb.Append(' ');
                else if (c == '-') sb.Append("%20");
                else
                {
                    var end = text.IndexOf('}', i);
                    sb.Append(One(text.Substring(i + 1, end - i - 1)));
                    i = end;
                }
            }
            return sb.ToString();
        }

        private string One(string spec)
        {
            var letter = spec[0];
            var value = char.ToLowerInvariant(letter) switch
            {
                's' => S, 'l' => L, 'o' => O, 'd' => D, 'i' => I, 'v' => V, 'h' => H, 'p' => P,
                _ => throw new ArgumentException("macro letter " + letter),
            };
            var k = 1;
            var digits = 0;
            while (k < spec.Length && char.IsDigit(spec[k])) digits = digits * 10 + (spec[k++] - '0');
            var reverse = k < spec.Length && (spec[k] == 'r' || spec[k] == 'R');
            if (reverse) k++;
            var delims = k < spec.Length ? spec.Substring(k) : ".";
            var parts = value.Split(delims.ToCharArray()).ToList();
            if (reverse) parts.Reverse();
            if (digits > 0 && digits < parts.Count) parts = parts.Skip(parts.Count - digits).ToList();
            var result = string.Join(".", parts); // §7.3: rejoined with "." whatever the delimiters were
            return char.IsUpper(letter) ? Uri.EscapeDataString(result) : result;
        }
    }
}
