using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Text;

namespace EmailAuth.Core.Dns.Wire
{
    /// <summary>
    /// Parses DNS responses (RFC 1035 §4.1) strictly within the received octets: every length is checked before
    /// it is used, compression pointers must point backwards and are followed a bounded number of times, names
    /// are at most 255 octets. Anything else throws <see cref="DnsWireFormatException"/>; never reads out of bounds.
    /// </summary>
    internal static class DnsMessageReader
    {
        private const int HeaderLength = 12;
        private const int MinRecordLength = 11; // root name, type, class, TTL, RDLENGTH
        private const int MaxPointerHops = 127;
        private const int OptType = 41;          // RFC 6891 §6.1.1
        private const int ClassIn = 1;

        /// <summary>Octets that are not valid UTF-8 become U+FFFD (as the zone-file reader does).</summary>
        private static readonly Encoding Utf8 = new UTF8Encoding(false, false);

        /// <summary>
        /// Parses a whole response. A truncated one (TC bit) is read up to its question only: its sections may be
        /// cut anywhere, and RFC 2181 §9 says to ask again over TCP rather than use them.
        /// </summary>
        public static DnsMessage Parse(byte[] data, int count)
        {
            if (count < HeaderLength) throw new DnsWireFormatException($"{count} octets, shorter than the 12-octet header");
            var id = U16(data, 0);
            var flags = U16(data, 2);
            var qdCount = U16(data, 4);
            int anCount = U16(data, 6), nsCount = U16(data, 8), arCount = U16(data, 10);
            var truncated = (flags & 0x0200) != 0;
            var rcode = flags & 0x000F;

            var offset = HeaderLength;
            string? qName = null;
            int qType = 0, qClass = 0;
            var names = new NameMemo();
            if (qdCount > (count - HeaderLength) / 5) throw new DnsWireFormatException($"{qdCount} questions announced in {count} octets");
            for (var q = 0; q < qdCount; q++)
            {
                var name = ReadName(data, count, ref offset);
                Need(data, count, offset, 4, "question");
                if (q == 0)
                {
                    qName = name;
                    names = new NameMemo(HeaderLength, name);
                    qType = U16(data, offset);
                    qClass = U16(data, offset + 2);
                }
                offset += 4;
            }

            // Sized as announced (bounded by the octets, checked below), none for an empty section.
            IReadOnlyList<DnsWireRecord> answers = Array.Empty<DnsWireRecord>(), authorities = Array.Empty<DnsWireRecord>();
            if (!truncated)
            {
                if ((long)anCount + nsCount + arCount > (count - offset) / MinRecordLength)
                    throw new DnsWireFormatException($"{anCount + nsCount + arCount} records announced but only {count - offset} octets follow the question");
                var answerList = anCount > 0 ? new List<DnsWireRecord>(anCount) : null;
                var authorityList = nsCount > 0 ? new List<DnsWireRecord>(nsCount) : null;
                for (var section = 0; section < 3; section++)
                {
                    var sectionCount = section == 0 ? anCount : section == 1 ? nsCount : arCount;
                    for (var i = 0; i < sectionCount; i++)
                    {
                        var rr = ReadRecord(data, count, ref offset, names, out var optExtendedRcode);
                        if (section == 0) answerList!.Add(rr);
                        else if (section == 1) authorityList!.Add(rr);
                        else if (rr.Type == OptType) rcode |= optExtendedRcode << 4; // RFC 6891 §6.1.3
                    }
                }
                if (answerList != null) answers = answerList;
                if (authorityList != null) authorities = authorityList;
            }
            return new DnsMessage(id, (flags & 0x8000) != 0, (flags >> 11) & 0xF, (flags & 0x0400) != 0, truncated, rcode,
                                  qName, qType, qClass, answers, authorities);
        }

