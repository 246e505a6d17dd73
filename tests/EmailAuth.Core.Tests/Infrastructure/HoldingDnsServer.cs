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
    /// A DNS server on 127.0.0.1 (ARSoft, UDP and TCP) that holds every answer until the test calls <see cref="Release"/>,
    /// so a test sees how many queries a client has in flight at once without measuring time: <see cref="Outstanding"/>
    /// counts queries received and not yet answered. Answers TXT records the test adds, NXDOMAIN for anything else.
    /// </summary>
    public sealed class HoldingDnsServer : IDisposable
    {
        private readonly DnsServer _server;
        private readonly TaskCompletionSource<bool> _released = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ConcurrentDictionary<string, string> _txt = new ConcurrentDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        private readonly ConcurrentQueue<string> _received = new ConcurrentQueue<string>();
        private int _outstanding;
        private int _maxOutstanding;

        public HoldingDnsServer()
        {
            Port = LoopbackPorts.FreeUdpAndTcpPort();
            var endpoint = new IPEndPoint(IPAddress.Loopback, Port);
            _server = new DnsServer(new UdpServerTransport(endpoint, 5000), new TcpServerTransport(endpoint, 5000, 1000));
            _server.QueryReceived += OnQueryAsync;
            _server.Start();
        }

        public int Port { get; }
        public string Endpoint => $"127.0.0.1:{Port}";
        public int Outstanding => Volatile.Read(ref _outstanding);
        /// <summary>The most queries held at one time.</summary>
        public int MaxOutstanding => Volatile.Read(ref _maxOutstanding);
        /// <summary>Names asked, in order of arrival.</summary>
        public IReadOnlyList<string> Received => _received.ToArray();

        public HoldingDnsServer Txt(string name, string text)
        {
            _txt[name.TrimEnd('.')] = text;
            return this;
        }

        /// <summary>Answers the held queries and every later one at once.</summary>
        public void Release() => _released.TrySetResult(true);

        private async Task OnQueryAsync(object sender, QueryReceivedEventArgs e)
        {
            if (!(e.Query is DnsMessage query) || query.Questions.Count != 1) return;
            var question = query.Questions[0];
            var name = question.Name.ToString().TrimEnd('.');
            _received.Enqueue(name);
            var now = Interlocked.Increment(ref _outstanding);
            int max;
            while (now > (max = Volatile.Read(ref _maxOutstanding)) && Interlocked.CompareExchange(ref _maxOutstanding, now, max) != max) { }
            try
            {
                await _released.Task.ConfigureAwait(false);
                var response = query.CreateResponseInstance();
                response.IsAuthoritiveAnswer = true;
                if (question.RecordType == RecordType.Txt && _txt.TryGetValue(name, out var text))
                    response.AnswerRecords.Add(new TxtRecord(question.Name, 300, Enumerable.Range(0, (text.Length + 254) / 255)
                        .Select(i => text.Substring(i * 255, Math.Min(255, text.Length - i * 255))).ToArray()));
                else
                    response.ReturnCode = ReturnCode.NxDomain;
                e.Response = response;
            }
            finally { Interlocked.Decrement(ref _outstanding); }
        }

        public void Dispose()
        {
            Release();
            try
            {
                _server.Stop();
            }
            // Stop cancels the listeners and may report their cancellation: that is the point of stopping.
            catch (AggregateException e) when (e.Flatten().InnerExceptions.All(x => x is OperationCanceledException)) { }
        }
    }
}
