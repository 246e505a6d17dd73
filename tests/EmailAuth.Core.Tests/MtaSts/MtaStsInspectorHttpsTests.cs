using System;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Dns;
using EmailAuth.Core.MtaSts;
using EmailAuth.Core.Tests.Infrastructure;
using Xunit;

namespace EmailAuth.Core.Tests.MtaSts
{
    /// <summary>
    /// The whole inspection against knotd (sts.test) and a scripted HTTPS server on 127.0.0.1 with a CA made at test
    /// time. The client trusts that CA only through its test constructor (one extra root) and talks to the server's port.
    /// </summary>
    public sealed class MtaStsInspectorHttpsTests : IClassFixture<MtaStsZonesFixture>, IDisposable
    {
        private const string GoodPolicy = "version: STSv1\r\nmode: enforce\r\nmx: mx1.good.sts.test\r\nmx: *.good.sts.test\r\nmax_age: 1209600\r\n";
        private readonly MtaStsZonesFixture _f;
        private readonly TestPki _pki = new TestPki();
        private LocalHttpsServer? _server;

        public MtaStsInspectorHttpsTests(MtaStsZonesFixture fixture) => _f = fixture;

        public void Dispose()
        {
            _server?.Dispose();
            _pki.Dispose();
        }

        private LocalHttpsServer Serve(Func<string, byte[]> respond, string domain = "good.sts.test", X509Certificate2? leaf = null, X509Certificate2? ca = null)
        {
            _server = new LocalHttpsServer(leaf ?? _pki.Leaf(new[] { "mta-sts." + domain }), ca ?? _pki.Root, respond);
            return _server;
        }

        private static LocalHttpsServer ServePolicy(MtaStsInspectorHttpsTests t, string body, string domain = "good.sts.test") =>
            t.Serve(_ => LocalHttpsServer.Http(200, "text/plain; charset=utf-8", body), domain);

        private Task<MtaStsPolicyInfo> Inspect(string domain, bool trustTestCa = true, TimeSpan? timeout = null) =>
            new MtaStsInspector(_f.Resolver(), new MtaStsHttpsClient(trustTestCa ? _pki.Root : null, _server?.Port ?? 1))
                .InspectAsync(domain, new MtaStsOptions { FetchTimeout = timeout ?? TestTimeouts.Answering }, CancellationToken.None);

        private static string[] Codes(MtaStsPolicyInfo info) => info.Findings.Select(f => f.Code).ToArray();

        [PeerFact("knotd")]
        public async Task Fetches_a_good_policy_with_SNI_and_Host_of_the_policy_host()
        {
            var server = ServePolicy(this, GoodPolicy);
            var info = await Inspect("good.sts.test");
            Assert.True(info.IsValid, string.Join("\n", info.Findings));
            Assert.Empty(info.Findings);
            Assert.True(info.Fetched);
            Assert.Equal("20260101T01", info.Id);
            Assert.Equal(MtaStsMode.Enforce, info.Mode);
            Assert.Equal(1209600, info.MaxAge);
            Assert.Equal(new[] { "mx1.good.sts.test", "mx2.good.sts.test" }, info.MxHosts);
            Assert.Equal("https://mta-sts.good.sts.test/.well-known/mta-sts.txt", info.PolicySource);
            Assert.Equal($"127.0.0.1:{server.Port}", info.PolicyAddress);
            Assert.Equal(new[] { "mta-sts.good.sts.test" }, server.SniNames.ToArray());
            var request = server.Requests.Single();
            Assert.StartsWith("GET /.well-known/mta-sts.txt HTTP/1.1\r\n", request);
            Assert.Contains("\r\nHost: mta-sts.good.sts.test\r\n", request);
        }

