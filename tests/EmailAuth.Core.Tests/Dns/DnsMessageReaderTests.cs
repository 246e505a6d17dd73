using System;
using System.Collections.Generic;
using System.Linq;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Dns.Wire;
using Xunit;

namespace EmailAuth.Core.Tests.Dns
{
    /// <summary>The response parser on hand-made and random octets: RFC 1035 §4.1 read strictly, never out of bounds.</summary>
    public class DnsMessageReaderTests
    {
        /// <summary>Header (ID 0x1234, QR AA, RCODE <paramref name="rcode"/>) and the question "a.test A IN", then <paramref name="rest"/>.</summary>
        private static byte[] Message(int answers, int rcode, params byte[] rest) =>
            new byte[] { 0x12, 0x34, 0x84, (byte)rcode, 0, 1, 0, (byte)answers, 0, 0, 0, 0, 1, (byte)'a', 4, (byte)'t', (byte)'e', (byte)'s', (byte)'t', 0, 0, 1, 0, 1 }
                .Concat(rest).ToArray();

        /// <summary>An answer record owned by the question's name (pointer to offset 12).</summary>
        private static byte[] Rr(int type, uint ttl, params byte[] rdata) =>
            new byte[] { 0xC0, 12, (byte)(type >> 8), (byte)type, 0, 1, (byte)(ttl >> 24), (byte)(ttl >> 16), (byte)(ttl >> 8), (byte)ttl, (byte)(rdata.Length >> 8), (byte)rdata.Length }
                .Concat(rdata).ToArray();

        private static DnsMessage Parse(byte[] m) => DnsMessageReader.Parse(m, m.Length);

        [Fact]
        public void Reads_header_question_and_records()
        {
            var m = Parse(Message(2, 0, Rr(1, 300, 192, 0, 2, 1).Concat(Rr(16, 60, 3, (byte)'a', (byte)'b', (byte)'c', 1, (byte)'d')).ToArray()));
            Assert.Equal((0x1234, true, true, false, 0), (m.Id, m.IsResponse, m.IsAuthoritative, m.IsTruncated, m.Rcode));
            Assert.Equal(("a.test", 1, 1), (m.QuestionName, m.QuestionType, m.QuestionClass));
            Assert.Equal("a.test 300 A 192.0.2.1", m.Answers[0].Record!.ToString());
            Assert.Equal(new[] { "abc", "d" }, m.Answers[1].Record!.TextStrings);
            Assert.Equal("abcd", m.Answers[1].Record!.Data);
        }

        [Fact]
        public void A_TTL_with_the_top_bit_set_reads_as_zero() // RFC 2181 §8
        {
            Assert.Equal(0, Parse(Message(1, 0, Rr(1, 0x80000000, 192, 0, 2, 1))).Answers[0].Ttl);
        }

        [Fact]
        public void The_OPT_record_extends_the_RCODE() // RFC 6891 §6.1.3: BADVERS = 16
        {
            var m = Message(0, 0);
            m[11] = 1; // ARCOUNT
            var opt = new byte[] { 0, 0, 41, 4, 208, 1, 0, 0, 0, 0, 0 };
            Assert.Equal(16, Parse(m.Concat(opt).ToArray()).Rcode);
        }

        [Fact]
        public void Odd_octets_in_names_print_escaped()
        {
            var m = Parse(Message(1, 0, Rr(5, 60, 3, (byte)'a', (byte)' ', (byte)'.', 1, (byte)'%', 0)));
            Assert.Equal(@"a\032\..%", m.Answers[0].Record!.Data);
        }

        [Fact]
        public void A_truncated_response_is_read_up_to_its_question()
        {
            var m = Message(5, 0, 0xFF, 0xFF); // five answers announced, two octets of garbage
            m[2] |= 0x02;
            var parsed = Parse(m);
            Assert.True(parsed.IsTruncated);
            Assert.Empty(parsed.Answers);
        }

        public static IEnumerable<object[]> Malformed() => new[]
        {
            new object[] { new byte[] { 0x12, 0x34, 0x80 }, "shorter than the 12-octet header" },
            new object[] { Message(3, 0, Rr(1, 60, 1, 2, 3, 4)), "records announced" },
            new object[] { Message(1, 0, Rr(1, 60, 1, 2, 3)), "has 3 octets, not 4" },
            new object[] { Message(1, 0, Rr(16, 60, 9, (byte)'a')), "character-string" },
            new object[] { Message(1, 0, Rr(5, 60, 0xC0, 40)), "points forward" },
            new object[] { Message(1, 0, Rr(5, 60, 0x40, 1)), "label type" },
            // A name that points back into itself: the hop bound or the 255-octet bound ends it.
            new object[] { Message(1, 0, new byte[] { 1, (byte)'x', 0xC0, 24, 0, 1, 0, 1, 0, 0, 0, 1, 0, 4, 1, 2, 3, 4 }), "" },
            new object[] { Message(0, 0).Take(20).ToArray(), "cut short" },
        };

        [Theory]
        [MemberData(nameof(Malformed))]
        public void Malformed_responses_are_format_errors(byte[] message, string why)
        {
            var e = Assert.Throws<DnsWireFormatException>(() => Parse(message));
            Assert.Contains(why, e.Message);
        }

        [Fact]
        public void Names_longer_than_255_octets_are_format_errors()
        {
            var labels = Enumerable.Repeat(new byte[] { 63 }.Concat(Enumerable.Repeat((byte)'x', 63)), 4).SelectMany(l => l).ToArray();
            var e = Assert.Throws<DnsWireFormatException>(() => Parse(Message(1, 0, Rr(5, 60, labels.Concat(new byte[] { 0 }).ToArray()))));
            Assert.Contains("longer than 255", e.Message);
        }

        [Fact]
        public void Random_and_mutated_octets_give_a_message_or_a_format_error_never_a_crash()
        {
            var random = new Random(7208);
            var valid = Message(2, 0, Rr(15, 300, 0, 10, 2, (byte)'m', (byte)'x', 0xC0, 12).Concat(Rr(6, 60, 0xC0, 12, 0xC0, 12, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0, 5)).ToArray());
            for (var i = 0; i < 20000; i++)
            {
                byte[] m;
                if (i % 2 == 0)
                {
                    m = new byte[random.Next(0, 300)];
                    random.NextBytes(m);
                }
                else
                {
                    m = (byte[])valid.Clone();
                    for (var k = random.Next(1, 6); k > 0; k--) m[random.Next(m.Length)] = (byte)random.Next(256);
                    if (random.Next(4) == 0) m = m.Take(random.Next(m.Length)).ToArray();
                }
                try { Parse(m); }
                catch (DnsWireFormatException) { }
            }
        }
    }
}
