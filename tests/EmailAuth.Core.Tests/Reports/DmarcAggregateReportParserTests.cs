using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using EmailAuth.Core.Reports.Dmarc;
using Xunit;

namespace EmailAuth.Core.Tests.Reports
{
    /// <summary>RFC 7489 appendix C and RFC 9990 aggregate reports, field by field, and hostile documents.</summary>
    public class DmarcAggregateReportParserTests
    {
        private static List<DmarcReportRecord> Parse(string path, List<string>? warnings = null, DmarcReportParserOptions? options = null)
        {
            using var file = File.OpenRead(path);
            return new DmarcAggregateReportParser(options).Parse(file, path, null, w => warnings?.Add(w)).ToList();
        }

        private static List<DmarcReportRecord> ParseText(string xml, List<string>? warnings = null, DmarcReportParserOptions? options = null)
        {
            using var s = new MemoryStream(Encoding.UTF8.GetBytes(xml));
            return new DmarcAggregateReportParser(options).Parse(s, "test.xml", null, w => warnings?.Add(w)).ToList();
        }

        private const string Head = "<feedback><report_metadata><org_name>r.example</org_name><report_id>7</report_id>" +
                                    "<date_range><begin>0</begin><end>86399</end></date_range></report_metadata>" +
                                    "<policy_published><domain>example.com</domain><p>none</p></policy_published>";

        private static string Row(string ip = "192.0.2.1", string count = "1", string dkim = "pass", string spf = "fail", string auth = "") =>
            $"<record><row><source_ip>{ip}</source_ip><count>{count}</count><policy_evaluated><disposition>none</disposition>" +
            $"<dkim>{dkim}</dkim><spf>{spf}</spf></policy_evaluated></row><identifiers><header_from>example.com</header_from></identifiers>" +
            $"<auth_results>{auth}</auth_results></record>";

        [Fact]
        public void Rfc7489_report_every_field()
        {
            var path = ReportFixtures.Sample("example.com-google.com-rfc7489.xml");
            var warnings = new List<string>();
            var rows = Parse(path, warnings);
            Assert.Empty(warnings);
            Assert.Equal(5, rows.Count);

            var first = rows[0];
            Assert.Equal(path, first.SourceFile);
            Assert.Null(first.SourceEntry);
            Assert.Null(first.SchemaVersion);
            Assert.Null(first.SchemaNamespace);
            Assert.Equal("google.com", first.OrgName);
            Assert.Equal("noreply-dmarc-support@google.com", first.Email);
            Assert.Equal("https://support.google.com/a/answer/2466580", first.ExtraContactInfo);
            Assert.Equal("13482771029462305177", first.ReportId);
            Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), first.Begin);
            Assert.Equal(new DateTimeOffset(2026, 11, 1, 23, 59, 59, TimeSpan.Zero), first.End);
            Assert.Null(first.Generator);
            Assert.Empty(first.ReportErrors);
            Assert.Equal("example.com", first.PolicyDomain);
            var p = first.PublishedPolicy;
            Assert.Equal(("example.com", "r", "r", "none", "none", 100), (p.Domain, p.AlignmentDkim, p.AlignmentSpf, p.Policy, p.SubdomainPolicy, p.Pct!.Value));
            Assert.Null(p.NonexistentDomainPolicy);
            Assert.Null(p.DiscoveryMethod);
            Assert.Equal("p=none; sp=none; adkim=r; aspf=r; pct=100", p.ToString());
            Assert.Equal(("192.0.2.10", 1240L, "none", "pass", "pass"), (first.SourceIP, first.Count, first.Disposition, first.DkimEvaluated, first.SpfEvaluated));
            Assert.Equal("example.com", first.HeaderFrom);
            Assert.Equal("example.com", first.EnvelopeFrom);   // no envelope_from: the SPF (mfrom) result's domain
            Assert.Equal("example.com/selector1=pass", Assert.Single(first.DkimResults).ToString());
            Assert.Equal("example.com=pass", Assert.Single(first.SpfResults).ToString());
            Assert.True(first.Aligned && first.DkimAligned && first.SpfAligned);
            Assert.Null(first.SendingService);

            // IPv6 in canonical RFC 5952 form.
            Assert.Equal("2001:db8:1::25", rows[1].SourceIP);

