using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using EmailAuth.Core.Spf;

namespace EmailAuth.Benchmarks
{
    /// <summary>Parsing one record (RFC 7208 §12 ABNF, macro-strings included) per realistic record shape.</summary>
    [MemoryDiagnoser]
    public class ParseBenchmarks
    {
        public static readonly IReadOnlyDictionary<string, string> Records = new Dictionary<string, string>
        {
            ["short"] = "v=spf1 mx -all",
            ["workspace+ses"] = "v=spf1 ip4:192.0.2.0/24 include:_spf.google.com include:amazonses.com mx ~all",
            ["google-netblocks"] = "v=spf1 ip4:35.190.247.0/24 ip4:64.233.160.0/19 ip4:66.102.0.0/20 ip4:66.249.80.0/20 " +
                "ip4:72.14.192.0/18 ip4:74.125.0.0/16 ip4:108.177.8.0/21 ip4:173.194.0.0/16 ip4:209.85.128.0/17 " +
                "ip4:216.58.192.0/19 ip4:216.239.32.0/19 ~all",
            ["long-40-nets"] = "v=spf1 " + string.Join(" ", Enumerable.Range(0, 30).Select(i => $"ip4:198.51.{i}.0/24"))
                + " " + string.Join(" ", Enumerable.Range(0, 10).Select(i => $"ip6:2001:db8:{i:x}::/48"))
                + " exists:%{ir}.%{l1r+-}._spf.%{d} include:_spf.example.net redirect=_spf.example.org",
        };

        [ParamsSource(nameof(Names))]
        public string Record { get; set; } = "short";

        public static IEnumerable<string> Names => Records.Keys;

        private string _text = "";

        [GlobalSetup]
        public void Setup() => _text = Records[Record];

        [Benchmark]
        public object Parse() => SpfParser.Parse(_text);
    }
}
