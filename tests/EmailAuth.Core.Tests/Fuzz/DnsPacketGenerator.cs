using System;
using System.Collections.Generic;
using System.Text;

namespace EmailAuth.Core.Tests.Fuzz
{
    /// <summary>
    /// DNS response datagrams (RFC 1035 §4.1) for a received query: well-formed answers of every shape a
    /// resolver meets (records, CNAME chains and loops, NXDOMAIN/NODATA with SOA, referrals, error RCODEs,
    /// EDNS OPT), then, half the time, damaged: bit flips, truncation, trailing garbage, section counts that
    /// lie, label lengths over 63 and compression pointers that loop or point past the end. The message ID
    /// is always the query's, so a resolver that rightly drops foreign IDs (RFC 5452 §4.3) still gets an answer.
    /// </summary>
    public sealed class DnsPacketGenerator
    {
        private const ushort TypeA = 1, TypeNs = 2, TypeCname = 5, TypeSoa = 6, TypePtr = 12, TypeMx = 15, TypeTxt = 16, TypeAaaa = 28, TypeOpt = 41;

        private readonly Random _rng;
        private readonly SpfTextGenerator _text;

        public DnsPacketGenerator(Random random)
        {
            _rng = random;
            _text = new SpfTextGenerator(random, new[] { "fuzz.test", "a.fuzz.test", "_spf.fuzz.test" });
        }

        /// <summary>A response to <paramref name="query"/> (the datagram as received).</summary>
        public byte[] Response(byte[] query)
        {
            var packet = _rng.Next(50) == 0 ? RandomBytes() : WellFormed(query);
            if (_rng.Next(2) == 0) packet = Mutate(packet);
            if (packet.Length >= 2 && query.Length >= 2)
            {
                packet[0] = query[0];
                packet[1] = query[1];
            }
            return packet;
        }

        private byte[] WellFormed(byte[] query)
        {
            var w = new Writer();
            var question = Question(query, out var qtype);
            var rcode = _rng.Next(12) switch
            {
                0 => 3,                          // NXDOMAIN
                1 => 2,                          // SERVFAIL
                2 => 5,                          // REFUSED
                3 => _rng.Next(16),              // anything, FORMERR, NOTIMP and unassigned codes included
                _ => 0,
            };
            var aa = _rng.Next(2) == 0;
            var tc = _rng.Next(20) == 0;
            w.U16(0); // ID, set by the caller
            w.U8((byte)(0x80 | (aa ? 0x04 : 0) | (tc ? 0x02 : 0) | 0x01)); // QR, opcode 0, AA, TC, RD
            w.U8((byte)(0x80 | rcode));                                      // RA, RCODE
            var answers = new List<Action>();
            var authority = new List<Action>();
            var additional = new List<Action>();
            var shape = _rng.Next(10);
            if (rcode == 0 && shape < 5)
            {
                for (var n = _rng.Next(1, 5); n > 0; n--) answers.Add(() => { Owner(w); Body(w, _rng.Next(6) == 0 ? RandomType() : qtype); });
            }
            else if (rcode == 0 && shape < 7)
            {
                // CNAME chain (or loop) from the question name, then records of the asked type at its end.
                var length = _rng.Next(1, 20);
                for (var k = 0; k < length; k++)
                {
                    var from = k == 0 ? null : "c" + (k - 1) + ".fuzz.test";
                    var to = _rng.Next(8) == 0 ? "c" + _rng.Next(k + 1) + ".fuzz.test" : "c" + k + ".fuzz.test";
                    var odd = _rng.Next(5) == 0; // a target label of any octets (RFC 2181 §11)
                    answers.Add(() =>
                    {
                        if (from == null) w.Pointer(12); else w.Name(from);
                        w.U16(TypeCname); w.U16(1); w.U32(60);
                        w.Rdata(() => { if (odd) w.Bytes(OctetLabel()); w.Name(to); });
                    });
                }
                if (_rng.Next(3) != 0) answers.Add(() => { w.Name("c" + (length - 1) + ".fuzz.test"); Body(w, qtype); });
            }
            else if (shape < 9)
            {
                authority.Add(() => { w.Name(_rng.Next(2) == 0 ? "fuzz.test" : "test"); w.U16(TypeSoa); w.U16(1); w.U32(Ttl()); w.Rdata(() => Soa(w)); });
            }
            else
            {
                for (var n = _rng.Next(1, 3); n > 0; n--)
                    authority.Add(() => { w.Name("fuzz.test"); w.U16(TypeNs); w.U16(1); w.U32(60); w.Rdata(() => w.Name("ns" + _rng.Next(3) + ".fuzz.test")); });
            }
            if (_rng.Next(2) == 0) additional.Add(() => Opt(w));
            w.U16(question == null ? (ushort)0 : (ushort)1);
            w.U16((ushort)answers.Count);
            w.U16((ushort)authority.Count);
            w.U16((ushort)additional.Count);
            if (question != null) w.Bytes(question);
            foreach (var a in answers) a();
            foreach (var a in authority) a();
            foreach (var a in additional) a();
            return w.ToArray();
        }

