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
    /// What LiveDnsResolver puts in the question: every octet of a label as it is (RFC 2181 §11), names given in
    /// presentation form (RFC 1035 §5.1 escapes), non-ASCII labels as IDNA A-labels.
    /// </summary>
    public class LiveDnsResolverWireNameTests
    {
        private static async Task<(IReadOnlyList<byte[]> Labels, DnsAnswer Answer)> SentLabels(string name)
        {
            byte[]? seen = null;
            using var server = new RawUdpDnsServer(q => { seen = q; return RawDnsReply.A(q, "192.0.2.1"); });
            var answer = await new LiveDnsResolver(new DnsResolverOptions
            {
                Servers = new[] { server.Endpoint }, Timeout = TestTimeouts.Answering, Retries = 0,
            }).QueryAsync(name, DnsRecordType.A);
            return (RawDnsReply.QuestionLabels(seen!), answer);
        }

        private static string[] Ascii(IReadOnlyList<byte[]> labels) => labels.Select(l => Encoding.ASCII.GetString(l)).ToArray();

        [Theory]
        [InlineData(@"a\032%%20.example.test", new[] { "a %%20", "example", "test" })] // what %{l}%_%%%- expands to
        [InlineData("a b.example.test", new[] { "a b", "example", "test" })]            // a raw space is the same octet
        [InlineData(@"x\.y.example.test", new[] { "x.y", "example", "test" })]           // an escaped dot stays in its label
        [InlineData(@"q\034\\.example.test", new[] { "q\"\\", "example", "test" })]
        [InlineData("café.example.test", new[] { "xn--caf-dma", "example", "test" })]
        public async Task Labels_go_out_octet_for_octet(string name, string[] expected)
        {
            var (labels, answer) = await SentLabels(name);
            Assert.Equal(expected, Ascii(labels));
            Assert.Equal(DnsAnswerStatus.Success, answer.Status);
            Assert.Equal("192.0.2.1", Assert.Single(answer.Records).Data);
        }

        [Fact]
        public async Task Answers_name_odd_octets_in_presentation_form()
        {
            var (_, answer) = await SentLabels("a b.example.test");
            Assert.Equal(@"a\032b.example.test", Assert.Single(answer.Records).Name);
            Assert.Equal("a b.example.test", answer.QueryName);
        }
    }
}
