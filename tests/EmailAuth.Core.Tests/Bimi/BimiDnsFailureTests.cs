using System.Linq;
using System.Threading.Tasks;
using ARSoft.Tools.Net.Dns;
using EmailAuth.Core.Bimi;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Tests.Infrastructure;
using Xunit;

namespace EmailAuth.Core.Tests.Bimi
{
    /// <summary>BIMI against an ARSoft scripted server that fails only the _dmarc queries: the fallback is unknown, not absent.</summary>
    public class BimiDnsFailureTests
    {
        [Fact]
        public async Task A_failed_organizational_domain_lookup_is_a_dns_error_not_no_record()
        {
            using var server = new ScriptedDnsServer((q, _) =>
            {
                var r = q.CreateResponseInstance();
                r.ReturnCode = q.Questions[0].Name.ToString().StartsWith("_dmarc.") ? ReturnCode.ServerFailure : ReturnCode.NoError;
                return r; // NOERROR with no records: NODATA for the BIMI name itself
            });
            var resolver = new LiveDnsResolver(new DnsResolverOptions { Servers = new[] { server.Endpoint }, Timeout = TestTimeouts.Answering, Retries = 0 });
            var i = await new BimiInspector(resolver).InspectAsync("www.example.test");
            var codes = i.Findings.Select(f => f.Code).ToArray();
            Assert.Contains(BimiFindingCodes.DnsError, codes);
            Assert.DoesNotContain(BimiFindingCodes.NoRecord, codes);
        }
    }
}
