using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using EmailAuth.Core.Dmarc;
using EmailAuth.Core.Domains;
using EmailAuth.Core.Tests.Infrastructure;
using Xunit;

namespace EmailAuth.Core.Tests.Dmarc
{
    /// <summary>A fact that needs perl with Debian's libmail-dmarc-perl (Mail::DMARC), and knotd.</summary>
    public sealed class MailDmarcFactAttribute : FactAttribute
    {
        public const string Module = "/usr/share/perl5/Mail/DMARC/PurePerl.pm";

        public MailDmarcFactAttribute()
        {
            var reason = Peers.SkipReason("perl", "knotd");
            if (reason == null && !Peers.Required && !File.Exists(Module))
                reason = $"needs libmail-dmarc-perl (apt-get install libmail-dmarc-perl); set {Peers.RequireVariable}=1 to fail instead of skipping";
            if (reason != null) Skip = reason;
        }
    }

    /// <summary>
    /// RFC 7489 discovery (-Method PublicSuffixList) against Mail::DMARC on the same knotd zones and the same Public
    /// Suffix List (the embedded list with "test" added, so neither implementation's handling of an unlisted TLD
    /// decides): where the policy is found, p= and sp=, and when no policy applies.
    /// </summary>
    public class MailDmarcDifferentialTests : IClassFixture<DmarcZonesFixture>
    {
        private static readonly string[] Domains =
        {
            "example.test", "sub.example.test", "www.example.test", "nosuch.example.test", "a.mid.example.test",
            "a.b.c.d.e.f.g.h.example.test", "twice.example.test", "psd.test", "b.psd.test", "a.b.psd.test",
            "x.mail.psdn.test", "mail.psdn.test", "none.test", "wrong.test", "ext.test",
        };

        private readonly DmarcZonesFixture _zones;

        public MailDmarcDifferentialTests(DmarcZonesFixture zones) => _zones = zones;

        [MailDmarcFact]
        public async Task Policy_discovery_matches_Mail_DMARC()
        {
            var dir = Path.Combine(Path.GetTempPath(), "emailauth-maildmarc-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                var psl = Path.Combine(dir, "psl.dat");
                var embedded = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "EmailAuth.Core", "Domains", "PublicSuffixList", "public_suffix_list.dat"));
                File.WriteAllText(psl, File.ReadAllText(embedded) + "\n// test fixtures\ntest\n");
                var ini = Path.Combine(dir, "mail-dmarc.ini");
                File.WriteAllText(ini, $"[dns]\ntimeout = 10\npublic_suffix_list = {psl}\n");

                var theirs = RunMailDmarc(ini, _zones.Knot.Port);
                var inspector = new DmarcPolicyInspector(_zones.Resolver(), PublicSuffixList.Load(psl));
                var differences = new List<string>();
                foreach (var domain in Domains)
                {
                    var info = await inspector.InspectAsync(domain, new DmarcDiscoveryOptions { Method = OrganizationalDomainMethod.PublicSuffixList, CheckReportDestinations = false });
                    var ours = info.ParsedRecord == null || info.Policy == null
                        ? "none"
                        : $"{info.PolicyDomain}\t{Name(info.ParsedRecord.Policy)}\t{Name(info.ParsedRecord.SubdomainPolicy)}";
                    var other = theirs[domain];
                    var otherKey = other.StartsWith("none", StringComparison.Ordinal) ? "none" : other;
                    if (ours != otherKey) differences.Add($"{domain}: ours [{ours}], Mail::DMARC [{other}]");
                }
                Assert.True(differences.Count == 0, string.Join("\n", differences));
            }
            finally { Directory.Delete(dir, recursive: true); }
        }

        private static string Name(DmarcPolicy? p) => p?.ToString().ToLowerInvariant() ?? string.Empty;

        private static Dictionary<string, string> RunMailDmarc(string ini, int port)
        {
            var psi = new ProcessStartInfo(Peers.Require("perl"))
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Dmarc", "Peers", "mail-dmarc-discover.pl"));
            psi.ArgumentList.Add(ini);
            psi.ArgumentList.Add(port.ToString());
            foreach (var d in Domains) psi.ArgumentList.Add(d);
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            Assert.True(p.WaitForExit(300_000), "Mail::DMARC did not finish");
            var lines = stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(lines.Length == Domains.Length, $"Mail::DMARC printed {lines.Length} lines: {stdout.Result} {stderr.Result}");
            return lines.Select(l => l.Split('\t', 2)).ToDictionary(a => a[0], a => a[1]);
        }
    }
}
