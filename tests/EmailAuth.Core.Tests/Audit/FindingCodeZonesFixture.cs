using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ARSoft.Tools.Net.Dns;
using EmailAuth.Core.Dns;
using IDnsResolver = EmailAuth.Core.Dns.IDnsResolver;
using EmailAuth.Core.Tests.Dkim;
using EmailAuth.Core.Tests.Dmarc;
using EmailAuth.Core.Tests.Infrastructure;
using EmailAuth.Core.Tests.MtaSts;
using EmailAuth.Core.Tests.Posture;

namespace EmailAuth.Core.Tests.Audit
{
    /// <summary>
    /// Every DNS server the finding-code coverage cases ask: the existing fixture zones on knotd (reused where they
    /// already produce a code), the "codes." zone for the rest, and two ARSoft scripted servers for DNS failures.
    /// Each server starts on first use.
    /// </summary>
    public sealed class FindingCodeZonesFixture : IDisposable
    {
        public static string CodesZoneFile => Path.Combine(AppContext.BaseDirectory, "Fixtures", "zones", "codes", "codes.zone");
        public static string AlignmentZoneFile => Path.Combine(AppContext.BaseDirectory, "Fixtures", "zones", "alignment", "test.zone");

        /// <summary>More terms than the duplicate/shadow analysis covers (SpfRedundantTerms.MaxAnalysedTerms is 1,000).</summary>
        public const int ManyTerms = 1001;

        private readonly List<IDisposable> _owned = new List<IDisposable>();
        private readonly Lazy<KnotServer> _codes;
        private readonly Lazy<KnotServer> _alignment;
        private readonly Lazy<ScriptedDnsServer> _failing;
        private readonly Lazy<ScriptedDnsServer> _stsTxtOnly;

        public FindingCodeZonesFixture()
        {
            _codes = new Lazy<KnotServer>(() => Own(KnotServer.FromText(new[] { ("codes", CodesZoneText()) })));
            // The alignment zone, plus the sesposture "com." zone so that amazonses.com names resolve (no REFUSED answers).
            _alignment = new Lazy<KnotServer>(() => Own(new KnotServer(new[] { ("test", AlignmentZoneFile), ("com", SesPostureZonesFixture.ZoneFile("com")) })));
            _failing = new Lazy<ScriptedDnsServer>(() => Own(ScriptedDnsServer.Failing(ReturnCode.ServerFailure)));
            // Answers the _mta-sts TXT query only and fails every other one: the MX query fails after a valid TXT.
            _stsTxtOnly = new Lazy<ScriptedDnsServer>(() => Own(new ScriptedDnsServer((q, _) =>
            {
                var r = q.CreateResponseInstance();
                var question = q.Questions[0];
                if (question.RecordType == RecordType.Txt && question.Name.ToString().StartsWith("_mta-sts.", StringComparison.OrdinalIgnoreCase))
                    r.AnswerRecords.Add(new TxtRecord(question.Name, 300, "v=STSv1; id=1"));
                else
                    r.ReturnCode = ReturnCode.ServerFailure;
                return r;
            })));
            Dmarc = Own(new DmarcZonesFixture());
            Records = Own(new RecordsZonesFixture());
            Dkim = Own(new DkimZonesFixture());
            SesPosture = Own(new SesPostureZonesFixture());
            MtaSts = Own(new MtaStsZonesFixture());
        }

        public DmarcZonesFixture Dmarc { get; }
        public RecordsZonesFixture Records { get; }
        public DkimZonesFixture Dkim { get; }
        public SesPostureZonesFixture SesPosture { get; }
        public MtaStsZonesFixture MtaSts { get; }

        public IDnsResolver Codes() => Resolver(_codes.Value.Endpoint);
        public IDnsResolver Alignment() => Resolver(_alignment.Value.Endpoint);
        /// <summary>Every query answered SERVFAIL: each inspector's DNS-error code.</summary>
        public IDnsResolver Failing() => Resolver(_failing.Value.Endpoint);
        public IDnsResolver StsTxtOnly() => Resolver(_stsTxtOnly.Value.Endpoint);

        private static IDnsResolver Resolver(string endpoint) =>
            new LiveDnsResolver(new DnsResolverOptions { Servers = new[] { endpoint }, Timeout = TestTimeouts.Answering, Retries = 0 });

        private T Own<T>(T item) where T : IDisposable
        {
            lock (_owned) _owned.Add(item);
            return item;
        }

        /// <summary>codes.zone plus the records built at test time: DKIM keys (none checked in) and a 1,001-term SPF record.</summary>
        public static string CodesZoneText()
        {
            var text = new StringBuilder(File.ReadAllText(CodesZoneFile)).AppendLine();
            void Txt(string owner, string value) => text.AppendLine($"{owner} IN TXT ( {Quoted(value)} )");
            var rsa2048 = DkimTestKeys.Spki(2048);
            Txt("short._domainkey", "v=DKIM1; k=rsa; p=" + DkimTestKeys.Spki(512));           // RFC 8301 §3.2: under 1024 bits
            Txt("long._domainkey", "v=DKIM1; k=rsa; p=" + DkimTestKeys.Spki(4160));           // over 4096 bits
            Txt("ed25519._domainkey", "v=DKIM1; k=ed25519; p=" + DkimTestKeys.Ed25519());     // RFC 8463
            Txt("sha1._domainkey", "v=DKIM1; h=sha1; p=" + rsa2048);                          // RFC 8301 §3.1
            Txt("service._domainkey", "v=DKIM1; s=tlsrpt; p=" + rsa2048);                     // RFC 6376 §3.6.1 s=
            Txt("spf-many", "v=spf1 " + string.Join(" ", Enumerable.Range(1, ManyTerms).Select(i => $"ip4:10.{i / 256}.{i % 256}.1")) + " -all");
            return text.ToString();
        }

        /// <summary>A TXT value as quoted strings of at most 255 bytes (RFC 1035 §3.3.14).</summary>
        private static string Quoted(string value)
        {
            var parts = new List<string>();
            for (var i = 0; i < value.Length; i += 255) parts.Add("\"" + value.Substring(i, Math.Min(255, value.Length - i)) + "\"");
            return string.Join(" ", parts);
        }

        public void Dispose()
        {
            lock (_owned)
            {
                foreach (var d in Enumerable.Reverse(_owned)) d.Dispose();
                _owned.Clear();
            }
        }
    }
}
