using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Spf;

namespace EmailAuth.Core.Tests.Spf
{
    /// <summary>Builds in-memory zones for SPF tests and runs check_host against them.</summary>
    internal sealed class SpfTestZone
    {
        private readonly List<DnsRecord> _records = new List<DnsRecord>();
        private readonly Dictionary<(string, DnsRecordType), DnsAnswerStatus> _failures = new Dictionary<(string, DnsRecordType), DnsAnswerStatus>();

        public SpfTestZone Txt(string name, params string[] strings)
        {
            _records.Add(new DnsRecord(name, DnsRecordType.TXT, 300, string.Concat(strings), strings));
            return this;
        }

        public SpfTestZone Spf99(string name, string text)
        {
            _records.Add(new DnsRecord(name, DnsRecordType.SPF, 300, text, new[] { text }));
            return this;
        }

        public SpfTestZone A(string name, params string[] addresses)
        {
            foreach (var a in addresses)
                _records.Add(new DnsRecord(name, a.Contains(':') ? DnsRecordType.AAAA : DnsRecordType.A, 300, a));
            return this;
        }

        public SpfTestZone Mx(string name, int preference, string target)
        {
            _records.Add(new DnsRecord(name, DnsRecordType.MX, 300, target, preference: preference));
            return this;
        }

        public SpfTestZone Ptr(string name, string target)
        {
            _records.Add(new DnsRecord(name, DnsRecordType.PTR, 300, target));
            return this;
        }

        public SpfTestZone Cname(string name, string target)
        {
            _records.Add(new DnsRecord(name, DnsRecordType.CNAME, 300, target));
            return this;
        }

        public SpfTestZone Failure(string name, DnsRecordType type, DnsAnswerStatus status = DnsAnswerStatus.ServerFailure)
        {
            _failures[(name.ToLowerInvariant(), type)] = status;
            return this;
        }

        public IDnsResolver Resolver => new FaultInjectingResolver(new RecordSetResolver(_records, "192.0.2.53:53"), _failures);

        public Task<SpfCheckResult> Check(string ip, string sender, string helo = "mail.example.org", string? domain = null,
                                          SpfEvaluationOptions? options = null)
            => new SpfEvaluator(Resolver, options).CheckHostAsync(IPAddress.Parse(ip), domain, sender, helo);

        private sealed class FaultInjectingResolver : IDnsResolver
        {
            private readonly IDnsResolver _inner;
            private readonly Dictionary<(string, DnsRecordType), DnsAnswerStatus> _failures;

            public FaultInjectingResolver(IDnsResolver inner, Dictionary<(string, DnsRecordType), DnsAnswerStatus> failures)
            {
                _inner = inner;
                _failures = failures;
            }

            public Task<DnsAnswer> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken = default)
            {
                if (_failures.TryGetValue((DnsName.Normalize(name).ToLowerInvariant(), type), out var status))
                    return Task.FromResult(new DnsAnswer(name, type, status, server: "192.0.2.53:53", errorMessage: "injected " + status));
                return _inner.QueryAsync(name, type, cancellationToken);
            }
        }
    }

    /// <summary>Answers after a delay, honouring cancellation (or not).</summary>
    internal sealed class DelayingResolver : IDnsResolver
    {
        private readonly IDnsResolver _inner;
        private readonly TimeSpan _delay;
        private readonly bool _honourCancellation;

        public DelayingResolver(IDnsResolver inner, TimeSpan delay, bool honourCancellation = true)
        {
            _inner = inner;
            _delay = delay;
            _honourCancellation = honourCancellation;
        }

        public int Queries;

        public async Task<DnsAnswer> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Queries);
            await Task.Delay(_delay, _honourCancellation ? cancellationToken : CancellationToken.None);
            return await _inner.QueryAsync(name, type, cancellationToken);
        }
    }
}
