using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Dns.Wire;

namespace EmailAuth.Core.Dns
{
    /// <summary>
    /// Queries real DNS servers: the configured servers in order (failover), else the system's. UDP with TCP
    /// fallback on truncation, no client-side cache (see <see cref="CachingDnsResolver"/>), CNAME chains followed.
    /// The wire protocol is EmailAuth's own (Dns/Wire): names go out octet for octet (RFC 2181 §11), a
    /// reply that does not answer the query is discarded without ending the wait (RFC 5452 §9.1), and a server that
    /// drops a TCP connection is reported as such. Options are read once, at construction. Every answer says how
    /// many messages it cost (<see cref="DnsAnswer.QueriesSent"/>), CNAME hops asked separately included.
    /// </summary>
    public sealed class LiveDnsResolver : IDnsResolver, IDnsQueryTiming
    {
        private readonly Lazy<DnsServerSet> _servers;
        /// <summary>UDP sockets per server, shared by the queries in flight (see <see cref="UdpDnsSocketPool"/>).</summary>
        private readonly ConcurrentDictionary<DnsServerAddress, UdpDnsSocketPool> _udp = new ConcurrentDictionary<DnsServerAddress, UdpDnsSocketPool>();
        private static readonly Func<DnsServerAddress, UdpDnsSocketPool> NewPool = server => new UdpDnsSocketPool(server);

        public LiveDnsResolver(DnsResolverOptions options) : this(options, DnsServerSet.SystemServers) { }

        /// <param name="systemServers">Finds the system's resolvers when none are configured (tests replace it).</param>
        internal LiveDnsResolver(DnsResolverOptions options, Func<IReadOnlyList<DnsServerAddress>> systemServers)
        {
            Options = options ?? throw new ArgumentNullException(nameof(options));
            if (options.Timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), options.Timeout, "Timeout must be positive.");
            if (options.Retries < 0) throw new ArgumentOutOfRangeException(nameof(options), options.Retries, "Retries must be 0 or more.");
            // Bad server strings are the caller's error: FormatException now, not an answer per query.
            var configured = (options.Servers ?? Array.Empty<string>()).Select(DnsServerAddress.Parse).ToList();
            _servers = new Lazy<DnsServerSet>(() => configured.Count > 0 ? new DnsServerSet(configured) : DnsServerSet.FromSystem(systemServers));
        }

        public DnsResolverOptions Options { get; }

        /// <summary>UDP queries still in the sockets' tables (tests: none once every query has ended).</summary>
        internal int PendingUdpQueries
        {
            get
            {
                var n = 0;
                foreach (var pool in _udp.Values) n += pool.PendingInSlots;
                return n;
            }
        }

        /// <summary>UDP sockets still open (tests: all close once idle for <see cref="UdpDnsSocket.IdleLinger"/>).</summary>
        internal int OpenUdpSockets
        {
            get
            {
                var n = 0;
                foreach (var pool in _udp.Values) n += pool.OpenSockets;
                return n;
            }
        }

        /// <summary>The servers queried, in order ("ip:port"); the system's are found on first use.</summary>
        public IReadOnlyList<string> Servers => _servers.Value.Servers.Select(s => s.ToString()).ToList();

        /// <summary>One question's worst case: <see cref="DnsResolverOptions.Timeout"/> × (1 + retries) × servers.</summary>
        public TimeSpan WorstCaseQueryTime =>
            TimeSpan.FromTicks(Options.Timeout.Ticks * (Options.Retries + 1) * Math.Max(1, _servers.Value.Servers.Count));