            // Amazon SES: DKIM aligned (d=example.com), SPF passes for amazonses.com but does not align.
            var ses = rows[2];
            Assert.True(ses.Aligned);
            Assert.True(ses.DkimAligned);
            Assert.False(ses.SpfAligned);
            Assert.Equal("Amazon SES", ses.SendingService);
            Assert.Equal("amazonses.com", ses.EnvelopeFrom);
            Assert.Equal(2, ses.DkimResults.Count);

            // The forwarder: both fail, with the receiver's override reason and the human_result.
            var fwd = rows[3];
            Assert.False(fwd.Aligned);
            var reason = Assert.Single(fwd.PolicyOverrides);
            Assert.Equal(("forwarded", "looks forwarded, ARC chain from lists.example.org"), (reason.Type, reason.Comment));
            Assert.Equal("body hash did not verify", fwd.DkimResults[0].HumanResult);
            Assert.Equal("softfail", fwd.SpfResults[0].Result);

            // The unknown source: no DKIM result at all.
            Assert.Empty(rows[4].DkimResults);
            Assert.False(rows[4].Aligned);
            Assert.Equal(new long[] { 1240, 310, 5021, 14, 57 }, rows.Select(r => r.Count));
        }

        [Fact]
        public void Rfc9990_report_every_new_field()
        {
            var rows = Parse(ReportFixtures.Sample("example.com-receiver.example-rfc9990.xml"));
            Assert.Equal(2, rows.Count);
            var r = rows[0];
            Assert.Equal("1.0", r.SchemaVersion);
            Assert.Equal(DmarcAggregateReportParser.Rfc9990Namespace, r.SchemaNamespace);
            Assert.Equal("Example DMARC Reporter 2.1", r.Generator);
            Assert.Equal("reject", r.PublishedPolicy.NonexistentDomainPolicy);
            Assert.Equal("treewalk", r.PublishedPolicy.DiscoveryMethod);
            Assert.Equal("n", r.PublishedPolicy.Testing);
            Assert.Null(r.PublishedPolicy.Pct);
            Assert.Equal("pass", r.Disposition);   // RFC 9990 allows "pass"
            Assert.Equal("receiver.example", r.EnvelopeTo);
            Assert.Equal("eu-west-1.amazonses.com", r.EnvelopeFrom);
            Assert.Equal("a2hipgad57lm4mi2yhz2nartbnlzgcjn", r.DkimResults[0].Selector);
            Assert.Null(r.SpfResults[0].Scope);   // scope is gone in RFC 9990
            Assert.Equal("Amazon SES", r.SendingService);
            Assert.Equal("203.0.113.200 is not in v=spf1 of example.com", rows[1].SpfResults[0].HumanResult);
            Assert.Equal("signature did not verify", rows[1].DkimResults[0].HumanResult);
        }

        [Fact]
        public void Values_are_trimmed_and_enumerations_lower_cased()
        {
            var xml = Head.Replace("<p>none</p>", "<p> Quarantine </p><adkim>S</adkim>") +
                      "<record><row><source_ip> 2001:DB8:0:0:0:0:0:1 </source_ip><count> 3 </count><policy_evaluated>" +
                      "<disposition>Quarantine</disposition><dkim>FAIL</dkim><spf>Pass</spf></policy_evaluated></row>" +
                      "<identifiers><header_from> Example.COM. </header_from></identifiers><auth_results>" +
                      "<spf><domain>Mail.Example.com</domain><scope>MFROM</scope><result>PASS</result></spf></auth_results></record></feedback>";
            var r = Assert.Single(ParseText(xml));
            Assert.Equal(("2001:db8::1", 3L, "quarantine", "fail", "pass"), (r.SourceIP, r.Count, r.Disposition, r.DkimEvaluated, r.SpfEvaluated));
            Assert.Equal("example.com", r.HeaderFrom);
            Assert.Equal(("quarantine", "s"), (r.PublishedPolicy.Policy, r.PublishedPolicy.AlignmentDkim));
            Assert.Equal(("mail.example.com", "mfrom", "pass"), (r.SpfResults[0].Domain, r.SpfResults[0].Scope, r.SpfResults[0].Result));
            Assert.True(r.Aligned);
            Assert.False(r.DkimAligned);
        }

        [Fact]
        public void A_report_declared_windows_1252_is_decoded()
        {
            // Some reporters write encoding="windows-1252"; 0xFC is ü there (and 0x80, €, only there, not in Latin-1).
            var xml = "<?xml version=\"1.0\" encoding=\"windows-1252\"?>" + Head.Replace("r.example", "M\u00fcller \u20ac") + Row() + "</feedback>";
            var bytes = new byte[xml.Length];
            for (var i = 0; i < xml.Length; i++) bytes[i] = xml[i] == '\u00fc' ? (byte)0xFC : xml[i] == '\u20ac' ? (byte)0x80 : (byte)xml[i];
            using var s = new MemoryStream(bytes);
            var r = Assert.Single(new DmarcAggregateReportParser().Parse(s, "cp1252.xml"));
            Assert.Equal("M\u00fcller \u20ac", r.OrgName);
        }

        [Theory]
        [InlineData("192.0.2", "1")]        // IPAddress.Parse would read 192.0.0.2
        [InlineData("3221225985", "1")]     // ... or 192.0.2.1
        [InlineData("fe80::1%eth0", "1")]   // a zone index
        [InlineData("not-an-ip", "1")]
        [InlineData("192.0.2.1", "-4")]
        [InlineData("192.0.2.1", "many")]
        public void A_row_with_a_bad_source_ip_or_count_is_skipped_with_a_warning(string ip, string count)
        {
            var warnings = new List<string>();
            var rows = ParseText(Head + Row("192.0.2.9") + Row(ip, count) + Row("192.0.2.10") + "</feedback>", warnings);
            Assert.Equal(new[] { "192.0.2.9", "192.0.2.10" }, rows.Select(r => r.SourceIP));
            var w = Assert.Single(warnings);
            Assert.Contains("record 2", w);
            Assert.Contains("row skipped", w);
            Assert.StartsWith("test.xml: ", w);
        }

        [Fact]
        public void Warnings_are_bounded_per_report()
        {
            var warnings = new List<string>();
            var body = string.Concat(Enumerable.Range(0, 100).Select(_ => Row("bad")));
            var rows = ParseText(Head + body + "</feedback>", warnings, new DmarcReportParserOptions { MaxWarningsPerReport = 5 });
            Assert.Empty(rows);
            Assert.Equal(6, warnings.Count);
            Assert.Contains("95 more warnings not shown (100 in all)", warnings[5]);
        }

        [Fact]
        public void Metadata_after_the_records_is_waited_for_within_a_bound()
        {
            var meta = Head.Substring("<feedback>".Length);
            var rows = ParseText("<feedback>" + Row("192.0.2.1") + Row("192.0.2.2") + meta + Row("192.0.2.3") + "</feedback>");
            Assert.Equal(new[] { "192.0.2.1", "192.0.2.2", "192.0.2.3" }, rows.Select(r => r.SourceIP));
            Assert.All(rows, r => Assert.Equal(("r.example", "example.com"), (r.OrgName, r.PolicyDomain)));

            var tooMany = "<feedback>" + string.Concat(Enumerable.Range(1, 11).Select(i => Row($"192.0.2.{i}"))) + meta + "</feedback>";
            var e = Assert.Throws<DmarcReportFormatException>(() => ParseText(tooMany, options: new DmarcReportParserOptions { MaxBufferedRows = 10 }));
            Assert.Contains("more than 10 records come before report_metadata", e.Message);
        }

        [Fact]
        public void A_report_cut_short_keeps_the_rows_read_before_the_error()
        {
            var xml = Head + Row("192.0.2.1") + Row("192.0.2.2") + "<record><row><source_ip>192.0.2.3</sou";
            var seen = new List<string>();
            using var s = new MemoryStream(Encoding.UTF8.GetBytes(xml));
            var e = Assert.Throws<DmarcReportFormatException>(() =>
            {
                foreach (var r in new DmarcAggregateReportParser().Parse(s, "cut.xml")) seen.Add(r.SourceIP);
            });
            Assert.Equal(new[] { "192.0.2.1", "192.0.2.2" }, seen);
            Assert.StartsWith("cut.xml: ", e.Message);
        }

        [Fact]
        public void Billion_laughs_is_refused_before_any_expansion()
        {
            var e = Assert.Throws<DmarcReportFormatException>(() => Parse(ReportFixtures.Hostile("billion-laughs.xml")));
            Assert.Contains("DTD", e.Message);
            Assert.Contains("billion-laughs.xml", e.Message);
        }

        [Fact]
        public void An_external_entity_is_never_resolved()
        {
            var rows = new List<DmarcReportRecord>();
            var e = Assert.Throws<DmarcReportFormatException>(() => rows.AddRange(Parse(ReportFixtures.Hostile("external-entity.xml"))));
            Assert.Contains("DTD", e.Message);
            Assert.DoesNotContain("root:", e.Message);
            Assert.Empty(rows);
        }

        [Fact]
        public void A_wrong_root_element_names_it()
        {
            var e = Assert.Throws<DmarcReportFormatException>(() => Parse(ReportFixtures.Hostile("wrong-root.xml")));
            Assert.Contains("<feedbackreport>, not <feedback>", e.Message);
        }

        [Fact]
        public void Nesting_fifty_levels_deep_is_refused_after_the_rows_before_it()
        {
            var rows = new List<DmarcReportRecord>();
            var e = Assert.Throws<DmarcReportFormatException>(() =>
            {
                using var file = File.OpenRead(ReportFixtures.Hostile("deep-50-levels.xml"));
                foreach (var r in new DmarcAggregateReportParser().Parse(file, "deep.xml")) rows.Add(r);
            });
            Assert.Contains("nested deeper than 16 levels", e.Message);
            Assert.Single(rows);
        }

        [Fact]
        public void Not_xml_is_a_format_error()
        {
            Assert.Throws<DmarcReportFormatException>(() => ParseText("{\"policies\": []}"));
            Assert.Throws<DmarcReportFormatException>(() => ParseText("<feedback><report_metadata><org_name><b>x</b></org_name></report_metadata></feedback>"));
        }

        [Fact]
        public void The_character_bound_stops_an_oversized_document()
        {
            var xml = Head + string.Concat(Enumerable.Range(0, 200).Select(_ => Row())) + "</feedback>";
            var e = Assert.Throws<DmarcReportFormatException>(() => ParseText(xml, options: new DmarcReportParserOptions { MaxCharactersInDocument = 10_000 }));
            Assert.StartsWith("test.xml: ", e.Message);
        }

        [Fact]
        public void Results_per_row_are_bounded()
        {
            var auth = string.Concat(Enumerable.Range(0, 50).Select(i => $"<dkim><domain>d{i}.example</domain><result>pass</result></dkim>"));
            var r = Assert.Single(ParseText(Head + Row(auth: auth) + "</feedback>", options: new DmarcReportParserOptions { MaxResultsPerRow = 10 }));
            Assert.Equal(10, r.DkimResults.Count);
        }

        [Fact]
        public void A_large_report_streams_in_constant_memory()
        {
            // ~300,000 rows (about 120 MB of XML) generated as they are read. Streaming is shown without measuring the
            // process's memory (other tests allocate beside this one): rows come out while little of the document has been
            // read, and a row handed out is not held by the parser (it is collected while the parse goes on). The
            // memory figures are in benchmarks/README.md (ingest mode).
            const int rows = 300_000;
            using var source = new GeneratedReportStream(rows);
            long count = 0, producedAtFirst = 0;
            WeakReference? early = null;
            var earlyCollected = false;
            foreach (var row in new DmarcAggregateReportParser().Parse(source, "generated.xml"))
            {
                count++;
                if (count == 1) producedAtFirst = source.BytesProduced;
                if (count == 10_000) early = new WeakReference(row);
                if (count == rows - 1)
                {
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    GC.Collect();
                    earlyCollected = !early!.IsAlive;
                }
            }
            Assert.Equal(rows, count);
            Assert.True(source.BytesProduced > 100_000_000, $"{source.BytesProduced} bytes");
            Assert.True(producedAtFirst < 1_000_000, $"the first row came after {producedAtFirst:N0} bytes were read");
            Assert.True(earlyCollected, "row 10,000 was still referenced 290,000 rows later");
        }
    }
}
