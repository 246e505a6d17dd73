using System;
using System.Net;
using System.Text;

namespace EmailAuth.Core.Spf
{
    /// <summary>
    /// An IPv4 or IPv6 address held as 128 bits (IPv4 in the low 32 bits), with strict parsers for the
    /// RFC 7208 §12 ip4-network / ip6-network syntax (netstandard2.0 has no IPNetwork, and
    /// IPAddress.TryParse accepts forms such as "1" or "01.2.3.4" that the ABNF forbids).
    /// </summary>
    internal readonly struct IpBits
    {
        public IpBits(ulong hi, ulong lo, bool isV6)
        {
            Hi = hi;
            Lo = lo;
            IsV6 = isV6;
        }

        public ulong Hi { get; }
        public ulong Lo { get; }
        public bool IsV6 { get; }

        /// <summary>The address; IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) become IPv4 when <paramref name="unmapV4"/>.</summary>
        public static IpBits From(IPAddress address, bool unmapV4)
        {
            var b = address.GetAddressBytes();
            if (b.Length == 4) return new IpBits(0, ReadUInt32(b, 0), false);
            ulong hi = 0, lo = 0;
            for (var i = 0; i < 8; i++) hi = (hi << 8) | b[i];
            for (var i = 8; i < 16; i++) lo = (lo << 8) | b[i];
            if (unmapV4 && hi == 0 && (lo >> 32) == 0xFFFFUL) return new IpBits(0, lo & 0xFFFFFFFFUL, false);
            return new IpBits(hi, lo, true);
        }

        private static uint ReadUInt32(byte[] b, int o) => ((uint)b[o] << 24) | ((uint)b[o + 1] << 16) | ((uint)b[o + 2] << 8) | b[o + 3];

        /// <summary>True when both share their first <paramref name="prefix"/> bits (same family only).</summary>
        public bool SamePrefix(IpBits other, int prefix)
        {
            if (IsV6 != other.IsV6) return false;
            if (!IsV6)
            {
                if (prefix <= 0) return true;
                var mask = prefix >= 32 ? 0xFFFFFFFFUL : (0xFFFFFFFFUL << (32 - prefix)) & 0xFFFFFFFFUL;
                return (Lo & mask) == (other.Lo & mask);
            }
            if (prefix <= 0) return true;
            if (prefix <= 64)
            {
                var m = prefix == 64 ? ulong.MaxValue : ~(ulong.MaxValue >> prefix);
                return (Hi & m) == (other.Hi & m);
            }
            if (Hi != other.Hi) return false;
            var p = prefix - 64;
            var lm = p >= 64 ? ulong.MaxValue : ~(ulong.MaxValue >> p);
            return (Lo & lm) == (other.Lo & lm);
        }

        /// <summary>Dotted decimal, or RFC 5952 text for IPv6 (the %{c} macro).</summary>
        public override string ToString()
        {
            if (!IsV6) return $"{(Lo >> 24) & 255}.{(Lo >> 16) & 255}.{(Lo >> 8) & 255}.{Lo & 255}";
            var bytes = new byte[16];
            for (var i = 0; i < 8; i++) bytes[i] = (byte)(Hi >> (56 - 8 * i));
            for (var i = 0; i < 8; i++) bytes[8 + i] = (byte)(Lo >> (56 - 8 * i));
            return new IPAddress(bytes).ToString();
        }

        /// <summary>The %{i} form: dotted decimal, or 32 dot-separated lower-case nibbles for IPv6 (RFC 7208 §7.3).</summary>
        public string ToMacroForm()
        {
            if (!IsV6) return ToString();
            var sb = new StringBuilder(63);
            for (var i = 15; i >= 0; i--) AppendNibble(sb, Hi >> (4 * i));
            for (var i = 15; i >= 0; i--) AppendNibble(sb, Lo >> (4 * i));
            return sb.ToString();
        }

        private static void AppendNibble(StringBuilder sb, ulong v)
        {
            if (sb.Length > 0) sb.Append('.');
            sb.Append("0123456789abcdef"[(int)(v & 15)]);
        }

        /// <summary>The PTR query name: d.c.b.a.in-addr.arpa or the reversed nibbles under ip6.arpa (§5.5).</summary>
        public string ReverseName()
        {
            if (!IsV6) return $"{Lo & 255}.{(Lo >> 8) & 255}.{(Lo >> 16) & 255}.{(Lo >> 24) & 255}.in-addr.arpa";
            var sb = new StringBuilder(73);
            for (var i = 0; i < 16; i++) { sb.Append("0123456789abcdef"[(int)((Lo >> (4 * i)) & 15)]).Append('.'); }
            for (var i = 0; i < 16; i++) { sb.Append("0123456789abcdef"[(int)((Hi >> (4 * i)) & 15)]).Append('.'); }
            return sb.Append("ip6.arpa").ToString();
        }

        /// <summary>Strict RFC 7208 §12 ip4-network: four dec-octets, no leading zeros.</summary>
        public static bool TryParseV4(string s, int start, int end, out IpBits result)
        {
            result = default;
            if (!TryParseV4Value(s, start, end, out var v)) return false;
            result = new IpBits(0, v, false);
            return true;
        }

        private static bool TryParseV4Value(string s, int start, int end, out uint value)
        {
            value = 0;
            var i = start;
            for (var octet = 0; octet < 4; octet++)
            {
                if (octet > 0)
                {
                    if (i >= end || s[i] != '.') return false;
                    i++;
                }
                var digitsStart = i;
                var n = 0;
                while (i < end && s[i] >= '0' && s[i] <= '9' && i - digitsStart < 3) n = n * 10 + (s[i++] - '0');
                var len = i - digitsStart;
                if (len == 0 || n > 255 || (len > 1 && s[digitsStart] == '0')) return false;
                value = (value << 8) | (uint)n;
            }
            return i == end;
        }

        /// <summary>RFC 4291 §2.2 text (the RFC 7208 ip6-network is RFC 4291's form, as in RFC 3986 IPv6address).</summary>
        public static bool TryParseV6(string s, int start, int end, out IpBits result)
        {
            result = default;
            if (end - start < 2) return false;
            var groups = new ushort[8];
            var count = 0;
            var doubleColonAt = -1;
            var i = start;
            if (s[i] == ':')
            {
                if (s[i + 1] != ':') return false;
                doubleColonAt = 0;
                i += 2;
                if (i == end) { result = new IpBits(0, 0, true); return true; }
            }
            while (i < end)
            {
                // An embedded IPv4 address may form the last 32 bits.
                var groupStart = i;
                var v = 0;
                while (i < end && i - groupStart < 5 && IsHex(s[i])) { v = (v << 4) | HexValue(s[i]); i++; }
                var len = i - groupStart;
                if (i < end && s[i] == '.')
                {
                    if (count > 6 || !TryParseV4Value(s, groupStart, end, out var v4)) return false;
                    groups[count++] = (ushort)(v4 >> 16);
                    groups[count++] = (ushort)(v4 & 0xFFFF);
                    i = end;
                    break;
                }
                if (len == 0 || len > 4 || count >= 8) return false;
                groups[count++] = (ushort)v;
                if (i == end) break;
                if (s[i] != ':') return false;
                i++;
                if (i < end && s[i] == ':')
                {
                    if (doubleColonAt >= 0) return false;
                    doubleColonAt = count;
                    i++;
                    if (i == end) break;
                }
                else if (i == end) return false; // trailing single colon
            }
            if (doubleColonAt >= 0)
            {
                if (count > 7) return false;
                var shift = 8 - count;
                for (var k = count - 1; k >= doubleColonAt; k--) groups[k + shift] = groups[k];
                for (var k = doubleColonAt; k < doubleColonAt + shift; k++) groups[k] = 0;
            }
            else if (count != 8) return false;
            ulong hi = 0, lo = 0;
            for (var k = 0; k < 4; k++) hi = (hi << 16) | groups[k];
            for (var k = 4; k < 8; k++) lo = (lo << 16) | groups[k];
            result = new IpBits(hi, lo, true);
            return true;
        }

        /// <summary>An A/AAAA record's data from the resolver; lenient fallback to IPAddress.TryParse.</summary>
        public static bool TryParseAddress(string s, out IpBits result)
        {
            if (s.IndexOf(':') >= 0 ? TryParseV6(s, 0, s.Length, out result) : TryParseV4(s, 0, s.Length, out result)) return true;
            if (IPAddress.TryParse(s, out var ip)) { result = From(ip, false); return true; }
            result = default;
            return false;
        }

        private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

        private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    }

    /// <summary>An ip4:/ip6: network: an address and a prefix length.</summary>
    internal sealed class IpNetwork
    {
        public IpNetwork(IpBits address, int prefixLength)
        {
            Address = address;
            PrefixLength = prefixLength;
        }

        public IpBits Address { get; }
        public int PrefixLength { get; }
        public bool IsV6 => Address.IsV6;

        public bool Contains(IpBits ip) => Address.SamePrefix(ip, PrefixLength);

        /// <summary>True when every address of <paramref name="other"/> is in this network.</summary>
        public bool Contains(IpNetwork other) =>
            other.IsV6 == IsV6 && other.PrefixLength >= PrefixLength && Address.SamePrefix(other.Address, PrefixLength);

        private string? _text;

        /// <summary>
        /// CIDR notation with the host bits as written, e.g. "192.0.2.0/24". Made once: a parsed record is shared
        /// (SpfRecordCache), and an inspection lists every ip4/ip6 network of the tree for every domain.
        /// </summary>
        public override string ToString() => _text ??= $"{Address}/{PrefixLength}";
    }
}
