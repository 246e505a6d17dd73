using System.Collections.Generic;
using System.Globalization;
using System.Net;
using EmailAuth.Core.Dns;

namespace EmailAuth.Core.ZoneFiles
{
    /// <summary>
    /// RFC 3597 §5 generic rdata, "\# &lt;length&gt; &lt;hex&gt;", usable with any type; decoded from wire
    /// format for the modelled types (names uncompressed, RFC 3597 §4).
    /// </summary>
    internal sealed class ZoneFileGenericRdata
    {
        private readonly byte[] _wire;
        private readonly string _path;
        private readonly int _line;
        private readonly DnsRecordType _type;
        private int _at;

        private ZoneFileGenericRdata(byte[] wire, DnsRecordType type, string path, int line)
        {
            _wire = wire;
            _type = type;
            _path = path;
            _line = line;
        }

        public static bool IsGeneric(IReadOnlyList<ZoneFileToken> rdata) =>
            rdata.Count > 0 && !rdata[0].Quoted && rdata[0].Text == "\\#";

        /// <summary>The rdata octets; the hex may be split in several tokens and must match the length exactly.</summary>
        public static byte[] Read(IReadOnlyList<ZoneFileToken> rdata, string path, int line)
        {
            if (rdata.Count < 2) throw ZoneFileException.At(path, line, "generic rdata '\\#' needs a length");
            var lengthToken = rdata[1];
            var digits = lengthToken.Text.Length > 0 && lengthToken.Text.Length <= 5 && !lengthToken.Quoted;
            foreach (var c in lengthToken.Text) digits &= ZoneFileText.IsDigit(c);
            if (!digits || int.Parse(lengthToken.Text, CultureInfo.InvariantCulture) > ZoneFileLimits.MaxRdata)
                throw ZoneFileException.At(path, lengthToken.Line, $"invalid generic rdata length {ZoneFileText.Show(lengthToken)}");
            var length = int.Parse(lengthToken.Text, CultureInfo.InvariantCulture);
            var wire = new List<byte>(length);
            var high = -1;
            for (var i = 2; i < rdata.Count; i++)
            {
                foreach (var c in rdata[i].Text)
                {
                    var v = HexValue(c);
                    if (v < 0 || rdata[i].Quoted)
                        throw ZoneFileException.At(path, rdata[i].Line, $"invalid hex in generic rdata {ZoneFileText.Show(rdata[i])}");
                    if (high < 0) { high = v; continue; }
                    if (wire.Count == length)
                        throw ZoneFileException.At(path, rdata[i].Line, $"generic rdata longer than its length {length}");
                    wire.Add((byte)(high * 16 + v));
                    high = -1;
                }
            }
            if (high >= 0) throw ZoneFileException.At(path, line, "generic rdata has an odd number of hex digits");
            if (wire.Count != length)
                throw ZoneFileException.At(path, line, $"generic rdata has {wire.Count} octets, its length says {length}");
            return wire.ToArray();
        }

        public static ZoneFileRdata Decode(DnsRecordType type, string owner, byte[] wire, string path, int line)
        {
            var reader = new ZoneFileGenericRdata(wire, type, path, line);
            var rdata = reader.Decode(owner);
            if (reader._at != wire.Length) throw reader.Error("trailing octets");
            return rdata;
        }

        private ZoneFileRdata Decode(string owner)
        {
            switch (_type)
            {
                case DnsRecordType.A: return new ZoneFileRdata(new IPAddress(Bytes(4)).ToString());
                case DnsRecordType.AAAA: return new ZoneFileRdata(new IPAddress(Bytes(16)).ToString());
                case DnsRecordType.MX:
                    var preference = (int)UInt(2);
                    return new ZoneFileRdata(Name(), preference: preference);
                case DnsRecordType.TXT:
                case DnsRecordType.SPF:
                    var strings = new List<byte[]>();
                    do strings.Add(Bytes(Bytes(1)[0])); while (_at < _wire.Length);
                    return ZoneFileRdata.Text(strings);
                case DnsRecordType.SOA:
                    return ZoneFileRdata.FromSoa(new ZoneFileSoa(owner, Name(), Name(),
                        UInt(4), UInt(4), UInt(4), UInt(4), UInt(4)));
                default:
                    return new ZoneFileRdata(Name());
            }
        }

        private byte[] Bytes(int count)
        {
            if (_at + count > _wire.Length) throw Error("rdata too short");
            var b = new byte[count];
            System.Array.Copy(_wire, _at, b, 0, count);
            _at += count;
            return b;
        }

        private uint UInt(int size)
        {
            uint v = 0;
            foreach (var b in Bytes(size)) v = (v << 8) | b;
            return v;
        }

        /// <summary>An uncompressed wire name (RFC 1035 §3.1); compression pointers are not allowed here (RFC 3597 §4).</summary>
        private string Name()
        {
            var labels = new List<byte[]>();
            var wireLength = 1;
            while (true)
            {
                var len = Bytes(1)[0];
                if (len == 0) return ZoneFileName.FromLabels(labels).ToString();
                if (len > ZoneFileLimits.MaxLabel) throw Error("compressed or invalid label in name");
                wireLength += 1 + len;
                if (wireLength > ZoneFileLimits.MaxName) throw Error("name longer than 255 octets");
                labels.Add(Bytes(len));
            }
        }

        private ZoneFileException Error(string what) =>
            ZoneFileException.At(_path, _line, $"invalid generic rdata for {_type}: {what}");

        private static int HexValue(char c) =>
            c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