        /// <summary>The query's question section (name, type, class) copied as sent, or now and then another or none.</summary>
        private byte[]? Question(byte[] query, out ushort qtype)
        {
            qtype = TypeTxt;
            var i = 12;
            while (i < query.Length && query[i] != 0 && (query[i] & 0xC0) == 0) i += query[i] + 1;
            var end = i + 5;
            if (end > query.Length) return null;
            qtype = (ushort)(query[end - 4] << 8 | query[end - 3]);
            if (_rng.Next(30) == 0) return null;
            var question = new byte[end - 12];
            Array.Copy(query, 12, question, 0, question.Length);
            if (_rng.Next(30) == 0) question[question.Length - 3] ^= 0x01; // another type
            return question;
        }

        private void Owner(Writer w)
        {
            if (_rng.Next(8) == 0) w.Name(_rng.Next(2) == 0 ? "other.fuzz.test" : "."); else w.Pointer(12);
        }

        /// <summary>TYPE, CLASS, TTL and RDATA of one record of <paramref name="type"/>.</summary>
        private void Body(Writer w, ushort type)
        {
            w.U16(type);
            w.U16(_rng.Next(20) == 0 ? (ushort)_rng.Next(256) : (ushort)1);
            w.U32(Ttl());
            w.Rdata(() =>
            {
                switch (type)
                {
                    case TypeA: w.Bytes(Random(_rng.Next(10) == 0 ? _rng.Next(0, 8) : 4)); break;
                    case TypeAaaa: w.Bytes(Random(_rng.Next(10) == 0 ? _rng.Next(0, 20) : 16)); break;
                    case TypeMx: w.U16((ushort)_rng.Next(0x10000)); Target(w); break;
                    case TypeCname: case TypeNs: case TypePtr: Target(w); break;
                    case TypeSoa: Soa(w); break;
                    case TypeTxt: case 99: Txt(w); break;
                    default: w.Bytes(Random(_rng.Next(0, 40))); break;
                }
            });
        }

        /// <summary>Character-strings holding SPF text (UTF-8, Latin-1 or raw octets), lengths now and then a lie.</summary>
        private void Txt(Writer w)
        {
            for (var n = _rng.Next(0, 4); n >= 0; n--)
            {
                var text = _text.Next();
                var bytes = _rng.Next(4) switch
                {
                    0 => Random(_rng.Next(0, 300)),
                    1 => Encoding.Latin1.GetBytes(text),
                    _ => Encoding.UTF8.GetBytes(text),
                };
                if (bytes.Length > 255) Array.Resize(ref bytes, 255);
                w.U8(_rng.Next(25) == 0 ? (byte)_rng.Next(256) : (byte)bytes.Length);
                w.Bytes(bytes);
            }
        }

        private void Target(Writer w)
        {
            switch (_rng.Next(10))
            {
                case 0: w.Pointer(12); break;
                case 1: w.U8(0); break; // the root (RFC 7505 null MX)
                case 2: w.Bytes(Label(_rng.Next(1, 64))); w.Pointer(12); break;
                case 3: w.Bytes(OctetLabel()); w.Name("fuzz.test"); break;
                default: w.Name(_rng.Next(2) == 0 ? "mx.fuzz.test" : "xn--bcher-kva.fuzz.test"); break;
            }
        }

        private void Soa(Writer w)
        {
            w.Name("ns.fuzz.test");
            w.Name("hostmaster.fuzz.test");
            for (var k = 0; k < 5; k++) w.U32(_rng.Next(4) == 0 ? uint.MaxValue : (uint)_rng.Next(0, 100000));
        }

        /// <summary>An EDNS OPT pseudo-record (RFC 6891 §6.1.2), with options now and then.</summary>
        private void Opt(Writer w)
        {
            w.U8(0);
            w.U16(TypeOpt);
            w.U16((ushort)_rng.Next(0, 0x10000));
            w.U32(_rng.Next(4) == 0 ? (uint)_rng.Next() : 0u);
            w.Rdata(() => { if (_rng.Next(3) == 0) w.Bytes(Random(_rng.Next(0, 12))); });
        }

        private uint Ttl() => _rng.Next(8) switch
        {
            0 => uint.MaxValue,
            1 => 0x80000000u,
            2 => 0,
            _ => (uint)_rng.Next(1, 86400),
        };

