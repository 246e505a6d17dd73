using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using EmailAuth.Core.Dns;

namespace EmailAuth.Core.ZoneFiles
{
    /// <summary>Reads the presentation rdata of the modelled types (RFC 1035 §3.3, §3.4.1; RFC 3596 §2.4; RFC 7208 §3.1).</summary>
    internal sealed class ZoneFileRdataParser
    {
        private readonly IReadOnlyList<ZoneFileToken> _tokens;
        private readonly ZoneFileName _origin;
        private readonly string _path;
        private readonly int _line;
        private int _next;

        private ZoneFileRdataParser(IReadOnlyList<ZoneFileToken> tokens, ZoneFileName origin, string path, int line)
        {
            _tokens = tokens;
            _origin = origin;
            _path = path;
            _line = line;
        }

        public static ZoneFileRdata Parse(DnsRecordType type, string owner, IReadOnlyList<ZoneFileToken> tokens,
                                          ZoneFileName origin, string path, int line)
        {
            var p = new ZoneFileRdataParser(tokens, origin, path, line);
            var rdata = p.Read(type, owner);
            if (p._next < tokens.Count)
                throw ZoneFileException.At(path, tokens[p._next].Line, $"extra input after {type} rdata: {ZoneFileText.Show(tokens[p._next])}");
            return rdata;
        }

        private ZoneFileRdata Read(DnsRecordType type, string owner)
        {
            switch (type)
            {
                case DnsRecordType.A: return new ZoneFileRdata(IPv4(Take("IPv4 address")));
                case DnsRecordType.AAAA: return new ZoneFileRdata(IPv6(Take("IPv6 address")));
                case DnsRecordType.MX:
                    var preference = (int)Number(Take("MX preference"), ushort.MaxValue, "MX preference");
                    return new ZoneFileRdata(Name("MX exchange"), preference: preference);
                case DnsRecordType.TXT:
                case DnsRecordType.SPF:
                    return Text(type);
                case DnsRecordType.SOA:
                    return ZoneFileRdata.FromSoa(new ZoneFileSoa(owner, Name("SOA MNAME"), Name("SOA RNAME"),
                        Number(Take("SOA serial"), uint.MaxValue, "SOA serial"),
                        Timer("SOA refresh"), Timer("SOA retry"), Timer("SOA expire"), Timer("SOA minimum")));
                default: // CNAME, NS, PTR: one domain name (RFC 1035 §3.3.1, §3.3.11, §3.3.12)
                    return new ZoneFileRdata(Name(type + " target"));
            }
        }

        private ZoneFileRdata Text(DnsRecordType type)
        {
            if (_tokens.Count == 0) throw ZoneFileException.At(_path, _line, $"{type} record needs at least one character-string");
            var strings = new List<byte[]>();
            var wire = 0;
            for (; _next < _tokens.Count; _next++)
            {
                var s = ZoneFileText.CharacterString(_tokens[_next], _path);
                wire += 1 + s.Length;
                if (wire > ZoneFileLimits.MaxRdata)
                    throw ZoneFileException.At(_path, _tokens[_next].Line, $"{type} rdata longer than {ZoneFileLimits.MaxRdata} octets");
                strings.Add(s);
            }
            return ZoneFileRdata.Text(strings);
        }

        private ZoneFileToken Take(string what)
        {
            if (_next >= _tokens.Count) throw ZoneFileException.At(_path, _line, $"missing {what}");
            var t = _tokens[_next++];
            if (t.Quoted) throw ZoneFileException.At(_path, t.Line, $"expected {what}, found a quoted string {ZoneFileText.Show(t)}");
            return t;
        }

        private string Name(string what) => ZoneFileName.Parse(Take(what), _origin, _path).ToString();

        private uint Number(ZoneFileToken t, uint max, string what)
        {
            var ok = t.Text.Length > 0 && t.Text.Length <= 10;
            foreach (var c in t.Text) ok &= ZoneFileText.IsDigit(c);
            if (ok && ulong.Parse(t.Text, CultureInfo.InvariantCulture) <= max)
                return (uint)ulong.Parse(t.Text, CultureInfo.InvariantCulture);
            throw ZoneFileException.At(_path, t.Line, $"invalid {what} {ZoneFileText.Show(t)} (a number 0-{max})");
        }

        /// <summary>SOA timers take the TTL syntax, units included, as in BIND.</summary>
        private uint Timer(string what)
        {
            var t = Take(what);
            if (!ZoneFileTtl.TryParse(t.Text, out var seconds))
                throw ZoneFileException.At(_path, t.Line, $"invalid {what} {ZoneFileText.Show(t)}");
            return (uint)seconds;
        }

        /// <summary>Strict dotted quad: four decimal octets, no leading zeros (as BIND's inet_pton).</summary>
        private string IPv4(ZoneFileToken t)
        {
            var parts = t.Text.Split('.');
            var ok = parts.Length == 4;
            for (var i = 0; ok && i < 4; i++)
            {
                var p = parts[i];
                ok = p.Length >= 1 && p.Length <= 3 && (p.Length == 1 || p[0] != '0');
                foreach (var c in p) ok &= ZoneFileText.IsDigit(c);
                ok = ok && int.Parse(p, CultureInfo.InvariantCulture) <= 255;
            }
            if (!ok) throw ZoneFileException.At(_path, t.Line, $"invalid IPv4 address {ZoneFileText.Show(t)}");
            return t.Text;
        }

        /// <summary>RFC 4291 §2.2 text forms only (no zone index, no brackets); printed in RFC 5952 form.</summary>
        private string IPv6(ZoneFileToken t)
        {
            var ok = t.Text.IndexOf(':') >= 0;
            foreach (var c in t.Text) ok &= Uri.IsHexDigit(c) || c == ':' || c == '.';
            if (!ok || !IPAddress.TryParse(t.Text, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
                throw ZoneFileException.At(_path, t.Line, $"invalid IPv6 address {ZoneFileText.Show(t)}");
            return address.ToString();
        }
    }
}