        private static DnsWireRecord ReadRecord(byte[] data, int count, ref int offset, NameMemo names, out int optExtendedRcode)
        {
            optExtendedRcode = 0;
            var name = names.TryReuse(data, count, ref offset) ?? ReadName(data, count, ref offset);
            Need(data, count, offset, 10, $"record of {name}");
            var type = U16(data, offset);
            var @class = U16(data, offset + 2);
            var rawTtl = ((uint)data[offset + 4] << 24) | ((uint)data[offset + 5] << 16) | ((uint)data[offset + 6] << 8) | data[offset + 7];
            var rdLength = U16(data, offset + 8);
            offset += 10;
            Need(data, count, offset, rdLength, $"RDATA of {name} (type {type})");
            var rdStart = offset;
            var rdEnd = offset + rdLength;
            offset = rdEnd;
            if (type == OptType)
            {
                optExtendedRcode = (int)(rawTtl >> 24);
                return new DnsWireRecord(name, type, @class, 0, null);
            }
            // RFC 2181 §8: a TTL with the most significant bit set is treated as zero.
            var ttl = rawTtl > int.MaxValue ? 0 : (int)rawTtl;
            // Types EmailAuth does not read fall to the switch's default (no Enum.IsDefined: it boxes, per record).
            if (@class != ClassIn)
                return new DnsWireRecord(name, type, @class, ttl, null);
            var rrType = (DnsRecordType)type;
            var p = rdStart;
            switch (rrType)
            {
                case DnsRecordType.A:
                case DnsRecordType.AAAA:
                    var size = rrType == DnsRecordType.A ? 4 : 16;
                    if (rdLength != size) throw new DnsWireFormatException($"{rrType} record of {name} has {rdLength} octets, not {size}");
                    var bytes = new byte[size];
                    Array.Copy(data, rdStart, bytes, 0, size);
                    return Record(name, rrType, ttl, new IPAddress(bytes).ToString());
                case DnsRecordType.CNAME:
                case DnsRecordType.PTR:
                case DnsRecordType.NS:
                    var target = ReadName(data, rdEnd, ref p);
                    return Record(name, rrType, ttl, target);
                case DnsRecordType.MX:
                    Need(data, rdEnd, p, 2, $"MX record of {name}");
                    var preference = U16(data, p);
                    p += 2;
                    var exchange = ReadName(data, rdEnd, ref p);
                    return new DnsWireRecord(name, type, @class, ttl, new DnsRecord(name, rrType, ttl, exchange, preference: preference));
                case DnsRecordType.SOA:
                    var mname = ReadName(data, rdEnd, ref p);
                    var rname = ReadName(data, rdEnd, ref p);
                    Need(data, rdEnd, p, 20, $"SOA record of {name}");
                    var fields = new long[5];
                    for (var k = 0; k < 5; k++, p += 4)
                        fields[k] = ((long)data[p] << 24) | ((long)data[p + 1] << 16) | ((long)data[p + 2] << 8) | data[p + 3];
                    var text = string.Join(" ", mname, rname, N(fields[0]), N(fields[1]), N(fields[2]), N(fields[3]), N(fields[4]));
                    return new DnsWireRecord(name, type, @class, ttl, new DnsRecord(name, rrType, ttl, text), soaMinimum: fields[4]);
                case DnsRecordType.TXT:
                case DnsRecordType.SPF:
                    var strings = new List<string>();
                    while (p < rdEnd)
                    {
                        var length = data[p];
                        Need(data, rdEnd, p + 1, length, $"character-string of {name}");
                        strings.Add(Utf8.GetString(data, p + 1, length));
                        p += 1 + length;
                    }
                    // RFC 7208 §3.3: the strings of one record are concatenated with nothing between them.
                    return new DnsWireRecord(name, type, @class, ttl, new DnsRecord(name, rrType, ttl, strings.Count == 1 ? strings[0] : string.Concat(strings), strings));
                default:
                    return new DnsWireRecord(name, type, @class, ttl, null);
            }
        }

        private static DnsWireRecord Record(string name, DnsRecordType type, int ttl, string data) =>
            new DnsWireRecord(name, (int)type, ClassIn, ttl, new DnsRecord(name, type, ttl, data));

