using System;
using System.Collections.Generic;
using System.Net;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Spf;

namespace EmailAuth.Benchmarks
{
    /// <summary>
    /// check_host() over a tree that spends exactly the 10 DNS-querying terms of RFC 7208 §4.6.4,
    /// answered from a warm CachingDnsResolver over in-memory records: the engine, not the network.
    /// </summary>
    [MemoryDiagnoser]
    public class CheckHostBenchmarks
    {
        private static readonly IPAddress Matching = IPAddress.Parse("192.0.2.10");
        private static readonly IPAddress Other = IPAddress.Parse("198.51.100.99");
        private SpfEvaluator _evaluator = null!;

        public static IEnumerable<DnsRecord> Tree()
        {
            DnsRecord Txt(string n, string t) => new DnsRecord(n, DnsRecordType.TXT, 300, t, new[] { t });
            DnsRecord A(string n, string ip) => new DnsRecord(n, DnsRecordType.A, 300, ip);
            // 5 lookups at the top, 2 in each include, and the last a: is the tenth.
            yield return Txt("example.test", "v=spf1 ip4:203.0.113.0/24 include:i1.example.test include:i2.example.test mx a:h3.example.test exists:%{l}.e.example.test a:last.example.test -all");
            yield return Txt("i1.example.test", "v=spf1 a:h1.example.test mx:m1.example.test ?all");
            yield return Txt("i2.example.test", "v=spf1 exists:%{ir}.x.example.test a:h2.example.test -all");
            yield return new DnsRecord("example.test", DnsRecordType.MX, 300, "mx.example.test", preference: 10);
            yield return new DnsRecord("m1.example.test", DnsRecordType.MX, 300, "mx.example.test", preference: 10);
            foreach (var h in new[] { "h1", "h2", "h3", "mx", "other" }) yield return A(h + ".example.test", "198.51.100.1");
            // The two exists terms never match, so they are the two void lookups §4.6.4 allows.
            yield return A("last.example.test", "192.0.2.10");
        }

        [GlobalSetup]
        public async Task Setup()
        {
            _evaluator = new SpfEvaluator(new CachingDnsResolver(new RecordSetResolver(Tree())));
            // Warm the cache, and make sure the tree measures what it claims.
            var pass = await _evaluator.CheckHostAsync(Matching, null, "carol@example.test", "mail.example.test");
            var fail = await _evaluator.CheckHostAsync(Other, null, "carol@example.test", "mail.example.test");
            if (pass.Result != SpfResult.Pass || pass.DnsLookupCount != 10 || fail.Result != SpfResult.Fail || fail.DnsLookupCount != 10)
                throw new InvalidOperationException($"benchmark tree is off: {pass.Result}/{pass.DnsLookupCount}, {fail.Result}/{fail.DnsLookupCount}: {pass.Reason} {fail.Reason}");
        }

        /// <summary>Passes on the tenth lookup.</summary>
        [Benchmark(Baseline = true)]
        public Task<SpfCheckResult> TenLookupsPass() => _evaluator.CheckHostAsync(Matching, null, "carol@example.test", "mail.example.test");

        /// <summary>Walks all ten lookups and fails on -all.</summary>
        [Benchmark]
        public Task<SpfCheckResult> TenLookupsFail() => _evaluator.CheckHostAsync(Other, null, "carol@example.test", "mail.example.test");
    }
}
