using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;

namespace EmailAuth.Core.Tests.Infrastructure
{
    /// <summary>Builds reply datagrams byte by byte from a query (RFC 1035 §4.1), for <see cref="RawUdpDnsServer"/>.</summary>
    public static class RawDnsReply
    {
        /// <summary>The query's header and question, QR set, without its OPT record: the start of any reply.</summary>
        private static List<byte> Start(byte[] query, int id, byte flags2 = 0x80)
        {
            var end = 12;
            while (query[end] != 0) end += query[end] + 1;
            end += 5; // root label, QTYPE, QCLASS
            var reply = query.Take(end).ToList();
            reply[0] = (byte)(id >> 8);
            reply[1] = (byte)id;
            reply[2] = (byte)(0x80 | (query[2] & 0x01)); // QR, RD copied
            reply[3] = flags2;                          // RA, RCODE 0
            for (var i = 6; i < 12; i++) reply[i] = 0;  // no records yet
            return reply;
        }

        public static int Id(byte[] query) => (query[0] << 8) | query[1];

        /// <summary>An answer with one A record for the question's name; <paramref name="id"/> defaults to the query's.</summary>
        public static byte[] A(byte[] query, string address, int? id = null)
        {
            var reply = Start(query, id ?? Id(query));
            reply[7] = 1; // ANCOUNT
            reply.AddRange(new byte[] { 0xC0, 0x0C, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4 }); // the question's name, A, IN, TTL 60
            reply.AddRange(IPAddress.Parse(address).GetAddressBytes());
            return reply.ToArray();
        }

        /// <summary>An empty answer with the TC bit: the client must ask again over TCP (RFC 7766 §5).</summary>
        public static byte[] Truncated(byte[] query)
        {
            var reply = Start(query, Id(query));
            reply[2] |= 0x02;
            return reply.ToArray();
        }

        /// <summary>The question's name: the labels' octets, for checking what a client put on the wire.</summary>
        public static IReadOnlyList<byte[]> QuestionLabels(byte[] query)
        {
            var labels = new List<byte[]>();
            for (var i = 12; query[i] != 0; i += query[i] + 1) labels.Add(query.Skip(i + 1).Take(query[i]).ToArray());
            return labels;
        }
    }
}
