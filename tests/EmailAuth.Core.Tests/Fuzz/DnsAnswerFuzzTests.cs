using System;
using Xunit;
using Xunit.Abstractions;

namespace EmailAuth.Core.Tests.Fuzz
{
    /// <summary>
    /// LiveDnsResolver against generated and damaged response datagrams from a raw UDP socket on 127.0.0.1:
    /// every query ends in a DnsAnswer. A few hundred datagrams, fixed seed.
    /// </summary>
    public class DnsAnswerFuzzTests
    {
        private readonly ITestOutputHelper _output;

        public DnsAnswerFuzzTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void Malformed_responses_become_answers_not_exceptions()
        {
            // The server answers every datagram at once; the 2 s attempt timeout only ends waits for datagrams the
            // resolver rightly ignored (a timeout is an answer, not a failure). An input may make a dozen queries
            // through check_host(), so the hang detector allows 30 s: far beyond any real run, even on a loaded machine.
            using var target = new DnsPacketTarget(TimeSpan.FromSeconds(2));
            var report = FuzzRunner.Run(target, seed: 1035, count: 300, deadline: TimeSpan.FromSeconds(30));
            _output.WriteLine($"{report.Summary()}; {target.PacketsSent} datagrams, {target.Timeouts} timeouts");
            Assert.True(report.Failures.Count == 0, report.ToString());
        }
    }
}