        [PeerFact("knotd")]
        public async Task Follows_a_CNAME_at_the_TXT_name()
        {
            Serve(_ => LocalHttpsServer.Http(200, "text/plain", "version: STSv1\nmode: enforce\nmx: mx1.good.sts.test\nmax_age: 1209600\n"), "cname.sts.test");
            var info = await Inspect("cname.sts.test");
            Assert.True(info.IsValid, string.Join("\n", info.Findings));
            Assert.Equal(new[] { "_mta-sts.good.sts.test" }, info.TxtCnameChain);
            Assert.Equal("20260101T01", info.Id);
        }

        [PeerFact("knotd")]
        public async Task Reads_chunked_and_read_to_close_bodies()
        {
            var chunked = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + $"{Encoding.UTF8.GetByteCount(GoodPolicy.Substring(0, 20)):x}\r\n{GoodPolicy.Substring(0, 20)}\r\n"
                        + $"{Encoding.UTF8.GetByteCount(GoodPolicy.Substring(20)):x};ext=1\r\n{GoodPolicy.Substring(20)}\r\n0\r\n\r\n";
            Serve(_ => Encoding.ASCII.GetBytes(chunked));
            var info = await Inspect("good.sts.test");
            Assert.True(info.IsValid, string.Join("\n", info.Findings));
            Assert.Equal(GoodPolicy, info.Policy);

            _server!.Dispose();
            Serve(_ => LocalHttpsServer.Http(200, "text/plain", GoodPolicy, contentLength: false));
            info = await Inspect("good.sts.test");
            Assert.True(info.IsValid, string.Join("\n", info.Findings));
            Assert.Equal(GoodPolicy, info.Policy);
        }

        private async Task<MtaStsPolicyInfo> AssertFetchFails(string code, MtaStsFetchOutcome outcome, bool trustTestCa = true, TimeSpan? timeout = null)
        {
            var info = await Inspect("good.sts.test", trustTestCa, timeout);
            Assert.False(info.IsValid);
            Assert.False(info.Fetched);
            Assert.Null(info.Mode);
            Assert.Equal(outcome, info.FetchOutcome);
            Assert.Contains(code, Codes(info));
            Assert.Contains(MtaStsFindingCodes.TxtWithoutPolicy, Codes(info));
            Assert.Equal(FindingSeverity.Error, info.Findings.First(f => f.Code == code).Severity);
            return info;
        }

        [PeerFact("knotd")]
        public async Task Certificate_for_another_name_is_refused()
        {
            Serve(_ => LocalHttpsServer.Http(200, "text/plain", GoodPolicy), leaf: _pki.Leaf(new[] { "www.good.sts.test" }));
            var info = await AssertFetchFails(MtaStsFindingCodes.FetchCertificateInvalid, MtaStsFetchOutcome.CertificateInvalid);
            Assert.Contains("not valid for the host name", info.Findings.First(f => f.Code == MtaStsFindingCodes.FetchCertificateInvalid).Message);
        }

        [PeerFact("knotd")]
        public async Task Untrusted_CA_is_refused_without_the_test_root()
        {
            var server = ServePolicy(this, GoodPolicy);
            await AssertFetchFails(MtaStsFindingCodes.FetchCertificateInvalid, MtaStsFetchOutcome.CertificateInvalid, trustTestCa: false);
            Assert.Empty(server.Requests); // nothing was sent over the refused connection
        }

        [PeerFact("knotd")]
        public async Task Another_CA_is_not_trusted_by_the_test_root()
        {
            using var other = new TestPki("Other CA");
            Serve(_ => LocalHttpsServer.Http(200, "text/plain", GoodPolicy), leaf: other.Leaf(new[] { "mta-sts.good.sts.test" }), ca: other.Root);
            await AssertFetchFails(MtaStsFindingCodes.FetchCertificateInvalid, MtaStsFetchOutcome.CertificateInvalid);
        }

