using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Dns;

namespace EmailAuth.Core.Tests.Posture
{
    /// <summary>Answers Timeout for every name at or under <c>Failing</c>, the rest from the inner resolver.</summary>
    internal sealed class FailingDomainResolver : IDnsResolver
    {
        private readonly IDnsResolver _inner;
        private readonly string _failing;

        public FailingDomainResolver(IDnsResolver inner, string failing)
        {
            _inner = inner;
            _failing = failing;
        }

        public Task<DnsAnswer> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken = default)
        {
            var n = DnsName.Normalize(name);
            if (n == _failing || n.EndsWith("." + _failing, StringComparison.Ordinal))
                return Task.FromResult(new DnsAnswer(name, type, DnsAnswerStatus.Timeout, server: "127.0.0.1:53", errorMessage: "no answer (test)"));
            return _inner.QueryAsync(name, type, cancellationToken);
        }
    }

    /// <summary>
    /// Holds every query for names at or under <c>Held</c> until <see cref="Release"/> (or cancellation), and counts
    /// how many domains have queries in flight at once (the auditor's concurrency, seen from the resolver).
    /// </summary>
    internal sealed class GateResolver : IDnsResolver
    {
        private readonly IDnsResolver _inner;
        private readonly string? _held;
        private readonly TaskCompletionSource<bool> _gate = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Dictionary<string, int> _inFlight = new Dictionary<string, int>();
        private int _maxDomains;

        public GateResolver(IDnsResolver inner, string? held)
        {
            _inner = inner;
            _held = held;
        }

        public int MaxDomainsInFlight { get { lock (_inFlight) return _maxDomains; } }
        public int HeldQueries;

        public void Release() => _gate.TrySetResult(true);

        /// <summary>Holds every query until released, for all names (to fill every slot).</summary>
        public bool HoldAll { get; set; }

        public async Task<DnsAnswer> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken = default)
        {
            var domain = DomainOf(DnsName.Normalize(name));
            var counted = Audited == null || Audited.Contains(domain);
            if (counted)
                lock (_inFlight)
                {
                    _inFlight[domain] = _inFlight.TryGetValue(domain, out var c) ? c + 1 : 1;
                    if (_inFlight.Count > _maxDomains) _maxDomains = _inFlight.Count;
                }
            try
            {
                if (HoldAll || (_held != null && domain == _held))
                {
                    Interlocked.Increment(ref HeldQueries);
                    var cancelled = new TaskCompletionSource<bool>();
                    using (cancellationToken.Register(() => cancelled.TrySetResult(true)))
                        await Task.WhenAny(_gate.Task, cancelled.Task).ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                }
                return await _inner.QueryAsync(name, type, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (counted)
                    lock (_inFlight)
                    {
                        if (--_inFlight[domain] == 0) _inFlight.Remove(domain);
                    }
            }
        }

        /// <summary>
        /// The audited fixture domain a query belongs to (the name itself or a name under it: _dmarc., selectors, mta-sts.),
        /// else the name itself (shared hosts such as mx.posture.test count as their own "domain").
        /// </summary>
        private static string DomainOf(string name)
        {
            if (name == "good.test" || name.EndsWith(".good.test", StringComparison.Ordinal)) return "good.test";
            const string zone = ".posture.test";
            if (!name.EndsWith(zone, StringComparison.Ordinal)) return name;
            var left = name.Substring(0, name.Length - zone.Length);
            return left.Substring(left.LastIndexOf('.') + 1) + zone;
        }

        /// <summary>Only the audited domains count towards <see cref="MaxDomainsInFlight"/>.</summary>
        public ISet<string>? Audited { get; set; }
    }

    /// <summary>Counts the questions that reach it, per name and type (what the layers above did not share).</summary>
    internal sealed class CountingResolver : IDnsResolver
    {
        private readonly IDnsResolver _inner;
        private readonly Dictionary<(string, DnsRecordType), int> _counts = new Dictionary<(string, DnsRecordType), int>();

        public CountingResolver(IDnsResolver inner) => _inner = inner;

        public int Count(string name, DnsRecordType type)
        {
            lock (_counts) return _counts.TryGetValue((DnsName.Normalize(name), type), out var n) ? n : 0;
        }

        public Task<DnsAnswer> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken = default)
        {
            var key = (DnsName.Normalize(name), type);
            lock (_counts) _counts[key] = _counts.TryGetValue(key, out var n) ? n + 1 : 1;
            return _inner.QueryAsync(name, type, cancellationToken);
        }
    }
}