        public async Task<DnsAnswer> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken = default)
        {
            if (name == null) throw new ArgumentNullException(nameof(name));
            cancellationToken.ThrowIfCancellationRequested();
            var query = DnsName.Normalize(name);
            var invalid = DnsNameSyntax.ToWire(query, out var labels);
            if (invalid != null) return new DnsAnswer(query, type, DnsAnswerStatus.Error, errorMessage: invalid);
            var servers = _servers.Value;
            if (servers.Error != null) return new DnsAnswer(query, type, DnsAnswerStatus.Error, errorMessage: servers.Error);

            // Answers name the wire form (A-labels, escapes as printed by DnsNameText), so the chain is followed from it.
            var wireName = DnsNameText.IsPlainText(query) ? query : DnsNameText.Format(labels); // most names: the same string
            var walk = new CnameWalk(wireName, type);
            var formatted = wireName; // the current name's labels in presentation form, when known (not after a hop)
            for (var current = wireName; ;)
            {
                var question = formatted != null ? new DnsQueryMessage(labels, formatted, type, recursion: true) : new DnsQueryMessage(labels, type, recursion: true);
                // The question to the servers in order, Options.Retries more rounds on failure; inline rather than
                // an async method of its own, so a query costs one state machine here (most are one UDP attempt).
                List<string>? failures = null; // most questions succeed at once
                DnsExchange? exchange = null;
                var attempts = 0;
                var list = servers.Servers;
                for (var round = 0; round <= Options.Retries && exchange?.Response == null; round++)
                {
                    for (var s = 0; s < list.Count; s++)
                    {
                        var to = list[s];
                        cancellationToken.ThrowIfCancellationRequested();
                        // Each attempt has its own ID (RFC 5452 §9.2): a late reply to an earlier attempt is not its answer.
                        var attempt = attempts++ == 0 ? question : question.Again();
                        DnsExchange outcome;
                        try
                        {
                            outcome = await _udp.GetOrAdd(to, NewPool).AskAsync(attempt, Options.Timeout, cancellationToken).ConfigureAwait(false);
                            // UDP, then TCP when the UDP answer is truncated (RFC 7766 §5).
                            if (outcome.Response?.IsTruncated == true)
                            {
                                outcome = !Options.UseTcpFallback
                                    ? new DnsExchange(to, DnsAnswerStatus.Error, "the UDP answer was truncated (TC bit) and TCP fallback is off")
                                    : await TcpDnsExchange.AskAsync(to, attempt.Again(), Options.Timeout, cancellationToken).ConfigureAwait(false);
                                if (outcome.Response?.IsTruncated == true)
                                    outcome = new DnsExchange(to, DnsAnswerStatus.Error, "the TCP answer was truncated (TC bit)");
                            }
                        }
                        catch (Exception e) when (!(e is OperationCanceledException)) // never thrown to callers: a failed attempt
                        {
                            outcome = new DnsExchange(to, DnsAnswerStatus.Error, e.Message);
                        }
                        exchange = MapRcode(to, outcome);
                        if (exchange.Response != null) break;
                        var failure = $"{to}: {exchange.Error}";
                        failures ??= new List<string>();
                        if (!failures.Contains(failure)) failures.Add(failure);
                    }
                }
                if (exchange!.Response == null) exchange = new DnsExchange(exchange.Server, exchange.Status, string.Join("; ", failures!));
                walk.CountSent(attempts);
                var server = exchange.Server.ToString();
                if (exchange.Response == null)
                    return new DnsAnswer(query, type, exchange.Status, server: server, errorMessage: exchange.Error, cnameChain: walk.Chain, queriesSent: walk.QueriesSent);

                var response = exchange.Response;
                var reached = walk.Follow(current, response.Answers, out var loopError);
                if (loopError != null)
                    return new DnsAnswer(query, type, DnsAnswerStatus.Error, server: server, errorMessage: loopError, cnameChain: walk.Chain, queriesSent: walk.QueriesSent);
                if (walk.Records.Count > 0)
                    return new DnsAnswer(query, type, DnsAnswerStatus.Success, walk.Records, server, cnameChain: walk.Chain, cacheTtl: walk.Ttl, queriesSent: walk.QueriesSent);

                var soa = First(response.Authorities, DnsRecordType.SOA);
                var referral = Referral(response, soa);
                if (referral != null && DnsName.Equals(reached, current))
                    return new DnsAnswer(query, type, DnsAnswerStatus.Error, server: server, cnameChain: walk.Chain, queriesSent: walk.QueriesSent,
                                         errorMessage: $"{server}: referral to {referral} instead of an answer (not a recursive resolver?)");
                // RFC 6604 §3: the RCODE speaks for the last name of the chain.
                var nxDomain = response.Rcode == RcodeNxDomain;
                // An authoritative server (RFC 1034 §4.3.2) stops at a CNAME whose target lies outside its zones:
                // no SOA says that target is empty, so ask for the target itself. A recursive resolver has
                // already followed the whole chain, so its answer ends with the records or a negative answer.
                if (!nxDomain && !DnsName.Equals(reached, current) && (soa == null || !IsAtOrAbove(soa, reached)))
                {
                    // Each such hop is a query: bounded per name (CnameWalk.MaxHopQueries), an error past it.
                    if (!walk.TryAskAgain(reached, server, out var hopError))
                        return new DnsAnswer(query, type, DnsAnswerStatus.Error, server: server, errorMessage: hopError, cnameChain: walk.Chain, queriesSent: walk.QueriesSent);
                    if (DnsNameSyntax.ToWire(reached, out labels) is string badTarget)
                        return new DnsAnswer(query, type, DnsAnswerStatus.Error, server: server, errorMessage: $"{server}: CNAME target: {badTarget}", cnameChain: walk.Chain, queriesSent: walk.QueriesSent);
                    current = reached;
                    formatted = null;
                    continue;
                }
                // RFC 2308 §5: a negative answer lives for the SOA's TTL, at most its MINIMUM field.
                var negativeTtl = soa == null ? (TimeSpan?)null : TimeSpan.FromSeconds(Math.Min(walk.TtlSeconds, Math.Min(soa.Ttl, soa.SoaMinimum)));
                return new DnsAnswer(query, type, nxDomain ? DnsAnswerStatus.NxDomain : DnsAnswerStatus.NoData,
                                     server: server, cnameChain: walk.Chain, cacheTtl: negativeTtl, queriesSent: walk.QueriesSent);
            }
        }

        private const int RcodeNoError = 0, RcodeFormErr = 1, RcodeServFail = 2, RcodeNxDomain = 3, RcodeNotImp = 4, RcodeRefused = 5;

        /// <summary>
        /// An attempt's RCODE mapped to a status: an exchange whose response carries an error RCODE becomes that
        /// failure (tried on the next server, retried); others are returned as they are.
        /// </summary>
        private static DnsExchange MapRcode(DnsServerAddress server, DnsExchange exchange)
        {
            var response = exchange.Response;
            if (response == null) return exchange;
            switch (response.Rcode)
            {
                case RcodeNoError:
                case RcodeNxDomain:
                    return exchange;
                case RcodeServFail:
                    return new DnsExchange(server, DnsAnswerStatus.ServerFailure, "server failure (SERVFAIL)");
                case RcodeRefused:
                    return new DnsExchange(server, DnsAnswerStatus.Refused, "query refused (REFUSED)");
                case RcodeFormErr:
                    return new DnsExchange(server, DnsAnswerStatus.Error, $"the server could not read the query: format error (RCODE {RcodeFormErr})");
                case RcodeNotImp:
                    return new DnsExchange(server, DnsAnswerStatus.Error, $"the server does not implement this query: not implemented (RCODE {RcodeNotImp})");
                default:
                    return new DnsExchange(server, DnsAnswerStatus.Error, $"error answer (RCODE {response.Rcode})");
            }
        }

        /// <summary>
        /// The zone a server delegates to when it answers with a referral: no answer, no SOA, NS records and
        /// no AA bit (RFC 2308 §2.2.1). Read as NODATA it would be a false "void lookup".
        /// </summary>
        private static string? Referral(DnsMessage response, DnsWireRecord? soa)
        {
            if (soa != null || response.IsAuthoritative || response.Rcode != RcodeNoError) return null;
            return First(response.Authorities, DnsRecordType.NS)?.Name;
        }

        /// <summary>The first record of <paramref name="type"/> in <paramref name="records"/> (no enumerator, no delegate: once per answer).</summary>
        private static DnsWireRecord? First(IReadOnlyList<DnsWireRecord> records, DnsRecordType type)
        {
            for (var i = 0; i < records.Count; i++)
                if (records[i].Is(type)) return records[i];
            return null;
        }

        private static bool IsAtOrAbove(DnsWireRecord soa, string name)
        {
            var zone = soa.Name;
            return zone == "." || DnsName.Equals(zone, name) || name.EndsWith("." + zone, StringComparison.OrdinalIgnoreCase);
        }
    }
}
