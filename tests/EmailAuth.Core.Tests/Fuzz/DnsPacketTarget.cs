using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Spf;
using EmailAuth.Core.Tests.Infrastructure;

namespace EmailAuth.Core.Tests.Fuzz
{
    /// <summary>
    /// One question, and the seed of the datagrams the fake server answers it with (one per query received).
    /// <see cref="ViaSpf"/>: check_host() and the tree linter for <see cref="Name"/> first, so answers also reach the SPF engine.
    /// </summary>
    public sealed record DnsPacketInput(string Name, DnsRecordType Type, int PacketSeed, bool ViaSpf)
    {
        /// <summary>The datagrams actually sent while the input ran (filled in by the target).</summary>
        public List<byte[]> Sent { get; } = new List<byte[]>();
    }

    /// <summary>
    /// <see cref="LiveDnsResolver"/> against a raw UDP socket on 127.0.0.1 answering every query with a
    /// <see cref="DnsPacketGenerator"/> datagram. Property: QueryAsync always returns a <see cref="DnsAnswer"/>
    /// (an error status for garbage), never an exception, and its parts agree (records of the asked type only
    /// on success, a message on error); a quarter of the inputs first go through check_host() and the tree linter
    /// (behind a <see cref="CachingDnsResolver"/>), which must return a result. No TCP fallback: a truncated answer is an error, and the fuzz stays UDP.
    /// </summary>
    public sealed class DnsPacketTarget : FuzzTarget<DnsPacketInput>, IDisposable
    {
        private static readonly string[] Names = { "fuzz.test", "a.fuzz.test", "_spf.fuzz.test", "b\u00fccher.fuzz.test", "3.2.0.192.in-addr.arpa" };
        private static readonly DnsRecordType[] Types =
            { DnsRecordType.TXT, DnsRecordType.TXT, DnsRecordType.A, DnsRecordType.AAAA, DnsRecordType.MX, DnsRecordType.PTR, DnsRecordType.SPF, DnsRecordType.CNAME };

        private readonly RawUdpDnsServer _server;
        private readonly LiveDnsResolver _resolver;
        private readonly object _gate = new object();
        private DnsPacketInput? _current;
        private DnsPacketGenerator? _packets;
        private Exception? _serverError;

        /// <param name="timeout">Per attempt: the server answers every datagram, so this only ends waits for answers the resolver rightly ignored.</param>
        public DnsPacketTarget(TimeSpan timeout)
        {
            _server = new RawUdpDnsServer(Reply);
            _resolver = new LiveDnsResolver(new DnsResolverOptions
            {
                Servers = new[] { _server.Endpoint },
                Timeout = timeout,
                Retries = 0,
                UseTcpFallback = false,
            });
        }

        public override string Name => "dns-packet";

        /// <summary>Datagrams sent so far, over all inputs.</summary>
        public int PacketsSent { get; private set; }

        /// <summary>Answers with a timeout status, over all inputs (datagrams the resolver did not take as an answer).</summary>
        public int Timeouts { get; private set; }

        protected override DnsPacketInput Create(Random random) =>
            new DnsPacketInput(Names[random.Next(Names.Length)], Types[random.Next(Types.Length)], random.Next(), ViaSpf: random.Next(4) == 0);

        private byte[]? Reply(byte[] query)
        {
            lock (_gate)
            {
                if (_current == null || _packets == null) return null; // a late retry of an input already over
                try
                {
                    var packet = _packets.Response(query);
                    _current.Sent.Add(packet);
                    PacketsSent++;
                    return packet;
                }
                catch (Exception e)
                {
                    _serverError = e; // a generator bug: reported as this input's failure, not as a silent server
                    return null;
                }
            }
        }

        protected override async Task RunAsync(DnsPacketInput input, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                _current = input;
                _current.Sent.Clear(); // a re-run (retiming) records its own datagrams
                _packets = new DnsPacketGenerator(new Random(input.PacketSeed));
                _serverError = null;
            }
            DnsAnswer answer;
            SpfCheckResult? spf = null;
            try
            {
                if (input.ViaSpf)
                {
                    // As the cmdlets use it: a cache (odd TTLs included) in front of the live resolver.
                    var cached = new CachingDnsResolver(_resolver);
                    spf = await new SpfEvaluator(cached, new SpfEvaluationOptions { IncludeTrace = true })
                        .CheckHostAsync(IPAddress.Parse("192.0.2.3"), input.Name, "user@" + input.Name, "mail.fuzz.test", cancellationToken).ConfigureAwait(false);
                    var tree = await new SpfRecordInspector(cached).InspectAsync(input.Name, cancellationToken).ConfigureAwait(false);
                    FuzzPropertyException.Check(tree.Findings != null && (tree.Record != null || !tree.IsValid), "the inspected tree has no record yet is valid");
                }
                answer = await _resolver.QueryAsync(input.Name, input.Type, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                lock (_gate) _current = null;
            }
            if (_serverError != null) throw new InvalidOperationException("the packet generator failed", _serverError);
            if (spf != null && (spf.Result == SpfResult.PermError || spf.Result == SpfResult.TempError))
                FuzzPropertyException.Check(!string.IsNullOrEmpty(spf.Reason), $"check_host {spf.Result} without a reason");
            FuzzPropertyException.Check(answer != null, "no answer");
            FuzzPropertyException.Check(Enum.IsDefined(typeof(DnsAnswerStatus), answer!.Status), $"undefined status {(int)answer.Status}");
            FuzzPropertyException.Check(answer.QueryType == input.Type, $"answer for {answer.QueryType}, asked {input.Type}");
            if (answer.IsError) FuzzPropertyException.Check(!string.IsNullOrEmpty(answer.ErrorMessage), $"{answer.Status} without a message");
            if (answer.Status == DnsAnswerStatus.Success)
                FuzzPropertyException.Check(answer.Records.Count > 0 && answer.Records.All(r => r.Type == input.Type || (input.Type == DnsRecordType.SPF && r.Type == DnsRecordType.SPF)),
                    $"success with {answer.Records.Count} record(s) of types {string.Join(",", answer.Records.Select(r => r.Type))}");
            else
                FuzzPropertyException.Check(answer.Records.Count == 0, $"{answer.Status} with records");
            if (answer.Status == DnsAnswerStatus.Timeout) Timeouts++;
        }

        protected override string Describe(DnsPacketInput input) =>
            $"{(input.ViaSpf ? $"check_host(192.0.2.3, {input.Name}) then " : "")}query {input.Name} {input.Type}, packet seed {input.PacketSeed}\n" +
            string.Join("\n", input.Sent.Select((p, i) => $"datagram {i + 1} ({p.Length} octets): {Convert.ToHexString(p)}"));

        public void Dispose() => _server.Dispose();
    }
}
