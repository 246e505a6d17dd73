using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DnsClient;
using DnsClient.Protocol;

namespace EmailAuth.Core.Dns
{
    /// <summary>
    /// Queries real DNS servers through DnsClient: the configured servers in order (failover), else the
    /// system's. UDP with TCP fallback on truncation, no client-side cache (see <see cref="CachingDnsResolver"/>),
    /// CNAME chains followed. Options are read once, at construction.
    /// </summary>
    public sealed class LiveDnsResolver : IDnsResolver
    {
        private readonly Lazy<DnsServerSet> _servers;
        private readonly DnsQueryOptions _queryOptions;

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
            _queryOptions = new DnsQueryOptions
            {
                UseCache = false,          // CachingDnsResolver caches, with RFC 2308 negative caching.
                ThrowDnsErrors = false,    // RCODEs come back as responses and are mapped below.
                ContinueOnDnsError = false,
                Retries = 0,               // Retries are rounds over all servers, done here.
                Timeout = options.Timeout,
                UseTcpFallback = options.UseTcpFallback,
                Recursion = true,
            };
        }

        public DnsResolverOptions Options { get; }

        /// <summary>The servers queried, in order ("ip:port"); the system's are found on first use.</summary>
        public IReadOnlyList<string> Servers => _servers.Value.Servers.Select(s => s.ToString()).ToList();

