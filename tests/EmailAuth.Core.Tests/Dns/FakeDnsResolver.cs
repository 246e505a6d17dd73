using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Dns;

namespace EmailAuth.Core.Tests.Dns
{
    /// <summary>An inner resolver for cache tests: answers from a function, counts calls, can hold answers behind a gate.</summary>
    internal sealed class FakeDnsResolver : IDnsResolver
    {
        private readonly Func<string, DnsRecordType, DnsAnswer> _answer;
        private int _calls;

        public FakeDnsResolver(Func<string, DnsRecordType, DnsAnswer> answer) => _answer = answer;

        /// <summary>While set, queries wait for it to complete before answering.</summary>
        public TaskCompletionSource<bool>? Gate { get; set; }

        public int Calls => Volatile.Read(ref _calls);

        /// <summary>The token each upstream query was given, in call order.</summary>
        public ConcurrentQueue<CancellationToken> Tokens { get; } = new ConcurrentQueue<CancellationToken>();

        public async Task<DnsAnswer> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            Tokens.Enqueue(cancellationToken);
            var gate = Gate;
            if (gate != null) await gate.Task.WaitAsync(cancellationToken);
            else await Task.Yield();
            return _answer(name, type);
        }

        public static DnsAnswer Records(string name, DnsRecordType type, params int[] ttls) =>
            new DnsAnswer(name, type, DnsAnswerStatus.Success,
                Array.ConvertAll(ttls, ttl => new DnsRecord(name, type, ttl, $"{name}/{type}/{ttl}")), server: "fake:53");
    }
}