        /// <summary>
        /// A possibly compressed name (RFC 1035 §4.1.4) ending before <paramref name="limit"/>; <paramref name="offset"/>
        /// moves past it (past the first pointer when there is one). Pointers must point to earlier octets.
        /// </summary>
        public static string ReadName(byte[] data, int limit, ref int offset)
        {
            var start = offset;
            var plain = true; // every label octet printed as itself (DnsNameText.IsPlain): the text is built from the data
            var textLength = -1;
            var pos = offset;
            var jumped = false;
            var hops = 0;
            var wire = 1;
            while (true)
            {
                if (pos >= limit) throw new DnsWireFormatException("a name runs past the end of its data");
                var length = data[pos];
                if ((length & 0xC0) == 0xC0)
                {
                    if (pos + 1 >= limit) throw new DnsWireFormatException("a compression pointer is cut short");
                    var target = ((length & 0x3F) << 8) | data[pos + 1];
                    if (target >= pos) throw new DnsWireFormatException($"a compression pointer at {pos} points forward, to {target}");
                    if (++hops > MaxPointerHops) throw new DnsWireFormatException("compression pointers loop");
                    if (!jumped) offset = pos + 2;
                    jumped = true;
                    pos = target;
                    continue;
                }
                if ((length & 0xC0) != 0) throw new DnsWireFormatException($"label type 0x{length & 0xC0:X2} is not defined (RFC 6891 §5)");
                if (length == 0)
                {
                    if (!jumped) offset = pos + 1;
                    return plain ? PlainText(data, start, textLength) : DnsNameText.Format(Labels(data, start));
                }
                if (pos + 1 + length > limit) throw new DnsWireFormatException("a label runs past the end of its data");
                wire += 1 + length;
                if (wire > DnsNameText.MaxNameOctets) throw new DnsWireFormatException($"a name longer than {DnsNameText.MaxNameOctets} octets");
                for (var i = pos + 1; plain && i <= pos + length; i++) plain = DnsNameText.IsPlain(data[i]);
                textLength += 1 + length;
                pos += 1 + length;
            }
        }

        /// <summary>The text of a name already checked by ReadName whose octets are all plain: labels joined by dots.</summary>
        private static string PlainText(byte[] data, int pos, int textLength)
        {
            if (textLength < 0) return ".";
            var chars = new char[textLength];
            var at = 0;
            while (true)
            {
                var length = data[pos];
                if ((length & 0xC0) == 0xC0) { pos = ((length & 0x3F) << 8) | data[pos + 1]; continue; }
                if (length == 0) return new string(chars);
                if (at > 0) chars[at++] = '.';
                for (var i = 1; i <= length; i++) chars[at++] = (char)data[pos + i];
                pos += 1 + length;
            }
        }

        /// <summary>The labels of a name already checked by ReadName (for one with octets to escape).</summary>
        private static List<byte[]> Labels(byte[] data, int pos)
        {
            var labels = new List<byte[]>();
            while (true)
            {
                var length = data[pos];
                if ((length & 0xC0) == 0xC0) { pos = ((length & 0x3F) << 8) | data[pos + 1]; continue; }
                if (length == 0) return labels;
                var label = new byte[length];
                Array.Copy(data, pos + 1, label, 0, length);
                labels.Add(label);
                pos += 1 + length;
            }
        }

        /// <summary>
        /// The question's name, for records whose owner is a bare compression pointer to it (RFC 1035 §4.1.4; nearly
        /// every answer): the same string instead of reading it again.
        /// </summary>
        private readonly struct NameMemo
        {
            private readonly int _offset;
            private readonly string? _name;

            public NameMemo(int offset, string name)
            {
                _offset = offset;
                _name = name;
            }

            public string? TryReuse(byte[] data, int limit, ref int offset)
            {
                if (_name == null || offset + 1 >= limit || data[offset] != (0xC0 | (_offset >> 8)) || data[offset + 1] != (_offset & 0xFF)) return null;
                offset += 2;
                return _name;
            }
        }

        private static void Need(byte[] data, int limit, int offset, int length, string what)
        {
            if (offset + length > limit || offset + length > data.Length) throw new DnsWireFormatException($"the {what} is cut short");
        }

        private static int U16(byte[] data, int offset) => (data[offset] << 8) | data[offset + 1];

        private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
