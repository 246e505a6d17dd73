using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Tests.Infrastructure;
using Xunit;

namespace EmailAuth.Core.Tests.Dns
{
    /// <summary>
    /// A CNAME target comes from the server and may be any octets (RFC 2181 §11). Found by the dns-packet fuzz
    /// target (seed 11, #1029) when DnsClient built the questions and threw on such a name; the resolver now sends
    /// the octets as they are, and whatever comes back (here the same CNAME again) is an answer, never an exception.
    /// </summary>
    public class LiveDnsResolverCnameTargetTests
    {
        [Theory]
        [InlineData("c0.fuzz.te\u007ft")]   // the fuzzer's find: DEL inside a label
        [InlineData("c0.fuzz.te\u0000t")]   // a zero octet inside a label
        public async Task A_CNAME_target_with_control_octets_is_asked_as_it_is_and_never_throws(string target)
        {
            using var server = new RawUdpDnsServer(query => CnameAnswer(query, target));
            var resolver = new LiveDnsResolver(new DnsResolverOptions
            {
                Servers = new[] { server.Endpoint },
                Timeout = TimeSpan.FromSeconds(10), // the server answers at once
                Retries = 0,
            });

            var answer = await resolver.QueryAsync("fuzz.test", DnsRecordType.TXT);

            // The scripted server answers every name with a CNAME to the target, so the target points to itself.
            Assert.Equal(DnsAnswerStatus.Error, answer.Status);
            Assert.Equal(server.Endpoint, answer.Server);
            Assert.Contains("CNAME loop", answer.ErrorMessage);
            Assert.Contains(target[10] == '\0' ? "te\\000t" : "te\\127t", answer.ErrorMessage); // shown with RFC 1035 escapes
            Assert.Equal(2, server.QueriesReceived); // the target itself was asked, octet for octet
        }

        /// <summary>The query's question, answered with one CNAME from the question name to <paramref name="target"/> (octets as given).</summary>
        private static byte[] CnameAnswer(byte[] query, string target)
        {
            var end = 12;
            while (query[end] != 0) end += query[end] + 1;
            end += 5; // the root label, QTYPE, QCLASS
            var packet = new List<byte> { query[0], query[1], 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0 };
            packet.AddRange(query.Skip(12).Take(end - 12));
            packet.AddRange(new byte[] { 0xC0, 0x0C, 0, 5, 0, 1, 0, 0, 0, 60 });
            var rdata = new List<byte>();
            foreach (var label in target.Split('.'))
            {
                rdata.Add((byte)label.Length);
                rdata.AddRange(Encoding.Latin1.GetBytes(label));
            }
            rdata.Add(0);
            packet.Add((byte)(rdata.Count >> 8));
            packet.Add((byte)rdata.Count);
            packet.AddRange(rdata);
            return packet.ToArray();
        }
    }
}
