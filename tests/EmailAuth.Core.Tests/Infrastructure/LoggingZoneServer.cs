using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;

namespace EmailAuth.Core.Tests.Infrastructure
{
    /// <summary>
    /// An authoritative DNS server on 127.0.0.1 (ARSoft, UDP and TCP on one port) answering from the records a
    /// test adds, and logging every query it receives: tests count the traffic a resolver really sends, not what
    /// the engine believes it sent. Like an authoritative server for another zone, it never follows a CNAME
    /// (one hop per response, RFC 1034 §4.3.2); negative answers carry the zone's SOA (RFC 2308 §3). Chosen record
    /// types get no answer at all (the query is logged, then nothing is sent back).
    /// </summary>
    public sealed class LoggingZoneServer : IDisposable
    {
        private readonly DnsServer _server;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly ConcurrentQueue<ReceivedQuery> _received = new ConcurrentQueue<ReceivedQuery>();
        private readonly object _gate = new object();
        private readonly Dictionary<string, List<DnsRecordBase>> _records = new Dictionary<string, List<DnsRecordBase>>(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _existing = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<RecordType> _silent = new HashSet<RecordType>();
        private readonly SoaRecord _soa;

        /// <param name="apex">The zone served, e.g. "amp.test": its SOA goes into NXDOMAIN and NODATA answers.</param>
        public LoggingZoneServer(string apex)
        {
            _soa = new SoaRecord(DomainName.Parse(apex), 300, DomainName.Parse("ns." + apex), DomainName.Parse("hostmaster." + apex), 1, 3600, 600, 86400, 60);
            Port = LoopbackPorts.FreeUdpAndTcpPort();
            var endpoint = new IPEndPoint(IPAddress.Loopback, Port);
            _server = new DnsServer(new UdpServerTransport(endpoint, 5000), new TcpServerTransport(endpoint, 5000, 1000));
            _server.QueryReceived += OnQueryAsync;
            _server.Start();
        }

        public int Port { get; }
        public string Endpoint => $"127.0.0.1:{Port}";

        /// <summary>Every query received so far, in order of arrival (UDP and TCP alike).</summary>
        public IReadOnlyList<ReceivedQuery> Received => _received.ToArray();

        public int Count(RecordType type) => Received.Count(q => q.Type == type);

        public LoggingZoneServer Txt(string name, string text)
        {
            var strings = new List<string>();
            for (var i = 0; i < text.Length; i += 255) strings.Add(text.Substring(i, Math.Min(255, text.Length - i)));
            return Add(new TxtRecord(DomainName.Parse(name), 300, strings.ToArray()));
        }

        public LoggingZoneServer A(string name, string address) => Add(new ARecord(DomainName.Parse(name), 300, IPAddress.Parse(address)));

        public LoggingZoneServer Mx(string name, ushort preference, string exchange) =>
            Add(new MxRecord(DomainName.Parse(name), 300, preference, DomainName.Parse(exchange)));

        public LoggingZoneServer Cname(string name, string target) => Add(new CNameRecord(DomainName.Parse(name), 300, DomainName.Parse(target)));

        /// <summary>Queries of these types are logged and never answered.</summary>
        public LoggingZoneServer SilentFor(params RecordType[] types)
        {
            lock (_gate) _silent.UnionWith(types);
            return this;
        }

        private LoggingZoneServer Add(DnsRecordBase record)
        {
            var name = Key(record.Name);
            lock (_gate)
            {
                if (!_records.TryGetValue(name, out var list)) _records[name] = list = new List<DnsRecordBase>();
                list.Add(record);
                // Every ancestor of an owner name exists (empty non-terminals are NODATA, RFC 8020).
                for (var n = name; n.Length > 0; n = n.Contains('.') ? n.Substring(n.IndexOf('.') + 1) : string.Empty) _existing.Add(n);
            }
            return this;
        }

        private async Task OnQueryAsync(object sender, QueryReceivedEventArgs e)
        {
            if (!(e.Query is DnsMessage query) || query.Questions.Count != 1) return;
            var question = query.Questions[0];
            _received.Enqueue(new ReceivedQuery(Key(question.Name), question.RecordType, e.TransportProtocol == TransportProtocol.Tcp));
            bool silent;
            lock (_gate) silent = _silent.Contains(question.RecordType);
            if (silent)
            {
                // Hold the query until the server stops; the client sees silence.
                try { await Task.Delay(Timeout.Infinite, _stop.Token); } catch (OperationCanceledException) { }
                return;
            }
            e.Response = Answer(query, question);
        }

        private DnsMessage Answer(DnsMessage query, DnsQuestion question)
        {
            var response = query.CreateResponseInstance();
            response.IsAuthoritiveAnswer = true;
            response.IsRecursionAllowed = false;
            response.ReturnCode = ReturnCode.NoError;
            var name = Key(question.Name);
            lock (_gate)
            {
                if (_records.TryGetValue(name, out var records))
                {
                    var cname = records.OfType<CNameRecord>().FirstOrDefault();
                    if (cname != null && question.RecordType != RecordType.CName)
                    {
                        response.AnswerRecords.Add(cname); // One hop: the client asks for the target itself.
                        return response;
                    }
                    var matching = records.Where(r => r.RecordType == question.RecordType).ToList();
                    if (matching.Count > 0)
                    {
                        response.AnswerRecords.AddRange(matching);
                        return response;
                    }
                }
                if (!_existing.Contains(name)) response.ReturnCode = ReturnCode.NxDomain;
            }
            response.AuthorityRecords.Add(_soa);
            return response;
        }

        private static string Key(DomainName name) => name.ToString().TrimEnd('.').ToLowerInvariant();

        public void Dispose()
        {
            try
            {
                _server.Stop();
            }
            // Stop cancels the listeners and may report their cancellation: that is the point of stopping.
            catch (AggregateException e) when (e.Flatten().InnerExceptions.All(x => x is OperationCanceledException)) { }
            _stop.Cancel(); // Held (silent) queries end after the transports closed: still no answer.
            _stop.Dispose();
        }
    }

    /// <summary>One query as the server received it.</summary>
    public readonly struct ReceivedQuery
    {
        public ReceivedQuery(string name, RecordType type, bool overTcp)
        {
            Name = name;
            Type = type;
            OverTcp = overTcp;
        }

        public string Name { get; }
        public RecordType Type { get; }
        public bool OverTcp { get; }

        public override string ToString() => $"{Type} {Name}{(OverTcp ? " (TCP)" : string.Empty)}";
    }
}
