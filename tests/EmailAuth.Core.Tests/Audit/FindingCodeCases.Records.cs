using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EmailAuth.Core.Audit;
using EmailAuth.Core.Bimi;
using EmailAuth.Core.Dkim;
using EmailAuth.Core.Dmarc;
using EmailAuth.Core.Dns;
using EmailAuth.Core.Domains;
using EmailAuth.Core.Mx;
using EmailAuth.Core.Spf;
using EmailAuth.Core.TlsRpt;
using EmailAuth.Core.Tests.Dkim;
using EmailAuth.Core.ZoneFiles;

namespace EmailAuth.Core.Tests.Audit
{
    /// <summary>Coverage cases of the DNS record inspectors (SPF, DKIM, DMARC, BIMI, TLS-RPT, MX), each on knotd.</summary>
    public static partial class FindingCodeCases
    {
        private static FindingCodeCase Case(string name, System.Func<FindingCodeZonesFixture, Task<IEnumerable<Finding>>> run) =>
            new FindingCodeCase(name, run);

        /// <summary>The root's findings and those of every include/redirect target below it.</summary>
        private static IEnumerable<Finding> Tree(SpfRecordInfo info) => info.Findings.Concat(info.Includes.SelectMany(Tree));

        private static FindingCodeCase Spf(string domain, SpfInspectionBudget? budget = null) =>
            Case("SPF " + domain, async f =>
            {
                var inspector = new SpfRecordInspector(f.Codes());
                if (budget != null) inspector.Budget = budget;
                return Tree(await inspector.InspectAsync(domain));
            });

        private static FindingCodeCase Dkim(string server, string domain, string selector, System.Func<FindingCodeZonesFixture, IDnsResolver> resolver,
                                            IReadOnlyList<string>? offlineZones = null) =>
            Case($"DKIM {selector}._domainkey.{domain} ({server})", async f =>
                (await new DkimKeyInspector(resolver(f), offlineZones).InspectAsync(domain, selector, false, CancellationToken.None))?.Findings
                ?? Enumerable.Empty<Finding>());

        private static FindingCodeCase Dmarc(string server, string domain, System.Func<FindingCodeZonesFixture, IDnsResolver> resolver,
                                             OrganizationalDomainMethod method = OrganizationalDomainMethod.TreeWalk) =>
            Case($"DMARC {domain} ({server}, {method})", async f =>
                (await new DmarcPolicyInspector(resolver(f)).InspectAsync(domain, new DmarcDiscoveryOptions { Method = method })).Findings);

        private static FindingCodeCase Bimi(string server, string domain, System.Func<FindingCodeZonesFixture, IDnsResolver> resolver, string selector = "default") =>
            Case($"BIMI {selector} {domain} ({server})", async f => (await new BimiInspector(resolver(f)).InspectAsync(domain, selector)).Findings);

        private static FindingCodeCase TlsRpt(string server, string domain, System.Func<FindingCodeZonesFixture, IDnsResolver> resolver) =>
            Case($"TLS-RPT {domain} ({server})", async f => (await new TlsRptInspector(resolver(f)).InspectAsync(domain)).Findings);

        private static FindingCodeCase Mx(string server, string domain, System.Func<FindingCodeZonesFixture, IDnsResolver> resolver) =>
            Case($"MX {domain} ({server})", async f => (await new MxInspector(resolver(f)).InspectAsync(domain)).Findings);

