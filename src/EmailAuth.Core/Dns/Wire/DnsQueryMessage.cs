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

        private readonly IReadOnlyList<byte[]> _labels;

        public DnsQueryMessage(IReadOnlyList<byte[]> labels, DnsRecordType type, bool recursion)
        {
            _labels = labels;
            Type = type;
            Recursion = recursion;
            Name = DnsNameText.Format(labels);
            var id = new byte[2];
            lock (Random) Random.GetBytes(id);
            Id = (id[0] << 8) | id[1];
        }

        public int Id { get; }
        /// <summary>The question's name in presentation form, as <see cref="DnsMessageReader"/> prints names.</summary>
        public string Name { get; }
        public DnsRecordType Type { get; }
        public bool Recursion { get; }

        /// <summary>The same question with a fresh ID (a new transport must not reuse an ID, RFC 5452 §9.2).</summary>
        public DnsQueryMessage Again() => new DnsQueryMessage(_labels, Type, Recursion);

        /// <summary>The message: header, the question, an OPT record offering <see cref="UdpPayloadSize"/> (RFC 6891 §6.1.2).</summary>
        public byte[] ToBytes()
        {
            var bytes = new List<byte>(12 + Name.Length + 2 + 4 + 11)
            {
                (byte)(Id >> 8), (byte)Id,
                (byte)(Recursion ? 0x01 : 0x00), 0x00, // QR=0, OPCODE=0 (QUERY), RD as asked
                0, 1, 0, 0, 0, 0, 0, 1,                 // QDCOUNT 1, ANCOUNT 0, NSCOUNT 0, ARCOUNT 1 (OPT)
            };
            foreach (var label in _labels)
            {
                bytes.Add((byte)label.Length);
                bytes.AddRange(label);
            }
            bytes.Add(0);
            bytes.AddRange(new[] { (byte)((int)Type >> 8), (byte)Type, (byte)0, (byte)ClassIn });
            // OPT: root owner, type 41, CLASS = payload size, TTL = extended RCODE 0, version 0, DO 0; no options.
            bytes.AddRange(new byte[] { 0, 0, OptType, UdpPayloadSize >> 8, UdpPayloadSize & 0xFF, 0, 0, 0, 0, 0, 0 });
            return bytes.ToArray();
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
