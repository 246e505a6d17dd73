using System.Linq;
using DnsClient;
using Xunit;

namespace EmailAuth.Core.Tests.Infrastructure
{
    public class KnotServerTests
    {
        [PeerFact("knotd")]
        public void Serves_a_zone_given_as_text_over_udp_and_tcp()
        {
            using var knot = KnotServer.FromText(new[] { ("fixture.test", string.Join("\n",
                "$ORIGIN fixture.test.", "$TTL 300",
                "@ SOA ns h 1 3600 600 86400 300", "@ NS ns", "ns A 127.0.0.1",
                "@ TXT \"v=spf1 \" \"-all\"", "")) });
            foreach (var tcp in new[] { false, true })
            {
                var client = new LookupClient(new LookupClientOptions(knot.IPEndPoint) { UseCache = false, UseTcpOnly = tcp, Timeout = TestTimeouts.Answering });
                var txt = client.Query("fixture.test", QueryType.TXT).Answers.TxtRecords().Single();
                Assert.Equal(new[] { "v=spf1 ", "-all" }, txt.Text.ToArray());
            }
        }
    }
}
