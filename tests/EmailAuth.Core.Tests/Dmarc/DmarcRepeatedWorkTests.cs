using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using EmailAuth.Core.Dmarc;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Domains;
using EmailAuth.Core.Tests.Posture;
using EmailAuth.Core.ZoneFiles;
using Xunit;

namespace EmailAuth.Core.Tests.Dmarc
{
    /// <summary>
    /// Work a DMARC discovery must not repeat (a bulk posture audit does it for every domain): a record text is parsed
    /// once, and the report-destination checks (RFC 7489 §7.1) do not walk the tree (RFC 9989) again for a domain whose
    /// Organizational Domain discovery has just found.
    /// </summary>
    public sealed class DmarcRepeatedWorkTests
    {
        private const string Org = "org.test";
        private const string Reports = "reports.example";

        private static ZoneFileResolver Zones(string dmarc)
        {
            var dir = Path.Combine(Path.GetTempPath(), "dmarc-repeat-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                var org = Path.Combine(dir, Org + ".zone");
                var reports = Path.Combine(dir, Reports + ".zone");
                File.WriteAllText(org, $@"$ORIGIN {Org}.
$TTL 300
@ IN SOA ns.{Org}. hostmaster.{Org}. 1 3600 600 86400 60
@ IN MX 10 mx.{Org}.
mx IN A 192.0.2.25
_dmarc IN TXT ""{dmarc}""
");
                File.WriteAllText(reports, $@"$ORIGIN {Reports}.
$TTL 300
@ IN SOA ns.{Reports}. hostmaster.{Reports}. 1 3600 600 86400 60
@ IN MX 10 mx.{Reports}.
mx IN A 192.0.2.26
{Org}._report._dmarc IN TXT ""v=DMARC1""
");
                return ZoneFileResolver.Load(new[] { org, reports });
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }

        [Fact]
        public async Task A_report_address_at_the_policy_domain_costs_no_second_tree_walk()
        {
            var counting = new CountingResolver(Zones("v=DMARC1; p=reject; rua=mailto:dmarc@" + Org + ",mailto:d@" + Reports));
            var info = await new DmarcPolicyInspector(counting).InspectAsync(Org);

            Assert.Equal(DmarcPolicy.Reject, info.EffectivePolicy);
            Assert.True(info.IsValid);
            Assert.Equal(Org, info.OrganizationalDomain);
            // Discovery asked once; the policy domain's Organizational Domain and the report address at it came from that
            // walk (they were two more walks from the same name, over the same answers).
            Assert.Equal(1, counting.Count("_dmarc." + Org, DnsRecordType.TXT));
            // Another organization's address still gets its own walk, its authorization record and its MX.
            Assert.Equal(1, counting.Count("_dmarc." + Reports, DnsRecordType.TXT));
            Assert.Equal(1, counting.Count(Org + "._report._dmarc." + Reports, DnsRecordType.TXT));
            Assert.Equal(1, counting.Count(Reports, DnsRecordType.MX));
            Assert.Equal(1, counting.Count(Org, DnsRecordType.MX));
            Assert.DoesNotContain(info.Findings, f => f.Severity >= EmailAuth.Core.Audit.FindingSeverity.Warning);
        }

        [Fact]
        public async Task An_unauthorized_external_address_is_still_reported()
        {
            var counting = new CountingResolver(Zones("v=DMARC1; p=none; rua=mailto:x@elsewhere.example"));
            var info = await new DmarcPolicyInspector(counting).InspectAsync(Org);

            Assert.Equal(1, counting.Count("_dmarc." + Org, DnsRecordType.TXT));
            Assert.Contains(info.Findings, f => f.Code == DmarcFindingCodes.ExternalDestinationUnauthorized && f.Subject == "elsewhere.example");
        }

        [Fact]
        public async Task Walks_over_the_same_record_share_its_parse()
        {
            var zones = Zones("v=DMARC1; p=quarantine; rua=mailto:dmarc@" + Org + "; x=" + Guid.NewGuid().ToString("N"));
            var first = await new DnsTreeWalk(zones).WalkAsync(Org);
            var second = await new DnsTreeWalk(zones).WalkAsync(Org);

            Assert.NotNull(first.Steps[0].Record);
            Assert.Same(first.Steps[0].Record, second.Steps[0].Record);
            // What the cache hands out is what parsing gives.
            var parsed = DmarcParser.Parse(first.Steps[0].Record!.Text);
            Assert.Equal(parsed.Policy, first.Steps[0].Record!.Policy);
            Assert.Equal(parsed.Rua.Select(u => u.Text), first.Steps[0].Record!.Rua.Select(u => u.Text));
            Assert.Equal(parsed.Findings.Select(f => f.Code + f.Message), first.Steps[0].Record!.Findings.Select(f => f.Code + f.Message));
        }

        [Theory]
        [InlineData(3)]
        [InlineData(14)]
        [InlineData(15)]
        [InlineData(30)]
        public void A_repeated_tag_is_found_among_few_tags_and_among_many(int unknown)
        {
            // Up to 16 tags are compared one by one, more through a set: both report each repeat once, in order.
            // Tag names are letters only (RFC 9989 Formal Definition): xaa, xab, ...
            var names = Enumerable.Range(0, unknown).Select(i => "x" + (char)('a' + i / 26) + (char)('a' + i % 26)).ToList();
            var text = "v=DMARC1; p=none; " + string.Join("; ", names.Select(n => n + "=a")) + $"; {names[0]}=b; p=reject; {names[unknown - 1]}=c";
            var record = DmarcParser.Parse(text);
            Assert.Equal(new[] { names[0], "p", names[unknown - 1] },
                record.Findings.Where(f => f.Code == DmarcFindingCodes.DuplicateTag).Select(f => f.Subject));
            Assert.Equal(DmarcPolicy.None, record.Policy); // the first p= stands; the repeat is only reported
            Assert.Equal(unknown + 5, record.Tags.Count);
        }

        [Fact]
        public void Long_texts_are_parsed_each_time_and_not_kept()
        {
            var text = "v=DMARC1; p=none; rua=mailto:a@" + Org + "; x=" + new string('y', DmarcRecordCache.MaxCachedLength);
            Assert.NotSame(DmarcRecordCache.Get(text), DmarcRecordCache.Get(text));
            var shortText = "v=DMARC1; p=none; x=" + Guid.NewGuid().ToString("N");
            Assert.Same(DmarcRecordCache.Get(shortText), DmarcRecordCache.Get(shortText));
            Assert.True(DmarcRecordCache.Count <= DmarcRecordCache.MaxEntries);
        }
    }
}