        private ushort RandomType() => (ushort)(_rng.Next(3) == 0 ? _rng.Next(0x10000) : new[] { TypeA, TypeAaaa, TypeMx, TypeTxt, TypeCname, TypeSoa, TypePtr, TypeNs, TypeOpt, 99 }[_rng.Next(10)]);

        /// <summary>Damage a datagram: flips, overwrites with meaningful octets, truncation, garbage, lying counts, pointer loops.</summary>
        public byte[] Mutate(byte[] packet)
        {
            var bytes = new List<byte>(packet);
            for (var n = _rng.Next(1, 4); n > 0; n--)
            {
                if (bytes.Count == 0) break;
                switch (_rng.Next(7))
                {
                    case 0:
                        for (var k = _rng.Next(1, 8); k > 0; k--) { var p = _rng.Next(bytes.Count); bytes[p] ^= (byte)(1 << _rng.Next(8)); }
                        break;
                    case 1:
                        bytes[_rng.Next(bytes.Count)] = new byte[] { 0x00, 0xFF, 0xC0, 0x3F, 0x40, 0x80, 0x7F, 0x01 }[_rng.Next(8)];
                        break;
                    case 2:
                        var keep = _rng.Next(bytes.Count);
                        bytes.RemoveRange(keep, bytes.Count - keep);
                        break;
                    case 3:
                        bytes.AddRange(Random(_rng.Next(1, 64)));
                        break;
                    case 4:
                        if (bytes.Count >= 12) { var c = 4 + 2 * _rng.Next(4); bytes[c] = (byte)_rng.Next(256); bytes[c + 1] = (byte)_rng.Next(256); }
                        break;
                    case 5:
                        // A compression pointer to itself, to an earlier pointer or past the end (RFC 1035 §4.1.4).
                        if (bytes.Count > 13)
                        {
                            var at = _rng.Next(12, bytes.Count - 1);
                            var to = _rng.Next(3) switch { 0 => at, 1 => _rng.Next(0, at + 1), _ => _rng.Next(bytes.Count, 0x3FFF) };
                            bytes[at] = (byte)(0xC0 | (to >> 8 & 0x3F));
                            bytes[at + 1] = (byte)to;
                        }
                        break;
                    default:
                        bytes.Insert(_rng.Next(bytes.Count + 1), (byte)_rng.Next(256));
                        break;
                }
            }
            return bytes.ToArray();
        }

        private byte[] RandomBytes() => Random(_rng.Next(0, _rng.Next(10) == 0 ? 1500 : 64));

        private byte[] Random(int length)
        {
            var bytes = new byte[length];
            _rng.NextBytes(bytes);
            return bytes;
        }

        private byte[] Label(int length)
        {
            var bytes = new byte[length + 1];
            bytes[0] = (byte)length;
            for (var k = 1; k <= length; k++) bytes[k] = (byte)_rng.Next(0x21, 0x7F);
            return bytes;
        }

        /// <summary>A label of 1-8 arbitrary octets, often with NUL, DEL, space, dot, backslash, LF or 0xFF among them.</summary>
        private byte[] OctetLabel()
        {
            var bytes = Random(_rng.Next(1, 9) + 1);
            bytes[0] = (byte)(bytes.Length - 1);
            if (_rng.Next(2) == 0) bytes[_rng.Next(1, bytes.Length)] = new byte[] { 0x00, 0x7F, 0x20, 0x2E, 0x5C, 0x0A, 0xFF }[_rng.Next(7)];
            return bytes;
        }

        /// <summary>A growing datagram; names written uncompressed, RDATA with its length filled in afterwards.</summary>
        private sealed class Writer
        {
            private readonly List<byte> _bytes = new List<byte>(512);

            public void U8(byte b) => _bytes.Add(b);
            public void U16(ushort v) { _bytes.Add((byte)(v >> 8)); _bytes.Add((byte)v); }
            public void U32(uint v) { U16((ushort)(v >> 16)); U16((ushort)v); }
            public void Bytes(byte[] b) => _bytes.AddRange(b);
            public void Pointer(int offset) => U16((ushort)(0xC000 | offset));

            public void Name(string name)
            {
                foreach (var label in name.Split(new[] { '.' }, StringSplitOptions.RemoveEmptyEntries))
                {
                    var b = Encoding.ASCII.GetBytes(label);
                    U8((byte)b.Length);
                    Bytes(b);
                }
                U8(0);
            }

            public void Rdata(Action body)
            {
                var at = _bytes.Count;
                U16(0);
                body();
                var length = _bytes.Count - at - 2;
                _bytes[at] = (byte)(length >> 8);
                _bytes[at + 1] = (byte)length;
            }

            public byte[] ToArray() => _bytes.ToArray();
        }
    }
}