        [PeerFact("knotd")]
        public async Task Expired_certificate_is_refused_even_under_the_test_root()
        {
            Serve(_ => LocalHttpsServer.Http(200, "text/plain", GoodPolicy),
                  leaf: _pki.Leaf(new[] { "mta-sts.good.sts.test" }, DateTimeOffset.UtcNow.AddDays(-20), DateTimeOffset.UtcNow.AddDays(-1)));
            await AssertFetchFails(MtaStsFindingCodes.FetchCertificateInvalid, MtaStsFetchOutcome.CertificateInvalid);
        }

        [PeerFact("knotd")]
        public async Task Redirect_is_not_followed()
        {
            var server = Serve(_ => LocalHttpsServer.Http(302, "text/html", "moved", "Location: https://mta-sts.good.sts.test/policy.txt\r\n"));
            await AssertFetchFails(MtaStsFindingCodes.FetchRedirect, MtaStsFetchOutcome.Redirect);
            Assert.Single(server.Requests);
        }

        [PeerFact("knotd")]
        public async Task Status_404_is_a_fetch_failure()
        {
            Serve(_ => LocalHttpsServer.Http(404, "text/plain", "not found"));
            await AssertFetchFails(MtaStsFindingCodes.FetchHttpStatus, MtaStsFetchOutcome.HttpStatus);
        }

        [PeerFact("knotd")]
        public async Task Text_html_is_refused()
        {
            Serve(_ => LocalHttpsServer.Http(200, "text/html; charset=utf-8", GoodPolicy));
            await AssertFetchFails(MtaStsFindingCodes.FetchContentType, MtaStsFetchOutcome.ContentType);
        }

        [PeerFact("knotd")]
        public async Task Missing_content_type_is_refused()
        {
            Serve(_ => LocalHttpsServer.Http(200, null, GoodPolicy));
            await AssertFetchFails(MtaStsFindingCodes.FetchContentType, MtaStsFetchOutcome.ContentType);
        }

        [PeerTheory("knotd")]
        [InlineData(true)]
        [InlineData(false)]
        public async Task Body_over_64_KiB_is_refused(bool contentLength)
        {
            var big = GoodPolicy + new string('#', MtaStsHttpsClient.MaxPolicyBytes); // over the limit with or without headers
            Serve(_ => LocalHttpsServer.Http(200, "text/plain", "x-pad: " + big, contentLength: contentLength));
            await AssertFetchFails(MtaStsFindingCodes.FetchTooLarge, MtaStsFetchOutcome.TooLarge);
        }

        [PeerFact("knotd")]
        public async Task Body_of_exactly_64_KiB_is_read()
        {
            var pad = "x-pad: " + new string('p', MtaStsHttpsClient.MaxPolicyBytes - GoodPolicy.Length - "x-pad: \n".Length) + "\n";
            Serve(_ => LocalHttpsServer.Http(200, "text/plain", GoodPolicy + pad));
            var info = await Inspect("good.sts.test");
            Assert.Equal(MtaStsHttpsClient.MaxPolicyBytes, Encoding.UTF8.GetByteCount(info.Policy!));
            Assert.True(info.IsValid, string.Join("\n", info.Findings));
        }

        [PeerFact("knotd")]
        public async Task Silent_server_times_out()
        {
            var server = ServePolicy(this, GoodPolicy);
            server.Silent = true;
            // Silence is the point: a short timeout (the DNS server answering is given the generous one).
            await AssertFetchFails(MtaStsFindingCodes.FetchTimeout, MtaStsFetchOutcome.Timeout, timeout: TestTimeouts.Silence);
        }

        [PeerFact("knotd")]
        public async Task Malformed_status_line_is_a_protocol_error()
        {
            Serve(_ => Encoding.ASCII.GetBytes("HTTP/2 200\r\n\r\n"));
            await AssertFetchFails(MtaStsFindingCodes.FetchProtocolError, MtaStsFetchOutcome.ProtocolError);
        }

        [PeerFact("knotd")]
        public async Task Nothing_listening_is_a_connect_failure()
        {
            var server = ServePolicy(this, GoodPolicy);
            server.Dispose(); // the port is now closed
            await AssertFetchFails(MtaStsFindingCodes.FetchConnectFailed, MtaStsFetchOutcome.ConnectFailed);
        }