        private static IEnumerable<FindingCodeCase> RecordCases()
        {
            // SPF (RFC 7208): codes.zone.
            foreach (var d in new[] { "spf-none", "spf-multi", "spf-syntax", "spf-macro", "spf-passall", "spf-neutral", "spf-noall", "spf-redirign",
                                      "spf-ptr", "spf-dup", "spf-modifiers", "spf-obsolete", "spf-large", "spf-lookups", "spf-near", "spf-void",
                                      "spf-loop", "spf-incnone", "spf-mxmany", "spf-many" })
                yield return Spf(d + ".codes");
            yield return Spf("spf-lookups.codes", new SpfInspectionBudget { MaxQueries = 3 }); // the walk's own query budget
            // ConvertFrom-SpfRecord's own input: record text over 255 bytes must be split into strings (RFC 7208 §3.3). From
            // DNS the Error form (a published string over 255 bytes) cannot occur: a character-string's length is one octet.
            yield return Case("SPF text of 300 bytes", _ => Task.FromResult<IEnumerable<Finding>>(
                new SpfRecordInspector(null).InspectText("v=spf1 " + string.Join(" ", Enumerable.Range(1, 20).Select(i => $"ip4:192.0.2.{i}")) + " -all", "example.test").Findings));
            yield return Case("SPF spf-failing.test (SERVFAIL)", async f => Tree(await new SpfRecordInspector(f.Failing()).InspectAsync("spf-failing.test")));

            // DKIM (RFC 6376 §3.6): the DKIM fixture zones first, then codes.zone for the key types and sizes.
            foreach (var s in new[] { "notxt", "twice", "revoked", "weak", "testing", "danglingin", "zyxwvutsrqponmlkjihgfedcba765432", "doubled" })
                yield return Dkim("dkim.test", "dkim.test", s, f => f.Dkim.Resolver());
            // -ZoneFile: the CNAME leaves the zone files given, so the key cannot be checked offline.
            yield return Case("DKIM abcdefghijklmnopqrstuvwxyz234567._domainkey.dkim.test (zone file)", async _ =>
            {
                var files = ZoneFileResolver.Load(new[] { DkimZonesFixture.ZoneFile("dkim.test") });
                return (await new DkimKeyInspector(files, files.Zones).InspectAsync("dkim.test", "abcdefghijklmnopqrstuvwxyz234567", false, CancellationToken.None))!.Findings;
            });
            foreach (var s in new[] { "syntax", "version", "nokey", "badkey", "keytype", "short", "long", "ed25519", "sha1", "service" })
                yield return Dkim("codes", "codes", s, f => f.Codes());
            yield return Dkim("SERVFAIL", "failing.test", "s1", f => f.Failing());

            // DMARC discovery: the DMARC fixture zone (exact name, Organizational Domain, PSD, several, none, wrong name, reports).
            foreach (var d in new[] { "www.example.test", "a.b.psd.test", "twice.example.test", "none.test", "wrong.test", "ext.test" })
                yield return Dmarc("dmarc", d, f => f.Dmarc.Resolver());
            yield return Dmarc("dmarc", "a.b.psd.test", f => f.Dmarc.Resolver(), OrganizationalDomainMethod.PublicSuffixList);
            yield return Dmarc("SERVFAIL", "failing.test", f => f.Failing());
            // DMARC record syntax and meaning: codes.zone.
            foreach (var d in new[] { "dm-syntax.codes", "dm-dup.codes", "dm-nop.codes", "dm-order.codes", "dm-weak.codes" })
                yield return Dmarc("codes", d, f => f.Codes());
            // ConvertFrom-DmarcRecord's own input: text that is not a DMARC record never comes from discovery, which
            // keeps only TXT records starting with v=DMARC1 (RFC 7489 §6.6.3).
            yield return Case("DMARC text 'v=dmarc1; p=reject'", _ =>
                Task.FromResult<IEnumerable<Finding>>(new DmarcPolicyInspector(null).InspectText("v=dmarc1; p=reject", "example.test").Findings));

            // BIMI: the records fixture zone, then codes.zone for record syntax.
            foreach (var d in new[] { "www.good.test", "dup.test", "version.test", "weak.test", "http.test", "decline.test", "nodmarc.test", "implicit.test" })
                yield return Bimi("records", d, f => f.Records.Resolver());
            yield return Bimi("codes", "bimi-syntax.codes", f => f.Codes());
            yield return Bimi("codes", "bimi-noloc.codes", f => f.Codes());
            yield return Bimi("SERVFAIL", "failing.test", f => f.Failing());

            // TLS-RPT (RFC 8460 §3).
            foreach (var d in new[] { "dup.test", "version.test", "weak.test", "http.test", "nothing.test" })
                yield return TlsRpt("records", d, f => f.Records.Resolver());
            yield return TlsRpt("codes", "tls-syntax.codes", f => f.Codes());
            yield return TlsRpt("SERVFAIL", "failing.test", f => f.Failing());

            // MX (RFC 5321 §5.1, RFC 7505).
            foreach (var d in new[] { "implicit.test", "nosuch.test", "nullmx.test", "mixed.test", "cname.test", "iplit.test", "noaddr.test", "gone.test", "ext.test" })
                yield return Mx("records", d, f => f.Records.Resolver());
            yield return Mx("SERVFAIL", "failing.test", f => f.Failing());
        }
    }
}