        public async Task<DnsAnswer> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken = default)
        {
            if (name == null) throw new ArgumentNullException(nameof(name));
            cancellationToken.ThrowIfCancellationRequested();
            var query = DnsName.Normalize(name);
            var invalid = DnsNameSyntax.ToAscii(query, out var ascii);
            if (invalid != null) return new DnsAnswer(query, type, DnsAnswerStatus.Error, errorMessage: invalid);
            var servers = _servers.Value;
            if (servers.Error != null) return new DnsAnswer(query, type, DnsAnswerStatus.Error, errorMessage: servers.Error);

            // Answers name the ASCII form, so the chain is followed from it.
            var walk = new CnameWalk(ascii, type);
            for (var current = ascii; ;)
            {
                var exchange = await ExchangeAsync(servers, current, type, cancellationToken).ConfigureAwait(false);
                var server = exchange.Server.ToString();
                if (exchange.Response == null)
                    return new DnsAnswer(query, type, exchange.Status, server: server, errorMessage: exchange.Error, cnameChain: walk.Chain);

                var response = exchange.Response;
                var reached = walk.Follow(current, response.Answers, out var loopError);
                if (loopError != null)
                    return new DnsAnswer(query, type, DnsAnswerStatus.Error, server: server, errorMessage: loopError, cnameChain: walk.Chain);
                if (walk.Records.Count > 0)
                    return new DnsAnswer(query, type, DnsAnswerStatus.Success, walk.Records, server, cnameChain: walk.Chain).WithCacheTtl(walk.Ttl);

                var soa = response.Authorities.OfType<SoaRecord>().FirstOrDefault();
                var referral = Referral(response, soa);
                if (referral != null && DnsName.Equals(reached, current))
                    return new DnsAnswer(query, type, DnsAnswerStatus.Error, server: server, cnameChain: walk.Chain,
                                         errorMessage: $"{server}: referral to {referral} instead of an answer (not a recursive resolver?)");
                // RFC 6604 §3: the RCODE speaks for the last name of the chain.
                var nxDomain = response.Header.ResponseCode == DnsHeaderResponseCode.NotExistentDomain;
                // An authoritative server (RFC 1034 §4.3.2) stops at a CNAME whose target lies outside its zones:
                // no SOA says that target is empty, so ask for the target itself. A recursive resolver has
                // already followed the whole chain, so its answer ends with the records or a negative answer.
                if (!nxDomain && !DnsName.Equals(reached, current) && (soa == null || !IsAtOrAbove(soa, reached)))
                {
                    // The target is the server's octets (RFC 2181 §11): one that cannot be asked for is its error, not an exception.
                    var badTarget = DnsNameSyntax.ToAscii(reached, out _);
                    if (badTarget != null)
                        return new DnsAnswer(query, type, DnsAnswerStatus.Error, server: server, cnameChain: walk.Chain,
                                             errorMessage: $"{server}: CNAME target: {badTarget}");
                    current = reached;
                    continue;
                }
                var negative = new DnsAnswer(query, type, nxDomain ? DnsAnswerStatus.NxDomain : DnsAnswerStatus.NoData,
                                             server: server, cnameChain: walk.Chain);
                // RFC 2308 §5: a negative answer lives for the SOA's TTL, at most its MINIMUM field.
                return soa == null ? negative : negative.WithCacheTtl(TimeSpan.FromSeconds(Math.Min(walk.TtlSeconds, Math.Min(soa.TimeToLive, (long)soa.Minimum))));
            }
        }

        /// <summary>One question to the servers in order, <see cref="DnsResolverOptions.Retries"/> more rounds on failure.</summary>
        private async Task<DnsExchange> ExchangeAsync(DnsServerSet servers, string name, DnsRecordType type, CancellationToken ct)
        {
            // A trailing dot makes the name absolute: no search suffix can ever be appended.
            var question = new DnsQuestion(name == "." ? "." : name + ".", (QueryType)(int)type);
            var failures = new List<string>();
            DnsExchange? last = null;
            for (var round = 0; round <= Options.Retries; round++)
            {
                foreach (var server in servers.Servers)
                {
                    ct.ThrowIfCancellationRequested();
                    last = await ExchangeOnceAsync(servers.Client!, server, question, ct).ConfigureAwait(false);
                    if (last.Response != null) return last;
                    var failure = $"{server}: {last.Error}";
                    if (!failures.Contains(failure)) failures.Add(failure);
                }
            }
            return new DnsExchange(last!.Server, last.Status, string.Join("; ", failures));
        }

        private async Task<DnsExchange> ExchangeOnceAsync(LookupClient client, DnsServerAddress server, DnsQuestion question, CancellationToken ct)
        {
            IDnsQueryResponse response;
            try
            {
                response = await client.QueryServerAsync(new[] { new NameServer(server.EndPoint) }, question, _queryOptions, ct).ConfigureAwait(false);
            }
            // DnsClient reports the caller's cancellation as a timeout: tell them apart by the token.
            catch (Exception) when (ct.IsCancellationRequested)
            {
                throw new OperationCanceledException(ct);
            }
            catch (DnsResponseException e) when (e.Code == DnsResponseCode.ConnectionTimeout)
            {
                return new DnsExchange(server, DnsAnswerStatus.Timeout, $"no answer within {Options.Timeout.TotalMilliseconds:0} ms");
            }
            catch (Exception e) // Socket errors, malformed answers, truncation without TCP fallback: never thrown to callers.
            {
                return new DnsExchange(server, DnsAnswerStatus.Error, e.Message);
            }

            var rcode = response.Header.ResponseCode;
            switch (rcode)
            {
                case DnsHeaderResponseCode.NoError:
                case DnsHeaderResponseCode.NotExistentDomain:
                    return new DnsExchange(server, response);
                case DnsHeaderResponseCode.ServerFailure:
                    return new DnsExchange(server, DnsAnswerStatus.ServerFailure, "server failure (SERVFAIL)");
                case DnsHeaderResponseCode.Refused:
                    return new DnsExchange(server, DnsAnswerStatus.Refused, "query refused (REFUSED)");
                default:
                    return new DnsExchange(server, DnsAnswerStatus.Error, $"{response.ErrorMessage} (RCODE {(int)rcode})");
            }
        }

        /// <summary>
        /// The zone a server delegates to when it answers with a referral: no answer, no SOA, NS records and
        /// no AA bit (RFC 2308 §2.2.1). Read as NODATA it would be a false "void lookup".
        /// </summary>
        private static string? Referral(IDnsQueryResponse response, SoaRecord? soa)
        {
            if (soa != null || response.Header.HasAuthorityAnswer || response.Header.ResponseCode != DnsHeaderResponseCode.NoError) return null;
            var ns = response.Authorities.OfType<NsRecord>().FirstOrDefault();
            return ns == null ? null : DnsClientRecords.Name(ns.DomainName);
        }

        private static bool IsAtOrAbove(SoaRecord soa, string name)
        {
            var zone = DnsClientRecords.Name(soa.DomainName);
            return zone == "." || DnsName.Equals(zone, name) || name.EndsWith("." + zone, StringComparison.OrdinalIgnoreCase);
        }
    }
}