        [PeerFact("knotd")]
        public async Task Policy_syntax_errors_make_the_result_invalid()
        {
            ServePolicy(this, "version: STSv1\nmode: enforcing\nmx: mx1.good.sts.test\nmax_age: 86400\n");
            var info = await Inspect("good.sts.test");
            Assert.False(info.IsValid);
            Assert.True(info.Fetched);
            Assert.Contains(MtaStsFindingCodes.PolicyModeInvalid, Codes(info));
            Assert.Contains(MtaStsFindingCodes.TxtWithoutPolicy, Codes(info));
        }

        [PeerFact("knotd")]
        public async Task Testing_mode_and_short_max_age_are_reported()
        {
            ServePolicy(this, "version: STSv1\nmode: testing\nmx: *.good.sts.test\nmax_age: 3600\n");
            var info = await Inspect("good.sts.test");
            Assert.True(info.IsValid, string.Join("\n", info.Findings));
            Assert.Equal(new[] { MtaStsFindingCodes.ModeTesting, MtaStsFindingCodes.MaxAgeShort }, Codes(info));
            Assert.Equal(FindingSeverity.Warning, info.Findings[1].Severity);
        }

        [PeerFact("knotd")]
        public async Task Mode_none_is_a_warning()
        {
            ServePolicy(this, "version: STSv1\nmode: none\nmax_age: 86400\n");
            var info = await Inspect("good.sts.test");
            Assert.Equal(new[] { MtaStsFindingCodes.ModeNone }, Codes(info));
        }

        [PeerFact("knotd")]
        public async Task MX_hosts_not_covered_are_errors_in_enforce_mode_and_unused_patterns_info()
        {
            // other.sts.test: MX mail.elsewhere.test and a.b.sts.test; "*.sts.test" must not match a.b.sts.test (§4.1).
            ServePolicy(this, "version: STSv1\nmode: enforce\nmx: *.sts.test\nmx: mail.elsewhere.test\nmx: old.sts.test\nmax_age: 604800\n", "other.sts.test");
            var info = await Inspect("other.sts.test");
            Assert.False(info.IsValid);
            Assert.Equal(new[] { "a.b.sts.test" }, info.UnmatchedMxHosts);
            Assert.Equal(new[] { "*.sts.test", "old.sts.test" }, info.UnusedPatterns);
            var notCovered = info.Findings.Single(f => f.Code == MtaStsFindingCodes.MxNotCovered);
            Assert.Equal(FindingSeverity.Error, notCovered.Severity);
            Assert.Equal("a.b.sts.test", notCovered.Subject);
            Assert.Equal(2, info.Findings.Count(f => f.Code == MtaStsFindingCodes.MxPatternUnused && f.Severity == FindingSeverity.Info));
        }

        [PeerFact("knotd")]
        public async Task MX_not_covered_is_a_warning_in_testing_mode()
        {
            ServePolicy(this, "version: STSv1\nmode: testing\nmx: mail.elsewhere.test\nmax_age: 604800\n", "other.sts.test");
            var info = await Inspect("other.sts.test");
            Assert.Equal(FindingSeverity.Warning, info.Findings.Single(f => f.Code == MtaStsFindingCodes.MxNotCovered).Severity);
            Assert.True(info.IsValid);
        }

        [PeerFact("knotd")]
        public async Task Implicit_MX_is_the_domain_itself()
        {
            ServePolicy(this, "version: STSv1\nmode: enforce\nmx: implicit.sts.test\nmax_age: 604800\n", "implicit.sts.test");
            var info = await Inspect("implicit.sts.test");
            Assert.Equal(new[] { "implicit.sts.test" }, info.MxHosts);
            Assert.True(info.IsValid, string.Join("\n", info.Findings));
        }

