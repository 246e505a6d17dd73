using System;
using System.Collections.Generic;
using System.Security.Cryptography;

namespace EmailAuth.Core.Dns.Wire
{
    /// <summary>
    /// One query (RFC 1035 §4.1) with an unpredictable ID (RFC 5452 §9.2), and the test a reply must pass to be
    /// its answer (RFC 5452 §9.1): same ID, a response to a standard query, the same question.
    /// </summary>
    internal sealed class DnsQueryMessage
    {
        /// <summary>The EDNS UDP payload size offered (RFC 6891 §6.2.5): fits common MTUs, avoiding IP fragments.</summary>
        public const int UdpPayloadSize = 1232;

        private const int OptType = 41;
        private const int ClassIn = 1;
        private static readonly RandomNumberGenerator Random = RandomNumberGenerator.Create();
        // Random octets drawn 512 at a time (one generator call per 256 IDs); guarded by their own lock.
        private static readonly byte[] RandomOctets = new byte[512];
        private static int _randomUsed = RandomOctets.Length;

        private readonly IReadOnlyList<byte[]> _labels;

        public DnsQueryMessage(IReadOnlyList<byte[]> labels, DnsRecordType type, bool recursion)
            : this(labels, DnsNameText.Format(labels), type, recursion) { }

        /// <param name="name"><paramref name="labels"/> in presentation form (<see cref="DnsNameText.Format"/>), when known.</param>
        public DnsQueryMessage(IReadOnlyList<byte[]> labels, string name, DnsRecordType type, bool recursion)
        {
            _labels = labels;
            Type = type;
            Recursion = recursion;
            Name = name;
            Id = NewId();
        }

        /// <summary>An ID from the cryptographic generator: unpredictable, the full 16 bits (RFC 5452 §9.2).</summary>
        private static int NewId()
        {
            lock (RandomOctets)
            {
                if (_randomUsed == RandomOctets.Length)
                {
                    Random.GetBytes(RandomOctets);
                    _randomUsed = 0;
                }
                var id = (RandomOctets[_randomUsed] << 8) | RandomOctets[_randomUsed + 1];
                _randomUsed += 2;
                return id;
            }
        }

        public int Id { get; }
        /// <summary>The question's name in presentation form, as <see cref="DnsMessageReader"/> prints names.</summary>
        public string Name { get; }
        public DnsRecordType Type { get; }
        public bool Recursion { get; }

        /// <summary>The same question with a fresh ID (a new transport must not reuse an ID, RFC 5452 §9.2).</summary>
        public DnsQueryMessage Again() => new DnsQueryMessage(_labels, Name, Type, Recursion);

        /// <summary>The message: header, the question, an OPT record offering <see cref="UdpPayloadSize"/> (RFC 6891 §6.1.2).</summary>
        public byte[] ToBytes()
        {
            var nameOctets = 1;
            for (var l = 0; l < _labels.Count; l++) nameOctets += 1 + _labels[l].Length; // index loops: no boxed enumerator
            var bytes = new byte[12 + nameOctets + 4 + 11];
            bytes[0] = (byte)(Id >> 8);
            bytes[1] = (byte)Id;
            bytes[2] = (byte)(Recursion ? 0x01 : 0x00); // QR=0, OPCODE=0 (QUERY), RD as asked
            bytes[5] = 1;                               // QDCOUNT 1, ANCOUNT 0, NSCOUNT 0
            bytes[11] = 1;                              // ARCOUNT 1 (OPT)
            var at = 12;
            for (var l = 0; l < _labels.Count; l++)
            {
                var label = _labels[l];
                bytes[at++] = (byte)label.Length;
                Array.Copy(label, 0, bytes, at, label.Length);
                at += label.Length;
            }
            at++; // the root label
            bytes[at++] = (byte)((int)Type >> 8);
            bytes[at++] = (byte)Type;
            bytes[at++] = 0;
            bytes[at++] = ClassIn;
            // OPT: root owner, type 41, CLASS = payload size, TTL = extended RCODE 0, version 0, DO 0; no options.
            at++;
            bytes[at + 1] = OptType;
            bytes[at + 2] = UdpPayloadSize >> 8;
            bytes[at + 3] = UdpPayloadSize & 0xFF;
            return bytes;
        }

        /// <summary>
        /// Null when <paramref name="reply"/> answers this query; else why it does not. A reply without a question is
        /// accepted only when its RCODE is an error: such replies carry no records to forge, and servers that reject
        /// a query (FORMERR, NOTIMP) need not repeat its question.
        /// </summary>
        public string? Mismatch(DnsMessage reply)
        {
            if (!reply.IsResponse) return "not a response (QR bit clear)";
            if (reply.Id != Id) return $"ID {reply.Id} instead of {Id}";
            if (reply.Opcode != 0) return $"opcode {reply.Opcode} instead of QUERY";
            if (reply.QuestionName == null)
                return reply.Rcode == 0 || reply.Rcode == 3 ? "no question section" : null;
            if (!string.Equals(reply.QuestionName, Name, StringComparison.OrdinalIgnoreCase) || reply.QuestionType != (int)Type || reply.QuestionClass != ClassIn)
                return $"question {reply.QuestionName} type {reply.QuestionType} class {reply.QuestionClass} instead of {Name} {Type} IN";
            return null;
        }
    }
}