        [PeerFact("knotd")]
        public async Task Null_MX_is_reported_and_nothing_is_compared()
        {
            ServePolicy(this, "version: STSv1\nmode: enforce\nmx: mail.nullmx.sts.test\nmax_age: 604800\n", "nullmx.sts.test");
            var info = await Inspect("nullmx.sts.test");
            Assert.Contains(MtaStsFindingCodes.NullMx, Codes(info));
            Assert.Empty(info.MxHosts);
            Assert.DoesNotContain(MtaStsFindingCodes.MxNotCovered, Codes(info));
        }

        [PeerFact("knotd")]
        public async Task Multiple_TXT_records_mean_no_policy()
        {
            ServePolicy(this, GoodPolicy, "multi.sts.test");
            var info = await Inspect("multi.sts.test");
            Assert.False(info.IsValid);
            Assert.Contains(MtaStsFindingCodes.TxtMultiple, Codes(info));
            Assert.Null(info.Id);
        }

        [PeerFact("knotd")]
        public async Task Invalid_TXT_records_are_reported()
        {
            ServePolicy(this, GoodPolicy, "badtxt.sts.test");
            var info = await Inspect("badtxt.sts.test");
            Assert.False(info.IsValid);
            Assert.Contains(MtaStsFindingCodes.TxtInvalid, Codes(info));

            info = await Inspect("lower.sts.test");
            Assert.Contains(MtaStsFindingCodes.TxtInvalid, Codes(info));
            Assert.Equal("v=stsv1; id=1", info.TxtRecord);
        }

        [PeerFact("knotd")]
        public async Task TXT_without_a_policy_host_address()
        {
            var info = await Inspect("nohost.sts.test");
            Assert.Equal(MtaStsFetchOutcome.DnsFailed, info.FetchOutcome);
            Assert.Equal(new[] { MtaStsFindingCodes.FetchDnsFailed, MtaStsFindingCodes.TxtWithoutPolicy }, Codes(info));
        }

        [PeerFact("knotd")]
        public async Task Policy_without_TXT_is_a_warning()
        {
            ServePolicy(this, "version: STSv1\nmode: enforce\nmx: mx1.good.sts.test\nmax_age: 604800\n", "notxt.sts.test");
            var info = await Inspect("notxt.sts.test");
            Assert.False(info.IsValid);
            Assert.Equal(new[] { MtaStsFindingCodes.PolicyWithoutTxt }, Codes(info));
            Assert.Equal(MtaStsMode.Enforce, info.Mode);
        }

        [PeerFact("knotd")]
        public async Task No_MTA_STS_at_all_is_one_info_finding()
        {
            var info = await Inspect("plain.sts.test");
            Assert.Equal(new[] { MtaStsFindingCodes.NoTxt }, Codes(info));
            Assert.Equal(FindingSeverity.Info, info.Findings[0].Severity);
            Assert.False(info.Fetched);
        }

        [PeerFact("knotd")]
        public async Task A_policy_host_that_does_not_exist_is_not_asked_for_AAAA_after_NXDOMAIN()
        {
            // RFC 8020 §2: after NXDOMAIN nothing exists at the name; most domains have no policy host, and a bulk
            // audit would pay a query (and a round trip) for each.
            var tracer = new TracingDnsResolver(_f.Resolver());
            await new MtaStsInspector(tracer, new MtaStsHttpsClient(_pki.Root, _server?.Port ?? 1))
                .InspectAsync("plain.sts.test", new MtaStsOptions { FetchTimeout = TestTimeouts.Answering }, CancellationToken.None);
            var host = tracer.Entries.Where(e => e.Answer.QueryName == "mta-sts.plain.sts.test").ToList();
            Assert.Equal(DnsAnswerStatus.NxDomain, Assert.Single(host, e => e.Answer.QueryType == DnsRecordType.A).Answer.Status);
            Assert.DoesNotContain(host, e => e.Answer.QueryType == DnsRecordType.AAAA);
        }
    }
}
